//! Character and length rules of the gateway's text fields (protocol §4.3).
//!
//! Limits are stated as "60byte以下（半角40桁以下、全角20桁以下）": both the
//! UTF-8 byte length and the display width (full-width = 2 columns) must fit.
//! Characters outside JIS X 0208 ("サポート外文字") are refused: anything
//! Shift_JIS cannot encode, and the machine-dependent CP932 extensions (NEC
//! specials, IBM extensions, user area) and the few JIS symbols that map
//! differently between code pages.

/// Display width: 1 for ASCII and half-width katakana, 2 for everything else.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_ascii() || is_halfwidth_kana(c) {
                1
            } else {
                2
            }
        })
        .sum()
}

/// Half-width katakana and punctuation (U+FF61–U+FF9F).
pub fn is_halfwidth_kana(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// Whether `c` is a character the gateway supports in Japanese text: ASCII
/// printable, or a JIS X 0208 character (not a CP932 vendor extension).
pub fn is_supported_char(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    if is_halfwidth_kana(c) {
        return true; // allowed in general text; names refuse them separately
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
    if unmappable || bytes.len() != 2 {
        return false;
    }
    let code = u16::from_be_bytes([bytes[0], bytes[1]]);
    !is_prohibited_cp932(code)
}

/// CP932 codes the integrations replace as unsupported (EC-CUBE's
/// `isProhibitedChar`): ambiguous symbols, NEC specials, IBM extensions and
/// the user-defined area.
fn is_prohibited_cp932(code: u16) -> bool {
    matches!(
        code,
        0x815C | 0x8160 | 0x8161 | 0x817C | 0x8191 | 0x8192 | 0x81CA
    ) || (0x8740..=0x879E).contains(&code)
        || (0xED40..=0xEEFC).contains(&code)
        || (0xFA40..=0xFC4B).contains(&code)
        || (0xF040..=0xF9FC).contains(&code)
}

/// Whether `s` fits `max_bytes` UTF-8 bytes and `max_width` display columns.
pub fn fits(s: &str, max_bytes: usize, max_width: usize) -> bool {
    s.len() <= max_bytes && display_width(s) <= max_width
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_full_width_as_two() {
        assert_eq!(display_width("ABC"), 3);
        assert_eq!(display_width("山田 太郎"), 9);
        assert_eq!(display_width("ｱｲｳ"), 3);
        assert!(fits(&"山".repeat(20), 60, 40));
        assert!(!fits(&"山".repeat(21), 60, 40));
        assert!(fits(&"A".repeat(40), 60, 40));
        assert!(!fits(&"A".repeat(41), 60, 40));
    }

    #[test]
    fn jis_x_0208_characters_are_supported() {
        for c in "山田太郎やまだヤマダ　ー々〆髙"
            .chars()
            .filter(|c| *c != '髙')
        {
            assert!(is_supported_char(c), "{c}");
        }
        assert!(is_supported_char('A'));
        assert!(!is_supported_char('\n'));
    }

    #[test]
    fn vendor_extensions_and_unencodable_characters_are_refused() {
        // 髙 (IBM extension), ① and ㈱ (NEC specials), emoji, 𠮷 (outside BMP), ～ (FF5E → 8160).
        for c in ['髙', '①', '㈱', '😀', '𠮷', '～', '∥'] {
            assert!(!is_supported_char(c), "{c}");
        }
    }
}
