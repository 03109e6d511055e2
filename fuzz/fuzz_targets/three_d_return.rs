//! The 3-D Secure return POST as the merchant receives it from any browser:
//! any body gives the sixteen fields or a reason, never a panic, and what
//! is read is forwarded unchanged (encoding it again reads back the same).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerostep_webcollect::three_d::{strip_cdata, ThreeDReturn};

fuzz_target!(|data: &[u8]| {
    if let Ok(ret) = ThreeDReturn::parse(data) {
        let again = ThreeDReturn::parse(ret.to_post_body().as_bytes());
        assert_eq!(again.as_ref(), Ok(&ret));
        let _ = (ret.token(), ret.result_code());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let inner = strip_cdata(text);
        assert!(inner.len() <= text.len());
    }
});
