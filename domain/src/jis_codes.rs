//! Which Shift_JIS codes are JIS X 0208's: shared by `build.rs`, which
//! builds the table from the encoder, and [`crate::text`], which builds it
//! at run time from a decoder when the table is not built in.

/// Whether a two-byte code is one of CP932's vendor extensions (NEC
/// specials, NEC-selected and IBM extensions, the user area) or one of the
/// symbols that differ between code pages.
pub(crate) fn prohibited_cp932(code: u16) -> bool {
    matches!(
        code,
        0x815C | 0x8160 | 0x8161 | 0x817C | 0x8191 | 0x8192 | 0x81CA
    ) || (0x8740..=0x879E).contains(&code)
        || (0xED40..=0xEEFC).contains(&code)
        || (0xFA40..=0xFC4B).contains(&code)
        || (0xF040..=0xF9FC).contains(&code)
}

/// Every two-byte Shift_JIS code outside the vendor ranges, one after the
/// other: lead bytes 0x81–0x9F and 0xE0–0xEF, trail bytes 0x40–0x7E and
/// 0x80–0xFC. Some are unassigned; a decoder makes U+FFFD of them.
pub(crate) fn jis0208_code_bytes() -> Vec<u8> {
    let mut bytes = Vec::with_capacity(16_000);
    for lead in (0x81u8..=0x9F).chain(0xE0..=0xEF) {
        for trail in 0x40u8..=0xFC {
            if trail != 0x7F && !prohibited_cp932(u16::from_be_bytes([lead, trail])) {
                bytes.extend([lead, trail]);
            }
        }
    }
    bytes
}
