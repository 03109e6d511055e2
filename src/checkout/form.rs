//! The purchase page's form state and its validation.
//!
//! Every rule is the `domain` crate's (the server decodes the same types);
//! this module only maps each rule to a message, in Japanese and English,
//! beside the field it concerns.

use std::collections::HashSet;

use leptos::prelude::*;
use zerostep_domain::checkout::{PaymentMethodCode, TimeSlot};

use crate::storage::{self, Store};
use zerostep_domain::{
    AddressLine, AddressLineError, Email, EmailError, Kana, KanaError, NamePartError, PersonName,
    PersonNameError, Phone, PhoneError, PostalCode, PostalCodeError, Prefecture,
};

use crate::i18n::Locale;

/// Every input of the page that can be invalid, in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// ご注文者: 姓.
    BuyerFamily,
    /// ご注文者: 名.
    BuyerGiven,
    /// ご注文者: セイ.
    BuyerFamilyKana,
    /// ご注文者: メイ.
    BuyerGivenKana,
    /// メールアドレス.
    Email,
    /// ご注文者: 電話番号.
    BuyerPhone,
    /// ご注文者: 郵便番号.
    BuyerPostal,
    /// ご注文者: 都道府県.
    BuyerPrefecture,
    /// ご注文者: 市区町村.
    BuyerCity,
    /// ご注文者: 番地.
    BuyerLine1,
    /// ご注文者: 建物名.
    BuyerLine2,
    /// お届け先: 姓.
    ShipFamily,
    /// お届け先: 名.
    ShipGiven,
    /// お届け先: 電話番号.
    ShipPhone,
    /// お届け先: 郵便番号.
    ShipPostal,
    /// お届け先: 都道府県.
    ShipPrefecture,
    /// お届け先: 市区町村.
    ShipCity,
    /// お届け先: 番地.
    ShipLine1,
    /// お届け先: 建物名.
    ShipLine2,
    /// お支払い方法.
    Payment,
}

impl Field {
    /// Page order: the first invalid one takes focus on submit.
    pub const ORDER: [Field; 20] = [
        Field::BuyerFamily,
        Field::BuyerGiven,
        Field::BuyerFamilyKana,
        Field::BuyerGivenKana,
        Field::Email,
        Field::BuyerPhone,
        Field::BuyerPostal,
        Field::BuyerPrefecture,
        Field::BuyerCity,
        Field::BuyerLine1,
        Field::BuyerLine2,
        Field::ShipFamily,
        Field::ShipGiven,
        Field::ShipPhone,
        Field::ShipPostal,
        Field::ShipPrefecture,
        Field::ShipCity,
        Field::ShipLine1,
        Field::ShipLine2,
        Field::Payment,
    ];

    /// The element id of its input.
    pub fn id(self) -> &'static str {
        match self {
            Field::BuyerFamily => "buyer-family",
            Field::BuyerGiven => "buyer-given",
            Field::BuyerFamilyKana => "buyer-family-kana",
            Field::BuyerGivenKana => "buyer-given-kana",
            Field::Email => "buyer-email",
            Field::BuyerPhone => "buyer-phone",
            Field::BuyerPostal => "buyer-postal",
            Field::BuyerPrefecture => "buyer-prefecture",
            Field::BuyerCity => "buyer-city",
            Field::BuyerLine1 => "buyer-line1",
            Field::BuyerLine2 => "buyer-line2",
            Field::ShipFamily => "ship-family",
            Field::ShipGiven => "ship-given",
            Field::ShipPhone => "ship-phone",
            Field::ShipPostal => "ship-postal",
            Field::ShipPrefecture => "ship-prefecture",
            Field::ShipCity => "ship-city",
            Field::ShipLine1 => "ship-line1",
            Field::ShipLine2 => "ship-line2",
            Field::Payment => "payment-method",
        }
    }

    /// The id of its error message (for `aria-describedby`).
    pub fn error_id(self) -> String {
        format!("{}-error", self.id())
    }

    fn is_shipping(self) -> bool {
        matches!(
            self,
            Field::ShipFamily
                | Field::ShipGiven
                | Field::ShipPhone
                | Field::ShipPostal
                | Field::ShipPrefecture
                | Field::ShipCity
                | Field::ShipLine1
                | Field::ShipLine2
        )
    }
}

/// A message about a field, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    ja: String,
    en: String,
}

impl Problem {
    fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The message in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match locale {
            Locale::Ja => self.ja.clone(),
            Locale::En => self.en.clone(),
        }
    }
}

/// The inputs of one address.
#[derive(Debug, Clone, Copy)]
pub struct AddressForm {
    /// 郵便番号.
    pub postal: RwSignal<String>,
    /// 都道府県 as its JIS code, or empty.
    pub prefecture: RwSignal<String>,
    /// 市区町村.
    pub city: RwSignal<String>,
    /// 番地.
    pub line1: RwSignal<String>,
    /// 建物名.
    pub line2: RwSignal<String>,
}

impl AddressForm {
    fn new() -> Self {
        AddressForm {
            postal: RwSignal::new(String::new()),
            prefecture: RwSignal::new(String::new()),
            city: RwSignal::new(String::new()),
            line1: RwSignal::new(String::new()),
            line2: RwSignal::new(String::new()),
        }
    }

    /// The chosen prefecture (reactive).
    pub fn prefecture_value(&self) -> Option<Prefecture> {
        self.prefecture.with(|p| {
            p.parse::<u8>()
                .ok()
                .and_then(|c| Prefecture::from_code(c).ok())
        })
    }
}

/// Where [`CheckoutForm::keep`] saves the inputs (`sessionStorage`).
const SAVED_FORM: &str = "zerostep.checkout-form";

/// The whole page's state, provided as context by the purchase page.
#[derive(Debug, Clone, Copy)]
pub struct CheckoutForm {
    /// 姓.
    pub family: RwSignal<String>,
    /// 名.
    pub given: RwSignal<String>,
    /// セイ.
    pub family_kana: RwSignal<String>,
    /// メイ.
    pub given_kana: RwSignal<String>,
    /// メールアドレス.
    pub email: RwSignal<String>,
    /// 電話番号.
    pub phone: RwSignal<String>,
    /// ご注文者の住所.
    pub buyer_address: AddressForm,
    /// 「ご注文者と同じ」 (true) or another address.
    pub ship_same: RwSignal<bool>,
    /// お届け先: 姓.
    pub ship_family: RwSignal<String>,
    /// お届け先: 名.
    pub ship_given: RwSignal<String>,
    /// お届け先: 電話番号.
    pub ship_phone: RwSignal<String>,
    /// お届け先の住所.
    pub ship_address: AddressForm,
    /// 配送方法 code.
    pub delivery_method: RwSignal<String>,
    /// お届け希望日 (ISO date) or empty for 指定なし.
    pub delivery_date: RwSignal<String>,
    /// お届け時間帯.
    pub time_slot: RwSignal<TimeSlot>,
    /// お支払い方法.
    pub payment: RwSignal<Option<PaymentMethodCode>>,
    /// Fields the shopper has left (errors show after blur).
    pub touched: RwSignal<HashSet<Field>>,
    /// Whether 「注文確認する」 was pressed (all errors show).
    pub submitted: RwSignal<bool>,
}

impl Default for CheckoutForm {
    fn default() -> Self {
        Self::new()
    }
}

fn required(label_ja: &str, label_en: &str) -> Problem {
    Problem::new(
        format!("{label_ja}を入力してください。"),
        format!("Please enter your {label_en}."),
    )
}

fn name_part(e: &NamePartError, label_ja: &str, label_en: &str) -> Problem {
    match e {
        NamePartError::Empty => required(label_ja, label_en),
        NamePartError::HalfwidthKana => Problem::new(
            format!("{label_ja}に半角カナは使えません。全角で入力してください。"),
            format!("Half-width katakana cannot be used in your {label_en}; please type full-width characters."),
        ),
        NamePartError::Unsupported(c) => unsupported(*c, label_ja, label_en),
        NamePartError::TooLong => too_long(label_ja, label_en, 20),
    }
}

fn unsupported(c: char, label_ja: &str, label_en: &str) -> Problem {
    Problem::new(
        format!("{label_ja}の「{c}」は使用できない文字です（機種依存文字・絵文字など）。別の文字に置き換えてください。"),
        format!("The character “{c}” in your {label_en} cannot be used (vendor-specific or emoji); please replace it."),
    )
}

fn too_long(label_ja: &str, label_en: &str, max: u8) -> Problem {
    Problem::new(
        format!("{label_ja}は{max}文字以内で入力してください。"),
        format!("Please keep your {label_en} to at most {max} characters."),
    )
}

fn name_problem(family: &str, given: &str, field_is_family: bool) -> Option<Problem> {
    match PersonName::new(family, given) {
        Ok(_) => None,
        Err(PersonNameError::Family(e)) if field_is_family => {
            Some(name_part(&e, "姓", "family name"))
        }
        Err(PersonNameError::Given(e)) if !field_is_family => {
            Some(name_part(&e, "名", "given name"))
        }
        Err(PersonNameError::TooLong) if !field_is_family => Some(Problem::new(
            "姓と名をあわせて全角19文字（半角38文字）以内で入力してください。",
            "Family and given name together must fit 19 full-width (38 half-width) characters.",
        )),
        // A problem of the other part shows beside that part; this one may still be wrong alone.
        Err(_) if field_is_family => zerostep_domain::NamePart::parse(family)
            .err()
            .map(|e| name_part(&e, "姓", "family name")),
        Err(_) => zerostep_domain::NamePart::parse(given)
            .err()
            .map(|e| name_part(&e, "名", "given name")),
    }
}

fn kana_problem(value: &str, label_ja: &str, label_en: &str) -> Option<Problem> {
    Kana::parse(value).err().map(|e| match e {
        KanaError::Empty => required(label_ja, label_en),
        KanaError::NotKatakana(_) => Problem::new(
            format!("{label_ja}はカタカナで入力してください。"),
            format!("Please type your {label_en} in katakana."),
        ),
        KanaError::TooLong => too_long(label_ja, label_en, 30),
    })
}

fn email_problem(value: &str) -> Option<Problem> {
    Email::parse(value).err().map(|e| match e {
        EmailError::Empty => required("メールアドレス", "e-mail address"),
        EmailError::TooLong => Problem::new(
            "メールアドレスは64文字以内で入力してください。",
            "E-mail addresses can have at most 64 characters.",
        ),
        EmailError::MissingAt | EmailError::InvalidLocal | EmailError::InvalidDomain => {
            Problem::new(
                "メールアドレスの形式が正しくありません（例: taro@example.jp）。",
                "This is not a valid e-mail address (e.g. taro@example.jp).",
            )
        }
    })
}

fn phone_problem(value: &str) -> Option<Problem> {
    Phone::parse(value).err().map(|e| match e {
        PhoneError::Empty => required("電話番号", "phone number"),
        PhoneError::InvalidChar(_) => Problem::new(
            "電話番号は数字とハイフンで入力してください。",
            "Please type the phone number with digits and hyphens only.",
        ),
        PhoneError::NoLeadingZero => Problem::new(
            "電話番号は0から始まる番号を入力してください。",
            "Japanese phone numbers start with 0.",
        ),
        PhoneError::DigitCount(_) => Problem::new(
            "電話番号は10桁または11桁で入力してください。",
            "Phone numbers have 10 or 11 digits.",
        ),
    })
}

/// The message for a postal code, if any.
pub fn postal_problem(value: &str) -> Option<Problem> {
    PostalCode::parse(value).err().map(|e| match e {
        PostalCodeError::Empty => required("郵便番号", "postal code"),
        PostalCodeError::Invalid => Problem::new(
            "郵便番号は7桁の数字で入力してください（例: 123-4567）。",
            "Postal codes have 7 digits (e.g. 123-4567).",
        ),
    })
}

fn line_problem(value: &str, optional: bool, label_ja: &str, label_en: &str) -> Option<Problem> {
    let result = if optional {
        AddressLine::parse_optional(value).map(|_| ())
    } else {
        AddressLine::parse(value).map(|_| ())
    };
    result.err().map(|e| match e {
        AddressLineError::Empty => required(label_ja, label_en),
        AddressLineError::TooLong => too_long(label_ja, label_en, 50),
        AddressLineError::Unsupported(c) => unsupported(c, label_ja, label_en),
    })
}

impl CheckoutForm {
    /// An empty form: delivery to the buyer, no date or time preference.
    pub fn new() -> Self {
        let text = || RwSignal::new(String::new());
        CheckoutForm {
            family: text(),
            given: text(),
            family_kana: text(),
            given_kana: text(),
            email: text(),
            phone: text(),
            buyer_address: AddressForm::new(),
            ship_same: RwSignal::new(true),
            ship_family: text(),
            ship_given: text(),
            ship_phone: text(),
            ship_address: AddressForm::new(),
            delivery_method: text(),
            delivery_date: text(),
            time_slot: RwSignal::new(TimeSlot::Unspecified),
            payment: RwSignal::new(None),
            touched: RwSignal::new(HashSet::new()),
            submitted: RwSignal::new(false),
        }
    }

    /// Every text input, in a fixed order: what [`CheckoutForm::keep`] saves
    /// (then 「ご注文者と同じ」 and the time slot).
    fn texts(&self) -> [RwSignal<String>; 21] {
        let (b, s) = (self.buyer_address, self.ship_address);
        [
            self.family,
            self.given,
            self.family_kana,
            self.given_kana,
            self.email,
            self.phone,
            b.postal,
            b.prefecture,
            b.city,
            b.line1,
            b.line2,
            self.ship_family,
            self.ship_given,
            self.ship_phone,
            s.postal,
            s.prefecture,
            s.city,
            s.line1,
            s.line2,
            self.delivery_method,
            self.delivery_date,
        ]
    }

    /// The form as this tab last left it (a reload, a tab the browser
    /// discarded), or empty.
    pub fn restored() -> Self {
        let form = Self::new();
        let saved = storage::get(Store::Session, SAVED_FORM)
            .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
            .unwrap_or_default();
        let texts = form.texts();
        if saved.len() == texts.len() + 2 {
            for (input, value) in texts.iter().zip(&saved) {
                input.set(value.clone());
            }
            form.ship_same.set(saved[texts.len()] != "0");
            if let Some(slot) = TimeSlot::from_str_opt(&saved[texts.len() + 1]) {
                form.time_slot.set(slot);
            }
        }
        form
    }

    /// Saves the inputs in this tab whenever they change, so a reload loses
    /// nothing. Never the card: only the token JS ever sees it.
    pub fn keep(self) {
        Effect::new(move |_| {
            let mut values: Vec<String> = self.texts().iter().map(|s| s.get()).collect();
            values.push(if self.ship_same.get() { "1" } else { "0" }.to_owned());
            values.push(self.time_slot.get().as_str().to_owned());
            if let Ok(text) = serde_json::to_string(&values) {
                storage::set(Store::Session, SAVED_FORM, Some(&text));
            }
        });
    }

    /// Forgets the saved inputs (the order is placed).
    pub fn forget() {
        storage::set(Store::Session, SAVED_FORM, None);
    }

    /// The problem with `field` now, shown or not (reactive).
    pub fn problem(&self, field: Field) -> Option<Problem> {
        if field.is_shipping() && self.ship_same.get() {
            return None;
        }
        let v = |s: RwSignal<String>| s.get();
        let prefecture = |a: AddressForm| {
            a.prefecture_value().is_none().then(|| {
                Problem::new(
                    "都道府県を選択してください。",
                    "Please choose a prefecture.",
                )
            })
        };
        match field {
            Field::BuyerFamily => name_problem(&v(self.family), &v(self.given), true),
            Field::BuyerGiven => name_problem(&v(self.family), &v(self.given), false),
            Field::BuyerFamilyKana => kana_problem(
                &v(self.family_kana),
                "セイ（フリガナ）",
                "family name reading",
            ),
            Field::BuyerGivenKana => kana_problem(
                &v(self.given_kana),
                "メイ（フリガナ）",
                "given name reading",
            ),
            Field::Email => email_problem(&v(self.email)),
            Field::BuyerPhone => phone_problem(&v(self.phone)),
            Field::BuyerPostal => postal_problem(&v(self.buyer_address.postal)),
            Field::BuyerPrefecture => prefecture(self.buyer_address),
            Field::BuyerCity => {
                line_problem(&v(self.buyer_address.city), false, "市区町村", "city")
            }
            Field::BuyerLine1 => line_problem(
                &v(self.buyer_address.line1),
                false,
                "番地",
                "street address",
            ),
            Field::BuyerLine2 => line_problem(
                &v(self.buyer_address.line2),
                true,
                "建物名",
                "building name",
            ),
            Field::ShipFamily => name_problem(&v(self.ship_family), &v(self.ship_given), true),
            Field::ShipGiven => name_problem(&v(self.ship_family), &v(self.ship_given), false),
            Field::ShipPhone => phone_problem(&v(self.ship_phone)),
            Field::ShipPostal => postal_problem(&v(self.ship_address.postal)),
            Field::ShipPrefecture => prefecture(self.ship_address),
            Field::ShipCity => line_problem(&v(self.ship_address.city), false, "市区町村", "city"),
            Field::ShipLine1 => {
                line_problem(&v(self.ship_address.line1), false, "番地", "street address")
            }
            Field::ShipLine2 => {
                line_problem(&v(self.ship_address.line2), true, "建物名", "building name")
            }
            Field::Payment => self.payment.get().is_none().then(|| {
                Problem::new(
                    "お支払い方法を選択してください。",
                    "Please choose a payment method.",
                )
            }),
        }
    }

    /// The problem to show beside `field`: after it was left, or after submit (reactive).
    pub fn visible_problem(&self, field: Field) -> Option<Problem> {
        let shown = self.submitted.get() || self.touched.with(|t| t.contains(&field));
        shown.then(|| self.problem(field)).flatten()
    }

    /// Marks `field` as left by the shopper.
    pub fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| {
                t.insert(field);
            });
        }
    }

    /// Whether every field is valid (reactive).
    pub fn is_valid(&self) -> bool {
        Field::ORDER.into_iter().all(|f| self.problem(f).is_none())
    }

    /// Every field with a problem, in page order (not reactive).
    pub fn invalid_fields(&self) -> Vec<Field> {
        Field::ORDER
            .into_iter()
            .filter(|f| untrack(|| self.problem(*f)).is_some())
            .collect()
    }

    /// The prefecture the parcel goes to (reactive).
    pub fn delivery_prefecture(&self) -> Option<Prefecture> {
        if self.ship_same.get() {
            self.buyer_address.prefecture_value()
        } else {
            self.ship_address.prefecture_value()
        }
    }
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
                name_part(&NamePartError::TooLong, "姓", "family name"),
                "姓",
                "family name",
                "20",
            ),
            (
                name_part(&NamePartError::HalfwidthKana, "名", "given name"),
                "名",
                "given name",
                "半角カナ",
            ),
            (
                name_part(&NamePartError::Unsupported('㈱'), "姓", "family name"),
                "姓",
                "family name",
                "㈱",
            ),
            (
                kana_problem("abc", "セイ", "family name reading").expect("refused"),
                "セイ",
                "family name reading",
                "カタカナ",
            ),
            (
                kana_problem(&"ア".repeat(31), "メイ", "given name reading").expect("refused"),
                "メイ",
                "given name reading",
                "30",
            ),
            (
                line_problem(&too_long, false, "番地", "street address").expect("refused"),
                "番地",
                "street address",
                "50",
            ),
            (
                line_problem(&too_long, true, "建物名", "building name").expect("refused"),
                "建物名",
                "building name",
                "50",
            ),
            (
                line_problem("1-2-3㈱", false, "市区町村", "city").expect("refused"),
                "市区町村",
                "city",
                "㈱",
            ),
        ];
        for (problem, ja, en, rule) in cases {
            let (text_ja, text_en) = (problem.text(Locale::Ja), problem.text(Locale::En));
            assert!(text_ja.contains(ja) && text_ja.contains(rule), "{text_ja}");
            assert!(text_en.contains(en), "{text_en}");
        }
    }
}
