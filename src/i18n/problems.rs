//! The catalogue's part for the purchase page's fields: what the shopper
//! reads about a field that breaks its rule, in Japanese and English. Every
//! rule is the `domain` crate's (the server decodes the same types); this
//! module only words each one, naming the field, as it is also read aloud
//! away from its label.

use zerostep_domain::api::Text;
use zerostep_domain::{
    AddressLine, AddressLineError, Email, EmailError, Kana, KanaError, NamePartError, PersonName,
    PersonNameError, Phone, PhoneError, PostalCode, PostalCodeError,
};

/// A field's name as its messages say it.
#[derive(Debug, Clone, Copy)]
pub struct FieldName {
    ja: &'static str,
    en: &'static str,
}

const FAMILY: FieldName = FieldName {
    ja: "姓",
    en: "family name",
};
const GIVEN: FieldName = FieldName {
    ja: "名",
    en: "given name",
};
/// セイ（フリガナ）.
pub const FAMILY_KANA: FieldName = FieldName {
    ja: "セイ（フリガナ）",
    en: "family name reading",
};
/// メイ（フリガナ）.
pub const GIVEN_KANA: FieldName = FieldName {
    ja: "メイ（フリガナ）",
    en: "given name reading",
};
const EMAIL: FieldName = FieldName {
    ja: "メールアドレス",
    en: "e-mail address",
};
const PHONE: FieldName = FieldName {
    ja: "電話番号",
    en: "phone number",
};
const POSTAL: FieldName = FieldName {
    ja: "郵便番号",
    en: "postal code",
};
/// 市区町村.
pub const CITY: FieldName = FieldName {
    ja: "市区町村",
    en: "city",
};
/// 番地.
pub const LINE1: FieldName = FieldName {
    ja: "番地",
    en: "street address",
};
/// 建物名.
pub const LINE2: FieldName = FieldName {
    ja: "建物名",
    en: "building name",
};

fn required(name: FieldName) -> Text {
    let (label_ja, label_en) = (name.ja, name.en);
    Text::new(
        format!("{label_ja}を入力してください。"),
        format!("Please enter your {label_en}."),
    )
}

fn name_part(e: &NamePartError, name: FieldName) -> Text {
    let (label_ja, label_en) = (name.ja, name.en);
    match e {
        NamePartError::Empty => required(name),
        NamePartError::HalfwidthKana => Text::new(
            format!("{label_ja}に半角カナは使えません。全角で入力してください。"),
            format!("Half-width katakana cannot be used in your {label_en}; please type full-width characters."),
        ),
        NamePartError::Unsupported(c) => unsupported(*c, name),
        NamePartError::TooLong => too_long(name, 20),
    }
}

fn unsupported(c: char, name: FieldName) -> Text {
    let (label_ja, label_en) = (name.ja, name.en);
    Text::new(
        format!("{label_ja}の「{c}」は使用できない文字です（機種依存文字・絵文字など）。別の文字に置き換えてください。"),
        format!("The character “{c}” in your {label_en} cannot be used (vendor-specific or emoji); please replace it."),
    )
}

fn too_long(name: FieldName, max: u8) -> Text {
    let (label_ja, label_en) = (name.ja, name.en);
    Text::new(
        format!("{label_ja}は{max}文字以内で入力してください。"),
        format!("Please keep your {label_en} to at most {max} characters."),
    )
}

/// The message for 姓 (`field_is_family`) or 名, if any.
pub fn name_problem(family: &str, given: &str, field_is_family: bool) -> Option<Text> {
    match PersonName::new(family, given) {
        Ok(_) => None,
        Err(PersonNameError::Family(e)) if field_is_family => Some(name_part(&e, FAMILY)),
        Err(PersonNameError::Given(e)) if !field_is_family => Some(name_part(&e, GIVEN)),
        Err(PersonNameError::TooLong) if !field_is_family => Some(Text::new(
            "姓と名をあわせて全角19文字（半角38文字）以内で入力してください。",
            "Family and given name together must fit 19 full-width (38 half-width) characters.",
        )),
        // A problem of the other part shows beside that part; this one may still be wrong alone.
        Err(_) if field_is_family => zerostep_domain::NamePart::parse(family)
            .err()
            .map(|e| name_part(&e, FAMILY)),
        Err(_) => zerostep_domain::NamePart::parse(given)
            .err()
            .map(|e| name_part(&e, GIVEN)),
    }
}

/// The message for a フリガナ, if any.
pub fn kana_problem(value: &str, name: FieldName) -> Option<Text> {
    let (label_ja, label_en) = (name.ja, name.en);
    Kana::parse(value).err().map(|e| match e {
        KanaError::Empty => required(name),
        KanaError::NotKatakana(_) => Text::new(
            format!("{label_ja}はカタカナで入力してください。"),
            format!("Please type your {label_en} in katakana."),
        ),
        KanaError::TooLong => too_long(name, 30),
    })
}

/// The message for a メールアドレス, if any.
pub fn email_problem(value: &str) -> Option<Text> {
    Email::parse(value).err().map(|e| match e {
        EmailError::Empty => required(EMAIL),
        EmailError::TooLong => Text::new(
            "メールアドレスは64文字以内で入力してください。",
            "E-mail addresses can have at most 64 characters.",
        ),
        EmailError::MissingAt | EmailError::InvalidLocal | EmailError::InvalidDomain => Text::new(
            "メールアドレスの形式が正しくありません（例: taro@example.jp）。",
            "This is not a valid e-mail address (e.g. taro@example.jp).",
        ),
    })
}

/// The message for a 電話番号, if any.
pub fn phone_problem(value: &str) -> Option<Text> {
    Phone::parse(value).err().map(|e| match e {
        PhoneError::Empty => required(PHONE),
        PhoneError::InvalidChar(_) => Text::new(
            "電話番号は数字とハイフンで入力してください。",
            "Please type the phone number with digits and hyphens only.",
        ),
        PhoneError::NoLeadingZero => Text::new(
            "電話番号は0から始まる番号を入力してください。",
            "Japanese phone numbers start with 0.",
        ),
        PhoneError::DigitCount(_) => Text::new(
            "電話番号は10桁または11桁で入力してください。",
            "Phone numbers have 10 or 11 digits.",
        ),
    })
}

/// The message for a postal code, if any.
pub fn postal_problem(value: &str) -> Option<Text> {
    PostalCode::parse(value).err().map(|e| match e {
        PostalCodeError::Empty => required(POSTAL),
        PostalCodeError::Invalid => Text::new(
            "郵便番号は7桁の数字で入力してください（例: 123-4567）。",
            "Postal codes have 7 digits (e.g. 123-4567).",
        ),
    })
}

/// The message for an address line (`optional`: 建物名), if any.
pub fn line_problem(value: &str, optional: bool, name: FieldName) -> Option<Text> {
    let result = if optional {
        AddressLine::parse_optional(value).map(|_| ())
    } else {
        AddressLine::parse(value).map(|_| ())
    };
    result.err().map(|e| match e {
        AddressLineError::Empty => required(name),
        AddressLineError::TooLong => too_long(name, 50),
        AddressLineError::Unsupported(c) => unsupported(c, name),
    })
}

/// No 都道府県 chosen.
pub fn prefecture_missing() -> Text {
    Text::fixed(
        "都道府県を選択してください。",
        "Please choose a prefecture.",
    )
}

/// No お支払い方法 chosen.
pub fn payment_missing() -> Text {
    Text::fixed(
        "お支払い方法を選択してください。",
        "Please choose a payment method.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each message names its field and its rule, in both languages: it is
    /// read aloud on its own, away from the label.
    #[test]
    fn every_field_message_names_the_field_and_the_rule() {
        let too_long = "x".repeat(51);
        let cases = [
            (
                name_part(&NamePartError::TooLong, FAMILY),
                "姓",
                "family name",
                "20",
            ),
            (
                name_part(&NamePartError::HalfwidthKana, GIVEN),
                "名",
                "given name",
                "半角カナ",
            ),
            (
                name_part(&NamePartError::Unsupported('㈱'), FAMILY),
                "姓",
                "family name",
                "㈱",
            ),
            (
                kana_problem("abc", FAMILY_KANA).expect("refused"),
                "セイ",
                "family name reading",
                "カタカナ",
            ),
            (
                kana_problem(&"ア".repeat(31), GIVEN_KANA).expect("refused"),
                "メイ",
                "given name reading",
                "30",
            ),
            (
                line_problem(&too_long, false, LINE1).expect("refused"),
                "番地",
                "street address",
                "50",
            ),
            (
                line_problem(&too_long, true, LINE2).expect("refused"),
                "建物名",
                "building name",
                "50",
            ),
            (
                line_problem("1-2-3㈱", false, CITY).expect("refused"),
                "市区町村",
                "city",
                "㈱",
            ),
        ];
        for (problem, ja, en, rule) in cases {
            let (text_ja, text_en) = (&problem.ja, &problem.en);
            assert!(text_ja.contains(ja) && text_ja.contains(rule), "{text_ja}");
            assert!(text_en.contains(en), "{text_en}");
        }
    }
}
