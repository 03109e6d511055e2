//! The purchase page's form state and its validation.
//!
//! Every rule is the `domain` crate's (the server decodes the same types);
//! this module only maps each rule to a message, in Japanese and English,
//! beside the field it concerns.

use std::collections::HashSet;

use leptos::prelude::*;
use zerostep_domain::checkout::{PaymentMethodCode, TimeSlot};
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
            "半角カナは使えません。全角で入力してください。",
            "Half-width katakana cannot be used; please type full-width characters.",
        ),
        NamePartError::Unsupported(c) => unsupported(*c),
        NamePartError::TooLong => Problem::new(
            "20文字以内で入力してください。",
            "Please use at most 20 characters.",
        ),
    }
}

fn unsupported(c: char) -> Problem {
    Problem::new(
        format!("「{c}」は使用できない文字です（機種依存文字・絵文字など）。別の文字に置き換えてください。"),
        format!("The character “{c}” cannot be used (vendor-specific or emoji); please replace it."),
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
            "フリガナはカタカナで入力してください。",
            "Please type the reading in katakana.",
        ),
        KanaError::TooLong => Problem::new(
            "30文字以内で入力してください。",
            "Please use at most 30 characters.",
        ),
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
            "Please use digits and hyphens only.",
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
        AddressLineError::TooLong => Problem::new(
            "50文字以内で入力してください。",
            "Please use at most 50 characters.",
        ),
        AddressLineError::Unsupported(c) => unsupported(c),
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
            Field::BuyerFamilyKana => {
                kana_problem(&v(self.family_kana), "セイ", "family name reading")
            }
            Field::BuyerGivenKana => {
                kana_problem(&v(self.given_kana), "メイ", "given name reading")
            }
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
            Field::BuyerLine2 => {
                line_problem(&v(self.buyer_address.line2), true, "建物名", "building")
            }
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
                line_problem(&v(self.ship_address.line2), true, "建物名", "building")
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
