//! Generates the JIS X 0208 table used by `text::is_supported_char`: one bit
//! per BMP code point, set when Shift_JIS encodes it in two bytes outside the
//! CP932 vendor ranges. Computing it here keeps the Shift_JIS encoder (and
//! its tables for other encodings) out of the WebAssembly bundle: the SPA
//! carries only these 8 KiB.

use std::io::Write;

fn prohibited_cp932(code: u16) -> bool {
    matches!(
        code,
        0x815C | 0x8160 | 0x8161 | 0x817C | 0x8191 | 0x8192 | 0x81CA
    ) || (0x8740..=0x879E).contains(&code)
        || (0xED40..=0xEEFC).contains(&code)
        || (0xFA40..=0xFC4B).contains(&code)
        || (0xF040..=0xF9FC).contains(&code)
}

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
        if !prohibited_cp932(u16::from_be_bytes([bytes[0], bytes[1]])) {
            bits[(cp / 8) as usize] |= 1 << (cp % 8);
        }
    }
    let out = std::env::var_os("OUT_DIR")
        .map(std::path::PathBuf::from)
        .expect("cargo sets OUT_DIR");
    let mut file = std::fs::File::create(out.join("jis0208.bin")).expect("create table");
    file.write_all(&bits).expect("write table");
    println!("cargo::rerun-if-changed=build.rs");
}
