//! The purchase page's form: its inputs as signals ([`CheckoutForm`]),
//! which of them break a rule and what the shopper reads about it
//! ([`crate::i18n::problems`]), and the copy kept in the tab so a reload loses nothing
//! ([`saved`]).

mod field;
mod saved;

use leptos::prelude::*;
use zerostep_domain::api::Text;
use zerostep_domain::checkout::{PaymentMethodCode, TimeSlot};
use zerostep_domain::Prefecture;

use crate::i18n::problems::{
    self, email_problem, kana_problem, line_problem, name_problem, phone_problem, postal_problem,
    CITY, FAMILY_KANA, GIVEN_KANA, LINE1, LINE2,
};
pub use field::Field;

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
    pub(super) fn new() -> Self {
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
    pub touched: RwSignal<Vec<Field>>,
    /// Whether 「注文確認する」 was pressed (all errors show).
    pub submitted: RwSignal<bool>,
}

impl Default for CheckoutForm {
    fn default() -> Self {
        Self::new()
    }
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
            touched: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
        }
    }

    /// The names of [`CheckoutForm::named_inputs`], in its order (also
    /// version 1's order of the saved copy).
    pub const INPUT_NAMES: [&'static str; 21] = [
        "family",
        "given",
        "family_kana",
        "given_kana",
        "email",
        "phone",
        "buyer.postal",
        "buyer.prefecture",
        "buyer.city",
        "buyer.line1",
        "buyer.line2",
        "ship.family",
        "ship.given",
        "ship.phone",
        "ship.postal",
        "ship.prefecture",
        "ship.city",
        "ship.line1",
        "ship.line2",
        "delivery_method",
        "delivery_date",
    ];

    /// Every text input under its name (what the tab's copy keeps).
    fn named_inputs(&self) -> [(&'static str, RwSignal<String>); 21] {
        let (b, s) = (self.buyer_address, self.ship_address);
        let inputs = [
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
        ];
        let mut i = 0;
        inputs.map(|input| {
            i += 1;
            (Self::INPUT_NAMES[i - 1], input)
        })
    }

    /// The form as this tab last left it (a reload, a tab the browser
    /// discarded), or empty.
    pub fn restored() -> Self {
        let form = Self::new();
        saved::restore(&form);
        form
    }

    /// Saves the inputs in this tab whenever they change, so a reload loses
    /// nothing. Never the card: only the token JS ever sees it.
    pub fn keep(self) {
        saved::keep(self);
    }

    /// Forgets the saved inputs (the order is placed).
    pub fn forget() {
        saved::forget();
    }

    /// The problem with `field` now, shown or not (reactive).
    pub fn problem(&self, field: Field) -> Option<Text> {
        if field.is_shipping() && self.ship_same.get() {
            return None;
        }
        let v = |s: RwSignal<String>| s.get();
        let prefecture = |a: AddressForm| {
            a.prefecture_value()
                .is_none()
                .then(problems::prefecture_missing)
        };
        match field {
            Field::BuyerFamily => name_problem(&v(self.family), &v(self.given), true),
            Field::BuyerGiven => name_problem(&v(self.family), &v(self.given), false),
            Field::BuyerFamilyKana => kana_problem(&v(self.family_kana), FAMILY_KANA),
            Field::BuyerGivenKana => kana_problem(&v(self.given_kana), GIVEN_KANA),
            Field::Email => email_problem(&v(self.email)),
            Field::BuyerPhone => phone_problem(&v(self.phone)),
            Field::BuyerPostal => postal_problem(&v(self.buyer_address.postal)),
            Field::BuyerPrefecture => prefecture(self.buyer_address),
            Field::BuyerCity => line_problem(&v(self.buyer_address.city), false, CITY),
            Field::BuyerLine1 => line_problem(&v(self.buyer_address.line1), false, LINE1),
            Field::BuyerLine2 => line_problem(&v(self.buyer_address.line2), true, LINE2),
            Field::ShipFamily => name_problem(&v(self.ship_family), &v(self.ship_given), true),
            Field::ShipGiven => name_problem(&v(self.ship_family), &v(self.ship_given), false),
            Field::ShipPhone => phone_problem(&v(self.ship_phone)),
            Field::ShipPostal => postal_problem(&v(self.ship_address.postal)),
            Field::ShipPrefecture => prefecture(self.ship_address),
            Field::ShipCity => line_problem(&v(self.ship_address.city), false, CITY),
            Field::ShipLine1 => line_problem(&v(self.ship_address.line1), false, LINE1),
            Field::ShipLine2 => line_problem(&v(self.ship_address.line2), true, LINE2),
            Field::Payment => self.payment.get().is_none().then(problems::payment_missing),
        }
    }

    /// The problem to show beside `field`: after it was left, or after submit (reactive).
    pub fn visible_problem(&self, field: Field) -> Option<Text> {
        let shown = self.submitted.get() || self.touched.with(|t| t.contains(&field));
        shown.then(|| self.problem(field)).flatten()
    }

    /// Marks `field` as left by the shopper.
    pub fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| t.push(field));
        }
    }

    /// Whether every field is valid (reactive).
    pub fn is_valid(&self) -> bool {
        Field::ORDER.iter().all(|&f| self.problem(f).is_none())
    }

    /// Every field with a problem, in page order (not reactive).
    pub fn invalid_fields(&self) -> Vec<Field> {
        Field::ORDER
            .iter()
            .copied()
            .filter(|&f| untrack(|| self.problem(f)).is_some())
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
