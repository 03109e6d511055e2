//! Japanese addresses: 郵便番号, 都道府県, 市区町村, 番地, 建物名.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{first_unsupported, fullwidth_to_ascii, is_dash};

/// Why a postal code is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PostalCodeError {
    /// Empty.
    #[error("required")]
    Empty,
    /// Not seven digits (optionally `123-4567`).
    #[error("must be 7 digits, like 123-4567")]
    Invalid,
}

/// 郵便番号: seven digits. Accepts `1234567`, `123-4567`, `〒123-4567`,
/// full-width digits and IME dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

impl PostalCode {
    /// Parses a postal code.
    pub fn parse(input: &str) -> Result<Self, PostalCodeError> {
        let folded: String = fullwidth_to_ascii(input)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '〒')
            .map(|c| if is_dash(c) { '-' } else { c })
            .collect();
        if folded.is_empty() {
            return Err(PostalCodeError::Empty);
        }
        let digits = match folded.split_once('-') {
            Some((a, b)) if a.len() == 3 && b.len() == 4 => format!("{a}{b}"),
            Some(_) => return Err(PostalCodeError::Invalid),
            None => folded,
        };
        if digits.len() != 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PostalCodeError::Invalid);
        }
        Ok(PostalCode(digits))
    }

    /// The seven digits.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PostalCode {
    type Error = PostalCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PostalCode::parse(&value)
    }
}

impl From<PostalCode> for String {
    fn from(value: PostalCode) -> Self {
        value.0
    }
}

impl fmt::Display for PostalCode {
    /// `123-4567`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..3], &self.0[3..])
    }
}

/// The 47 prefectures in JIS X 0401 order: (Japanese, English).
const PREFECTURES: [(&str, &str); 47] = [
    ("北海道", "Hokkaido"),
    ("青森県", "Aomori"),
    ("岩手県", "Iwate"),
    ("宮城県", "Miyagi"),
    ("秋田県", "Akita"),
    ("山形県", "Yamagata"),
    ("福島県", "Fukushima"),
    ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"),
    ("群馬県", "Gunma"),
    ("埼玉県", "Saitama"),
    ("千葉県", "Chiba"),
    ("東京都", "Tokyo"),
    ("神奈川県", "Kanagawa"),
    ("新潟県", "Niigata"),
    ("富山県", "Toyama"),
    ("石川県", "Ishikawa"),
    ("福井県", "Fukui"),
    ("山梨県", "Yamanashi"),
    ("長野県", "Nagano"),
    ("岐阜県", "Gifu"),
    ("静岡県", "Shizuoka"),
    ("愛知県", "Aichi"),
    ("三重県", "Mie"),
    ("滋賀県", "Shiga"),
    ("京都府", "Kyoto"),
    ("大阪府", "Osaka"),
    ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"),
    ("和歌山県", "Wakayama"),
    ("鳥取県", "Tottori"),
    ("島根県", "Shimane"),
    ("岡山県", "Okayama"),
    ("広島県", "Hiroshima"),
    ("山口県", "Yamaguchi"),
    ("徳島県", "Tokushima"),
    ("香川県", "Kagawa"),
    ("愛媛県", "Ehime"),
    ("高知県", "Kochi"),
    ("福岡県", "Fukuoka"),
    ("佐賀県", "Saga"),
    ("長崎県", "Nagasaki"),
    ("熊本県", "Kumamoto"),
    ("大分県", "Oita"),
    ("宮崎県", "Miyazaki"),
    ("鹿児島県", "Kagoshima"),
    ("沖縄県", "Okinawa"),
];

/// 都道府県, by its JIS X 0401 code (1 北海道 … 47 沖縄県). JSON carries the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "u8", into = "u8")]
pub struct Prefecture(u8);

/// Not a prefecture code (1–47).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("prefecture code must be 1 to 47 (got {0})")]
pub struct PrefectureError(pub u8);

impl Prefecture {
    /// The prefecture with JIS code `code`.
    pub fn from_code(code: u8) -> Result<Self, PrefectureError> {
        if (1..=47).contains(&code) {
            Ok(Prefecture(code))
        } else {
            Err(PrefectureError(code))
        }
    }

    /// The prefecture called `name` (Japanese, e.g. `東京都`).
    pub fn from_name(name: &str) -> Option<Self> {
        PREFECTURES
            .iter()
            .position(|(ja, _)| *ja == name)
            .and_then(|i| u8::try_from(i + 1).ok())
            .map(Prefecture)
    }

    /// All 47, in JIS order.
    pub fn all() -> impl Iterator<Item = Prefecture> {
        (1..=47).map(Prefecture)
    }

    /// The JIS code.
    pub fn code(self) -> u8 {
        self.0
    }

    /// The Japanese name (`東京都`).
    pub fn name_ja(self) -> &'static str {
        PREFECTURES[usize::from(self.0 - 1)].0
    }

    /// The English name (`Tokyo`).
    pub fn name_en(self) -> &'static str {
        PREFECTURES[usize::from(self.0 - 1)].1
    }
}

impl TryFrom<u8> for Prefecture {
    type Error = PrefectureError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Prefecture::from_code(value)
    }
}

impl From<Prefecture> for u8 {
    fn from(value: Prefecture) -> Self {
        value.0
    }
}

impl fmt::Display for Prefecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_ja())
    }
}

/// Why an address line is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressLineError {
    /// Empty (for a required line).
    #[error("required")]
    Empty,
    /// More than 50 characters.
    #[error("at most 50 characters")]
    TooLong,
    /// A character outside JIS X 0208 (delivery slips print JIS only).
    #[error("the character {0:?} cannot be used")]
    Unsupported(char),
}

/// One line of an address (市区町村, 番地 or 建物名): ≤ 50 characters of JIS
/// X 0208; full-width digits and dashes typed by an IME become half-width.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct AddressLine(String);

impl AddressLine {
    /// Parses a required line.
    pub fn parse(input: &str) -> Result<Self, AddressLineError> {
        let folded = fullwidth_to_ascii(input);
        let chars: Vec<char> = folded.trim().chars().collect();
        // A dash between digits is a hyphen, whatever the IME typed (1ー2ー3 → 1-2-3).
        let s: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
                let digit_after = chars.get(i + 1).is_some_and(char::is_ascii_digit);
                if is_dash(c) && digit_before && digit_after {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        if s.is_empty() {
            return Err(AddressLineError::Empty);
        }
        if s.chars().count() > 50 {
            return Err(AddressLineError::TooLong);
        }
        if let Some(c) = first_unsupported(&s).or_else(|| s.chars().find(|c| c.is_control())) {
            return Err(AddressLineError::Unsupported(c));
        }
        Ok(AddressLine(s))
    }

    /// Parses an optional line: empty is `None`.
    pub fn parse_optional(input: &str) -> Result<Option<Self>, AddressLineError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }
}

impl TryFrom<String> for AddressLine {
    type Error = AddressLineError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        AddressLine::parse(&value)
    }
}

impl From<AddressLine> for String {
    fn from(value: AddressLine) -> Self {
        value.0
    }
}

impl AsRef<str> for AddressLine {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A full Japanese address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    /// 郵便番号.
    pub postal_code: PostalCode,
    /// 都道府県.
    pub prefecture: Prefecture,
    /// 市区町村 (and 町域).
    pub city: AddressLine,
    /// 番地.
    pub line1: AddressLine,
    /// 建物名・部屋番号 (optional).
    pub line2: Option<AddressLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_accept_what_people_type() {
        for input in [
            "1000001",
            "100-0001",
            "〒100-0001",
            "１００－０００１",
            "100ー0001",
            " 100 0001 ",
        ] {
            assert_eq!(
                PostalCode::parse(input).map(|p| p.to_string()),
                Ok("100-0001".to_owned()),
                "{input}"
            );
        }
        assert_eq!(PostalCode::parse(""), Err(PostalCodeError::Empty));
        for bad in ["100001", "10000011", "1000-001", "abc-defg", "100-00a1"] {
            assert_eq!(
                PostalCode::parse(bad),
                Err(PostalCodeError::Invalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn prefectures_in_jis_order() {
        assert_eq!(Prefecture::all().count(), 47);
        assert_eq!(
            Prefecture::from_code(13).map(Prefecture::name_ja),
            Ok("東京都")
        );
        assert_eq!(
            Prefecture::from_code(47).map(Prefecture::name_en),
            Ok("Okinawa")
        );
        assert_eq!(
            Prefecture::from_name("北海道").map(Prefecture::code),
            Some(1)
        );
        assert_eq!(Prefecture::from_code(0), Err(PrefectureError(0)));
        assert_eq!(Prefecture::from_code(48), Err(PrefectureError(48)));
        assert!(serde_json::from_str::<Prefecture>("48").is_err());
    }

    #[test]
    fn address_lines_normalise_ime_input() {
        assert_eq!(
            AddressLine::parse("千代田１ー２ー３").map(String::from),
            Ok("千代田1-2-3".to_owned())
        );
        assert_eq!(
            AddressLine::parse("コーポラス").map(String::from),
            Ok("コーポラス".to_owned())
        );
        assert_eq!(AddressLine::parse("  "), Err(AddressLineError::Empty));
        assert_eq!(AddressLine::parse_optional(" "), Ok(None));
        assert_eq!(
            AddressLine::parse(&"あ".repeat(51)),
            Err(AddressLineError::TooLong)
        );
        assert_eq!(
            AddressLine::parse("①ビル"),
            Err(AddressLineError::Unsupported('①'))
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn postal_codes_round_trip(input in "[0-9０-９〒ー－ -]{0,12}") {
                if let Ok(code) = PostalCode::parse(&input) {
                    prop_assert_eq!(code.digits().len(), 7);
                    prop_assert_eq!(PostalCode::parse(&code.to_string()), Ok(code.clone()));
                }
            }

            #[test]
            fn address_lines_never_panic(input in "\\PC{0,60}") {
                if let Ok(line) = AddressLine::parse(&input) {
                    prop_assert_eq!(AddressLine::parse(line.as_ref()), Ok(line.clone()));
                }
            }
        }
    }
}
