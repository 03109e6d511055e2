//! The sandbox's form parser and the gateway's field rules it runs on every
//! call (the client runs the same before sending): any body gives fields and
//! a verdict per API function, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerostep_webcollect::rules::{self, Form, Limits};

fuzz_target!(|data: &[u8]| {
    let form = Form::from_urlencoded(data);
    let limits = Limits::default();
    let _ = rules::check_credit_token(&form, limits);
    let _ = rules::check_change_price(&form, limits);
    let _ = rules::check_shipment_entry(&form);
    let _ = rules::check_shipment_cancel(&form);
    let _ = rules::check_trader_ip(&form);
    for fd in ["A06", "A11", "E04"] {
        let _ = rules::check_order_ref(fd, &form);
    }
    if let Some(slip) = form.get("slip_no") {
        let normalized = rules::normalize_slip(slip);
        assert_eq!(rules::normalize_slip(&normalized), normalized);
        let _ = rules::yamato_check_digit_ok(&normalized);
    }
});
