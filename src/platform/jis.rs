//! The browser's Shift_JIS decoder, from which the domain builds its JIS
//! X 0208 table (the characters a delivery slip prints) on first use,
//! rather than the bundle carrying the 8 KiB table.

/// Gives the domain the browser's decoder (once; later calls do nothing).
pub fn use_browser_decoder() {
    zerostep_domain::text::use_shift_jis_decoder(decode);
}

/// `bytes` as Shift_JIS, through the Encoding Standard's decoder (the one
/// `encoding_rs`, and so the built-in table, follows); `None` if the browser
/// has none, and then every character passes here and the server judges.
pub fn decode(bytes: &[u8]) -> Option<String> {
    web_sys::TextDecoder::new_with_label("shift_jis")
        .and_then(|decoder| decoder.decode_with_u8_array(bytes))
        .ok()
}
