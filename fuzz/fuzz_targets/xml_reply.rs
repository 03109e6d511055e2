//! The gateway's XML reply parser: any bytes give a document or an error,
//! never a panic; what it parsed writes back out to the same document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerostep_webcollect::xml::ReturnDoc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(doc) = ReturnDoc::parse(text) {
        let again = ReturnDoc::parse(&doc.to_xml()).expect("our own output parses");
        assert_eq!(again, doc, "parse → to_xml → parse changed the document");
    }
});
