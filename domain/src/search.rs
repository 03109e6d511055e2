//! Finding people as a merchant types them (受注一覧's search): the buyer's
//! name with an ASCII space, a full-width space or none, in kanji or in
//! kana (hiragana or katakana), the e-mail in any case, the phone with or
//! without hyphens, and full-width digits and letters as half-width. The
//! stored text and the query are both [`normalize`]d, so a plain `LIKE`
//! finds one in the other.

use crate::order::Buyer;

/// `s` as searched: full-width ASCII as half-width, hiragana as katakana,
/// ASCII lower-cased, and no spaces or hyphens. The long-vowel mark 「ー」
/// stays in kana (コーヒー) but not after a digit, where it was typed as
/// a hyphen (０９０ー１２３４).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            // Full-width ASCII (！ to ～).
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            // Hiragana ぁ to ゖ, and the iteration marks ゝゞ.
            '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' => {
                char::from_u32(c as u32 + 0x60).unwrap_or(c)
            }
            _ => c,
        };
        let hyphen = matches!(
            c,
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}'
        );
        let dash_after_digit = c == 'ー' && out.ends_with(|p: char| p.is_ascii_digit());
        if !(c.is_whitespace() || hyphen || dash_after_digit) {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// What a buyer is found by: the name, the name in kana, the e-mail and the
/// phone, each [`normalize`]d, one per line.
pub fn buyer_text(buyer: &Buyer) -> String {
    [
        format!("{}{}", buyer.name.family(), buyer.name.given()),
        format!(
            "{}{}",
            buyer.family_kana.as_ref(),
            buyer.given_kana.as_ref()
        ),
        buyer.email.as_ref().to_owned(),
        buyer.phone.as_ref().to_owned(),
    ]
    .iter()
    .map(|part| normalize(part))
    .collect::<Vec<_>>()
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_however_it_is_typed() {
        let stored = normalize("受入太郎");
        for typed in ["受入 太郎", "受入　太郎", "受入太郎", " 受入 "] {
            assert!(stored.contains(&normalize(typed)), "{typed:?}");
        }
        let kana = normalize("ウケイレタロウ");
        for typed in ["うけいれ たろう", "ウケイレ　タロウ", "うけいれ"] {
            assert!(kana.contains(&normalize(typed)), "{typed:?}");
        }
        assert_eq!(
            normalize("コーヒー"),
            "コーヒー",
            "the long-vowel mark stays"
        );
    }

    #[test]
    fn e_mails_phones_and_numbers_are_found_in_any_width_and_case() {
        assert_eq!(normalize("Taro@Example.JP"), "taro@example.jp");
        assert_eq!(
            normalize("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"),
            "taro@example.jp"
        );
        assert_eq!(normalize("090-1234-5678"), "09012345678");
        assert_eq!(
            normalize("０９０ー１２３４ー５６７８"),
            "09012345678",
            "「ー」 typed as a hyphen"
        );
        assert_eq!(normalize("０９０－１２３４－５６７８"), "09012345678");
        assert_eq!(normalize("20261206-000001"), "20261206000001");
    }
}
