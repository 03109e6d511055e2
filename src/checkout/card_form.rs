//! The card inputs (shown when クレジットカード決済 is chosen). Their values
//! are handed only to Yamato's token JavaScript and are cleared as soon as a
//! token exists; they never enter an API request type.

use leptos::prelude::*;
use zerostep_domain::card::{self, CardError};

use crate::components::field::{FieldError, RequiredMark};
use crate::i18n::{self, Locale, LocaleCtx, Msg};
use crate::platform::token::CardDetails;

/// A card input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardField {
    /// カード番号.
    Number,
    /// 有効期限.
    Expiry,
    /// カード名義.
    Holder,
    /// セキュリティコード.
    Cvc,
}

impl CardField {
    /// In page order.
    pub const ALL: [CardField; 4] = [
        CardField::Number,
        CardField::Expiry,
        CardField::Holder,
        CardField::Cvc,
    ];

    /// The input's id.
    pub fn id(self) -> &'static str {
        match self {
            CardField::Number => "card-number",
            CardField::Expiry => "card-expiry",
            CardField::Holder => "card-holder",
            CardField::Cvc => "card-cvc",
        }
    }

    /// The field's name, for messages that stand on their own.
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            CardField::Number => Msg::LabelCardNumber,
            CardField::Expiry => Msg::CardExpiryName,
            CardField::Holder => Msg::CardHolderName,
            CardField::Cvc => Msg::LabelCvc,
        }
        .text(locale)
    }

    /// The field the token library's `errorItem` names.
    pub fn from_error_item(item: &str) -> Option<CardField> {
        match item {
            "cardNo" => Some(CardField::Number),
            "cardExp" => Some(CardField::Expiry),
            "cardOwner" => Some(CardField::Holder),
            "securityCode" => Some(CardField::Cvc),
            _ => None,
        }
    }
}

/// The card inputs' state, provided by the purchase page.
#[derive(Debug, Clone, Copy)]
pub struct CardForm {
    /// カード番号 as displayed (grouped).
    pub number: RwSignal<String>,
    /// 有効期限 as `MM/YY`.
    pub expiry: RwSignal<String>,
    /// カード名義.
    pub holder: RwSignal<String>,
    /// セキュリティコード.
    pub cvc: RwSignal<String>,
    /// 支払回数.
    pub pay_way: RwSignal<u8>,
    /// Yamato's codes for the fields the token library refused (shown, in
    /// words, until the field changes).
    pub library_errors: RwSignal<Vec<(CardField, String)>>,
    /// Fields the shopper has left.
    pub touched: RwSignal<Vec<CardField>>,
    /// Whether Yamato's dummy numbers are accepted (sandbox only).
    pub allow_dummy: RwSignal<bool>,
    /// Whether every card error shows (set by 「注文確認する」, reset when the inputs are cleared).
    pub show_all: RwSignal<bool>,
}

impl Default for CardForm {
    fn default() -> Self {
        Self::new()
    }
}

fn this_month() -> (i32, u32) {
    let now = js_sys::Date::new_0();
    (
        i32::try_from(now.get_full_year()).unwrap_or(2026),
        now.get_month() + 1,
    )
}

/// What is wrong with a card input.
enum Fault {
    /// Yamato's token script refused it, with this code.
    Refused(String),
    /// It breaks one of our rules.
    Rule(CardError),
}

fn text(e: CardError, field: CardField, locale: Locale) -> String {
    let s = match (e, field) {
        (CardError::Empty, CardField::Number) => Msg::CardNumberRequired.text(locale),
        (CardError::Empty, CardField::Expiry) => Msg::ExpiryRequired.text(locale),
        (CardError::Empty, CardField::Holder) => Msg::HolderRequired.text(locale),
        (CardError::Empty, CardField::Cvc) => Msg::CvcRequired.text(locale),
        (CardError::Length, _) => Msg::CardNumberLength.text(locale),
        (CardError::Luhn, _) => Msg::CardNumberInvalid.text(locale),
        (CardError::Brand, _) => Msg::CardBrandNotAccepted.text(locale),
        (CardError::ExpiryFormat, _) => Msg::ExpiryFormat.text(locale),
        (CardError::Expired, _) => Msg::CardExpired.text(locale),
        (CardError::HolderChars, _) => Msg::HolderLetters.text(locale),
        (CardError::HolderLength, _) => Msg::HolderLength.text(locale),
        (CardError::CvcLength, _) => Msg::CvcFormat.text(locale),
    };
    s.to_owned()
}

impl CardForm {
    /// Empty inputs, 一括払い.
    pub fn new() -> Self {
        CardForm {
            number: RwSignal::new(String::new()),
            expiry: RwSignal::new(String::new()),
            holder: RwSignal::new(String::new()),
            cvc: RwSignal::new(String::new()),
            pay_way: RwSignal::new(1),
            library_errors: RwSignal::new(Vec::new()),
            touched: RwSignal::new(Vec::new()),
            allow_dummy: RwSignal::new(false),
            show_all: RwSignal::new(false),
        }
    }

    fn brand(&self) -> Option<card::CardBrand> {
        card::detect_brand(&card::digits_of(&self.number.get()))
    }

    /// The problem with `field` now (reactive).
    pub fn problem(&self, field: CardField, locale: Locale) -> Option<String> {
        match self.fault(field)? {
            Fault::Refused(code) => Some(crate::checkout::token_errors::token_field_text(
                field, &code, locale,
            )),
            Fault::Rule(e) => Some(text(e, field, locale)),
        }
    }

    /// Yamato's code for `field`, if its token script refused it (reactive).
    fn refusal(&self, field: CardField) -> Option<String> {
        self.library_errors.with(|m| {
            m.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, code)| code.clone())
        })
    }

    /// What is wrong with `field` now, if anything (reactive).
    fn fault(&self, field: CardField) -> Option<Fault> {
        if let Some(code) = self.refusal(field) {
            return Some(Fault::Refused(code));
        }
        let (year, month) = this_month();
        let result = match field {
            CardField::Number => {
                card::check_number(&self.number.get(), self.allow_dummy.get()).map(|_| ())
            }
            CardField::Expiry => card::check_expiry(&self.expiry.get(), year, month).map(|_| ()),
            CardField::Holder => card::check_holder(&self.holder.get()).map(|_| ()),
            CardField::Cvc => card::check_cvc(&self.cvc.get(), self.brand()).map(|_| ()),
        };
        result.err().map(Fault::Rule)
    }

    /// The problem to show: after the field was left, or after submit.
    pub fn visible_problem(&self, field: CardField, locale: Locale) -> Option<String> {
        let shown = self.show_all.get()
            || self.touched.with(|t| t.contains(&field))
            || self.refusal(field).is_some();
        shown.then(|| self.problem(field, locale)).flatten()
    }

    /// Whether every card input is valid (reactive).
    pub fn is_valid(&self) -> bool {
        CardField::ALL.into_iter().all(|f| self.fault(f).is_none())
    }

    /// The invalid fields, in the order they are shown (not reactive).
    pub fn invalid_fields(&self) -> Vec<CardField> {
        untrack(|| {
            CardField::ALL
                .into_iter()
                .filter(|f| self.fault(*f).is_some())
                .collect()
        })
    }

    /// The checked card, ready for the token library (not reactive).
    pub fn details(&self) -> Option<CardDetails> {
        untrack(|| {
            let (year, month) = this_month();
            Some(CardDetails {
                number: card::check_number(&self.number.get(), self.allow_dummy.get()).ok()?,
                expiry: card::check_expiry(&self.expiry.get(), year, month).ok()?,
                holder: card::check_holder(&self.holder.get()).ok()?,
                cvc: card::check_cvc(&self.cvc.get(), self.brand()).ok()?,
            })
        })
    }

    /// Forgets everything typed (once a token exists, or after a decline).
    pub fn clear(&self) {
        for s in [self.number, self.expiry, self.holder, self.cvc] {
            s.set(String::new());
        }
        self.touched.set(Vec::new());
        self.show_all.set(false);
    }
}

/// One card input.
#[component]
fn CardInput(
    /// Which input.
    field: CardField,
    /// Its label.
    label: Msg,
    /// The bound value.
    value: RwSignal<String>,
    /// `autocomplete` token.
    autocomplete: &'static str,
    /// `inputmode`.
    inputmode: &'static str,
    /// Example.
    placeholder: &'static str,
    /// Rewrites the value as typed.
    #[prop(optional)]
    format: Option<fn(&str) -> String>,
    /// Longest value.
    maxlength: u32,
) -> impl IntoView {
    let form = crate::context::<CardForm>();
    let locale = crate::context::<LocaleCtx>();
    let error_id = format!("{}-error", field.id());
    // The card number also names why the last attempt failed, which is
    // what a shopper sent back to it needs to hear.
    let described_by = if field == CardField::Number {
        "card-number-error payment-error".to_owned()
    } else {
        error_id.clone()
    };
    let problem = move || form.visible_problem(field, locale.get());
    view! {
        <div class="zs-field">
            <label for=field.id()>{locale.t(label)}<RequiredMark required=true/></label>
            <input id=field.id() part="input" type="text" autocomplete=autocomplete inputmode=inputmode placeholder=placeholder
                maxlength=maxlength spellcheck="false" autocapitalize="off"
                aria-required="true" aria-describedby=described_by
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=crate::handler(move |ev| {
                    let raw = event_target_value(&ev);
                    value.set(format.map_or(raw.clone(), |f| f(&raw)));
                    form.library_errors.update(|m| m.retain(|(f, _)| *f != field));
                })
                on:blur=crate::handler(move |_| {
                    if !form.touched.with_untracked(|t| t.contains(&field)) {
                        form.touched.update(|t| t.push(field));
                    }
                })/>
            <FieldError id=error_id problem/>
        </div>
    }
}

fn upper(v: &str) -> String {
    v.to_ascii_uppercase()
}

/// The card inputs and 支払回数.
#[component]
pub fn CardFields(
    /// The 支払回数 the shop offers.
    pay_ways: Vec<u8>,
    /// Why the last payment attempt failed, shown above the inputs.
    error: crate::i18n::ShownText,
) -> impl IntoView {
    let form = crate::context::<CardForm>();
    let locale = crate::context::<LocaleCtx>();
    let brand = move || {
        card::detect_brand(&card::digits_of(&form.number.get())).map_or("", card::CardBrand::name)
    };
    let pay_way_label = move |n: u8| i18n::pay_way(locale.get(), n);
    view! {
        <div class="zs-card-fields" part="card-fields" data-testid="card-fields">
            <crate::checkout::payment_error::PaymentError error/>
            <div class="zs-card-number-row">
                <CardInput field=CardField::Number label=Msg::LabelCardNumber value=form.number autocomplete="cc-number"
                    inputmode="numeric" placeholder="1234 5678 9012 3456" format=card::format_number maxlength=19/>
                <p class="zs-brand" data-testid="card-brand" aria-live="polite">{move || brand()}</p>
            </div>
            <div class="zs-field-row">
                <CardInput field=CardField::Expiry label=Msg::LabelExpiry value=form.expiry autocomplete="cc-exp"
                    inputmode="numeric" placeholder="MM/YY" format=card::format_expiry maxlength=5/>
                <CardInput field=CardField::Cvc label=Msg::LabelCvc value=form.cvc autocomplete="cc-csc"
                    inputmode="numeric" placeholder="123" maxlength=4/>
            </div>
            <CardInput field=CardField::Holder label=Msg::LabelHolder value=form.holder autocomplete="cc-name"
                inputmode="text" placeholder="TARO YAMADA" format=upper maxlength=25/>
            <div class="zs-field">
                <label for="card-pay-way">{locale.t(Msg::PaymentPlan)}</label>
                <select id="card-pay-way" prop:value=move || form.pay_way.get().to_string()
                    on:change=crate::handler(move |ev| if let Ok(n) = event_target_value(&ev).parse() { form.pay_way.set(n) })>
                    {pay_ways.into_iter().map(|n| view! { <option value=n.to_string()>{move || pay_way_label(n)}</option> }).collect_view()}
                </select>
            </div>
        </div>
    }
}
