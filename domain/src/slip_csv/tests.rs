use super::*;

/// A Yamato slip: eleven digits and their remainder by 7.
fn slip(body: u64) -> String {
    format!("{body:011}{}", body % 7)
}

fn sjis(text: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
}

fn orders(file: &SlipFile) -> Vec<(usize, &str, &str)> {
    file.rows
        .iter()
        .map(|r| (r.line, r.order.as_str(), r.slip.as_ref()))
        .collect()
}

#[test]
fn a_plain_file_reads_with_or_without_a_header_in_utf8_or_shift_jis() {
    let (a, b) = (slip(12_345_678_901), slip(22_222_222_222));
    let plain = format!("20261206-000001,{a}\r\n20261206-000002,{b}\r\n");
    let file = read(plain.as_bytes(), Carrier::Yamato).expect("reads");
    assert_eq!(file.layout, Layout::Plain { header: false });
    assert_eq!(file.encoding, TextEncoding::Utf8);
    assert_eq!(
        orders(&file),
        vec![
            (1, "20261206-000001", a.as_str()),
            (2, "20261206-000002", b.as_str())
        ]
    );
    assert!(file.errors.is_empty());

    let headed = format!("注文番号,問い合わせ番号\n20261206-000001,{a}\n");
    for (bytes, encoding) in [
        (sjis(&headed), TextEncoding::ShiftJis),
        (
            [b"\xEF\xBB\xBF".as_slice(), headed.as_bytes()].concat(),
            TextEncoding::Utf8,
        ),
    ] {
        let file = read(&bytes, Carrier::Yamato).expect("reads");
        assert_eq!(file.encoding, encoding);
        assert_eq!(file.layout, Layout::Plain { header: true });
        assert_eq!(orders(&file), vec![(2, "20261206-000001", a.as_str())]);
    }
}

#[test]
fn b2_clouds_export_is_read_by_its_column_names() {
    let (a, b) = (slip(33_333_333_333), slip(44_444_444_444));
    let text = format!(
        "\"お客様管理番号\",\"送り状種類\",\"クール区分\",\"伝票番号\",\"お届け先名\",\"品名１\"\r\n\
         \"20261206-000003\",\"0\",\"0\",\"{a}\",\"山田, 太郎\",\"湯呑み\"\r\n\
         \"20261206-000004\",\"0\",\"0\",\"{}-{}-{}\",\"受入 花子\",\"二行の\r\n品名\"\r\n\
         \"20261206-000005\",\"0\",\"0\",\"{b}\",\"鈴木\",\"\"\r\n",
        &b[..4],
        &b[4..8],
        &b[8..]
    );
    let file = read(&sjis(&text), Carrier::Yamato).expect("reads");
    assert_eq!(file.layout, Layout::B2Cloud);
    assert_eq!(file.encoding, TextEncoding::ShiftJis);
    // A quoted line break moves the next record to line 5; one slip may
    // carry two orders (同梱), so b again is no error.
    assert_eq!(
        orders(&file),
        vec![
            (2, "20261206-000003", a.as_str()),
            (3, "20261206-000004", b.as_str()),
            (5, "20261206-000005", b.as_str()),
        ]
    );
    assert_eq!(file.errors, vec![]);
}

#[test]
fn every_bad_row_is_reported_by_line_and_the_others_still_read() {
    let good = slip(55_555_555_555);
    let mut wrong = slip(66_666_666_666);
    wrong.replace_range(11.., if wrong.ends_with('0') { "1" } else { "0" });
    let text = format!(
        "A-1,{good}\n\
         A-2,{wrong}\n\
         ,{good}\n\
         A-3,\n\
         \n\
         A-1,{}\n\
         A-4,SAGAWA-123,その他\n\
         A-5,{good},佐川\n",
        slip(77_777_777_777)
    );
    let file = read(text.as_bytes(), Carrier::Yamato).expect("reads");
    assert_eq!(
        orders(&file),
        vec![(1, "A-1", good.as_str()), (7, "A-4", "SAGAWA-123")]
    );
    assert_eq!(file.rows[1].carrier, Carrier::Other);
    let problems: Vec<(usize, RowProblem)> = file
        .errors
        .iter()
        .map(|e| (e.line, e.problem.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (2, RowProblem::BadCheckDigit),
            (3, RowProblem::NoOrder),
            (4, RowProblem::NoSlip),
            (6, RowProblem::Duplicate { first_line: 1 }),
            (8, RowProblem::UnknownCarrier("佐川".to_owned())),
        ]
    );
}

#[test]
fn a_file_that_cannot_be_read_says_why() {
    assert_eq!(read(b"", Carrier::Yamato), Err(FileError::Empty));
    assert_eq!(
        read(&vec![b'1'; MAX_BYTES + 1], Carrier::Yamato),
        Err(FileError::TooLarge)
    );
    let many = format!("A,{}\n", slip(1)).repeat(MAX_ROWS + 1);
    assert_eq!(
        read(many.as_bytes(), Carrier::Yamato),
        Err(FileError::TooManyRows)
    );
    assert_eq!(
        read(b"\xFF\xFE\x80\x81", Carrier::Yamato),
        Err(FileError::NotText)
    );
    assert_eq!(
        read(b"A,1\nB,\"12345\nC,3\n", Carrier::Yamato),
        Err(FileError::Malformed { line: 2 }),
        "a quote left open"
    );
    assert_eq!(
        read("注文番号,メモ\nA,x\n".as_bytes(), Carrier::Yamato),
        Err(FileError::MissingColumns)
    );
}

#[test]
fn the_files_carrier_applies_where_a_row_names_none() {
    let file = read(b"A,ABC-123\n", Carrier::Other).expect("reads");
    assert_eq!(orders(&file), vec![(1, "A", "ABC-123")]);
    assert_eq!(file.rows[0].carrier, Carrier::Other);
    let file = read(b"A,ABC-123\n", Carrier::Yamato).expect("reads");
    assert_eq!(file.errors[0].problem, RowProblem::BadCheckDigit);
}
