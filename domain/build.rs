//! Generates the JIS X 0208 table used by `text::is_supported_char`: one bit
//! per BMP code point, set when Shift_JIS encodes it in two bytes outside the
//! CP932 vendor ranges. Computing it here keeps the Shift_JIS encoder (and
//! its tables for other encodings) out of every build; the browser bundles
//! leave out the table as well (feature `jis-table`) and build it from the
//! browser's own decoder.

use std::io::Write;

#[allow(dead_code)]
#[path = "src/jis_codes.rs"]
mod jis_codes;

fn main() {
    let mut bits = vec![0u8; 0x10000 / 8];
    for cp in 0x80u32..0x10000 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
        if unmappable || bytes.len() != 2 {
            continue;
        }
        if !jis_codes::prohibited_cp932(u16::from_be_bytes([bytes[0], bytes[1]])) {
            bits[(cp / 8) as usize] |= 1 << (cp % 8);
        }
    }
    let out = std::env::var_os("OUT_DIR")
        .map(std::path::PathBuf::from)
        .expect("cargo sets OUT_DIR");
    let mut file = std::fs::File::create(out.join("jis0208.bin")).expect("create table");
    file.write_all(&bits).expect("write table");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/jis_codes.rs");
}
