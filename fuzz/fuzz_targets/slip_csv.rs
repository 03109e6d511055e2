//! The slip-number CSV of 売上確定一括処理: any bytes are read or refused
//! with a reason, never a panic; every row that reads has a slip and a
//! line, and no line is both read and reported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerostep_domain::merchant::Carrier;
use zerostep_domain::slip_csv;

fuzz_target!(|data: &[u8]| {
    for carrier in [Carrier::Yamato, Carrier::Other] {
        let Ok(file) = slip_csv::read(data, carrier) else {
            continue;
        };
        for row in &file.rows {
            assert!(!row.order.is_empty() && !row.slip.as_ref().is_empty());
            assert!(file.errors.iter().all(|e| e.line != row.line), "line {} both read and reported", row.line);
        }
        assert!(file.rows.len() + file.errors.len() <= slip_csv::MAX_ROWS);
    }
});
