//! The buyer's or recipient's name: 氏名 (姓・名) and フリガナ.
//!
//! 氏名 goes to Web Collect as `buyer_name_kanji`, joined with a full-width
//! space: the whole must fit 60 UTF-8 bytes and 40 display columns, use JIS
//! X 0208 only, and contain no half-width katakana (A081010671/672).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{first_unsupported, fits, fullwidth_to_ascii, is_halfwidth_kana};

/// Longest name part, in characters, before the combined check.
const MAX_PART_CHARS: usize = 20;

/// Why a name part (姓 or 名) is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamePartError {
    /// Empty.
    #[error("required")]
    Empty,
    /// Half-width katakana (ｱｲｳ) is refused by the gateway.
    #[error("half-width katakana is not allowed")]
    HalfwidthKana,
    /// A character outside JIS X 0208 (e.g. 髙, ①, emoji).
    #[error("the character {0:?} cannot be used")]
    Unsupported(char),
    /// More than 20 characters.
    #[error("at most {MAX_PART_CHARS} characters")]
    TooLong,
}

/// One part of a name, trimmed, full-width ASCII folded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct NamePart(String);

impl NamePart {
    /// Parses a name part.
    pub fn parse(input: &str) -> Result<Self, NamePartError> {
        let s = fullwidth_to_ascii(input).trim().to_owned();
        if s.is_empty() {
            return Err(NamePartError::Empty);
        }
        if s.chars().any(is_halfwidth_kana) {
            return Err(NamePartError::HalfwidthKana);
        }
        if let Some(c) = first_unsupported(&s).or_else(|| s.chars().find(|c| c.is_control())) {
            return Err(NamePartError::Unsupported(c));
        }
        if s.chars().count() > MAX_PART_CHARS {
            return Err(NamePartError::TooLong);
        }
        Ok(NamePart(s))
    }
}

impl TryFrom<String> for NamePart {
    type Error = NamePartError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        NamePart::parse(&value)
    }
}

impl From<NamePart> for String {
    fn from(value: NamePart) -> Self {
        value.0
    }
}

impl AsRef<str> for NamePart {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Why a full name is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    /// The family name (姓) is invalid.
    #[error("family name: {0}")]
    Family(NamePartError),
    /// The given name (名) is invalid.
    #[error("given name: {0}")]
    Given(NamePartError),
    /// Together longer than 60 bytes / 40 columns (full-width: 19 characters plus the space).
    #[error("the full name is too long for the card gateway (40 columns)")]
    TooLong,
}

/// 氏名: family and given name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "PersonNameRaw", into = "PersonNameRaw")]
pub struct PersonName {
    family: NamePart,
    given: NamePart,
}

#[derive(Serialize, Deserialize)]
struct PersonNameRaw {
    family: String,
    given: String,
}

impl PersonName {
    /// Parses and checks both parts and the combined length.
    pub fn new(family: &str, given: &str) -> Result<Self, PersonNameError> {
        let family = NamePart::parse(family).map_err(PersonNameError::Family)?;
        let given = NamePart::parse(given).map_err(PersonNameError::Given)?;
        let name = PersonName { family, given };
        if !fits(&name.full(), 60, 40) {
            return Err(PersonNameError::TooLong);
        }
        Ok(name)
    }

    /// 姓.
    pub fn family(&self) -> &str {
        self.family.as_ref()
    }

    /// 名.
    pub fn given(&self) -> &str {
        self.given.as_ref()
    }

    /// `姓　名`, as sent to the gateway.
    pub fn full(&self) -> String {
        format!("{}\u{3000}{}", self.family.0, self.given.0)
    }
}

impl TryFrom<PersonNameRaw> for PersonName {
    type Error = PersonNameError;
    fn try_from(raw: PersonNameRaw) -> Result<Self, Self::Error> {
        PersonName::new(&raw.family, &raw.given)
    }
}

impl From<PersonName> for PersonNameRaw {
    fn from(name: PersonName) -> Self {
        PersonNameRaw {
            family: name.family.0,
            given: name.given.0,
        }
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

/// Why a フリガナ part is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KanaError {
    /// Empty.
    #[error("required")]
    Empty,
    /// Not katakana (after converting hiragana and half-width katakana).
    #[error("only katakana is allowed (found {0:?})")]
    NotKatakana(char),
    /// More than 30 characters.
    #[error("at most 30 characters")]
    TooLong,
}

/// フリガナ: full-width katakana; hiragana and half-width katakana are converted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Kana(String);

/// Half-width katakana to full-width, with voiced and semi-voiced marks combined.
fn widen_kana(input: &str) -> String {
    const BASE: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    let table: Vec<char> = BASE.chars().collect();
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '\u{FF9E}' | '\u{FF9F}' => {
                let voiced = c == '\u{FF9E}';
                let combined = out.pop().and_then(|prev| {
                    let next = char::from_u32(prev as u32 + if voiced { 1 } else { 2 })?;
                    // `chars().any` rather than `str::contains(char)`, which
                    // searches for a non-ASCII char with the two-way string
                    // searcher: a kilobyte of the browser bundles.
                    let ok = if voiced {
                        "カキクケコサシスセソタチツテトハヒフヘホ"
                            .chars()
                            .any(|k| k == prev)
                            || prev == 'ウ'
                    } else {
                        "ハヒフヘホ".chars().any(|k| k == prev)
                    };
                    match (ok, prev) {
                        (true, 'ウ') => Some('ヴ'),
                        (true, _) => Some(next),
                        (false, _) => {
                            out.push(prev);
                            None
                        }
                    }
                });
                match combined {
                    Some(ch) => out.push(ch),
                    None => out.push(if voiced { '゛' } else { '゜' }),
                }
            }
            '\u{FF61}'..='\u{FF9D}' => out.push(
                table
                    .get((c as u32 - 0xFF61) as usize)
                    .copied()
                    .unwrap_or(c),
            ),
            c => out.push(c),
        }
    }
    out
}

/// Hiragana to katakana, half-width katakana to full-width: what 「フリガナ」
/// fields do as the shopper types.
pub fn to_katakana(input: &str) -> String {
    widen_kana(input)
        .chars()
        .map(|c| match c {
            '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => {
                char::from_u32(c as u32 + 0x60).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

fn is_katakana(c: char) -> bool {
    matches!(
        c,
        '\u{30A1}'..='\u{30FA}' | 'ー' | 'ヽ' | 'ヾ' | '・' | '\u{3000}' | ' '
    )
}

impl Kana {
    /// Parses フリガナ, converting hiragana and half-width katakana.
    pub fn parse(input: &str) -> Result<Self, KanaError> {
        let s = to_katakana(input.trim()).replace(' ', "\u{3000}");
        if s.is_empty() {
            return Err(KanaError::Empty);
        }
        if let Some(c) = s.chars().find(|c| !is_katakana(*c)) {
            return Err(KanaError::NotKatakana(c));
        }
        if s.chars().count() > 30 {
            return Err(KanaError::TooLong);
        }
        Ok(Kana(s))
    }
}

impl TryFrom<String> for Kana {
    type Error = KanaError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Kana::parse(&value)
    }
}

impl From<Kana> for String {
    fn from(value: Kana) -> Self {
        value.0
    }
}

impl AsRef<str> for Kana {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_with_a_full_width_space() {
        let name = PersonName::new("山田", "太郎").expect("valid");
        assert_eq!(name.full(), "山田　太郎");
        assert_eq!(
            PersonName::new(" 齋藤 ", "ＡＢＣ").map(|n| n.full()),
            Ok("齋藤　ABC".to_owned())
        );
    }

    #[test]
    fn each_rule_names_its_part() {
        assert_eq!(
            PersonName::new("", "太郎"),
            Err(PersonNameError::Family(NamePartError::Empty))
        );
        assert_eq!(
            PersonName::new("山田", "  "),
            Err(PersonNameError::Given(NamePartError::Empty))
        );
        assert_eq!(
            PersonName::new("ﾔﾏﾀﾞ", "太郎"),
            Err(PersonNameError::Family(NamePartError::HalfwidthKana))
        );
        assert_eq!(
            PersonName::new("髙橋", "一郎"),
            Err(PersonNameError::Family(NamePartError::Unsupported('髙')))
        );
        assert_eq!(
            PersonName::new("山田", "😀"),
            Err(PersonNameError::Given(NamePartError::Unsupported('😀')))
        );
        assert_eq!(
            PersonName::new(&"山".repeat(21), "太"),
            Err(PersonNameError::Family(NamePartError::TooLong))
        );
    }

    #[test]
    fn the_combined_name_fits_the_gateway() {
        // The full-width space counts two columns: 18 + 1 kanji and the space make 40.
        assert!(PersonName::new(&"山".repeat(18), "太").is_ok());
        assert_eq!(
            PersonName::new(&"山".repeat(19), "太"),
            Err(PersonNameError::TooLong)
        );
        assert!(PersonName::new(&"A".repeat(20), &"B".repeat(18)).is_ok());
        assert_eq!(
            PersonName::new(&"A".repeat(20), &"B".repeat(19)),
            Err(PersonNameError::TooLong)
        );
    }

    #[test]
    fn kana_converts_as_typed() {
        assert_eq!(
            Kana::parse("やまだ").map(String::from),
            Ok("ヤマダ".to_owned())
        );
        assert_eq!(
            Kana::parse("ﾔﾏﾀﾞ ﾀﾛｳ").map(String::from),
            Ok("ヤマダ　タロウ".to_owned())
        );
        assert_eq!(
            Kana::parse("ﾊﾟﾋﾟﾌﾟ ｳﾞｧ").map(String::from),
            Ok("パピプ　ヴァ".to_owned())
        );
        assert_eq!(
            Kana::parse("さとう ー").map(String::from),
            Ok("サトウ　ー".to_owned())
        );
        assert_eq!(Kana::parse("山田"), Err(KanaError::NotKatakana('山')));
        assert_eq!(Kana::parse("yamada"), Err(KanaError::NotKatakana('y')));
        assert_eq!(Kana::parse(""), Err(KanaError::Empty));
        assert_eq!(Kana::parse(&"ア".repeat(31)), Err(KanaError::TooLong));
    }

    #[test]
    fn names_decode_from_json_through_validation() {
        let ok: Result<PersonName, _> = serde_json::from_str(r#"{"family":"山田","given":"太郎"}"#);
        assert!(ok.is_ok());
        assert!(serde_json::from_str::<PersonName>(r#"{"family":"ﾔﾏﾀﾞ","given":"太郎"}"#).is_err());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn to_katakana_never_panics_and_leaves_no_hiragana(input in "\\PC{0,30}") {
                let out = to_katakana(&input);
                let hiragana = out.chars().any(|c| ('\u{3041}'..='\u{3096}').contains(&c));
                let half_width = out.chars().any(|c| ('\u{FF66}'..='\u{FF9D}').contains(&c));
                prop_assert!(!hiragana && !half_width, "{:?}", out);
            }

            #[test]
            fn valid_names_always_fit_the_gateway(family in "\\PC{0,25}", given in "\\PC{0,25}") {
                if let Ok(name) = PersonName::new(&family, &given) {
                    prop_assert!(fits(&name.full(), 60, 40));
                    prop_assert!(first_unsupported(&name.full()).is_none());
                }
            }
        }
    }
}
