//! ご注文者情報 and お届け先.

use leptos::prelude::*;
use zerostep_domain::person::to_katakana;

use crate::checkout::form::{CheckoutForm, Field};
use crate::checkout::sections::address::{AddressFieldIds, AddressFields};
use crate::checkout::text_field::TextField;
use crate::components::field::InputType;
use crate::i18n::{LocaleCtx, Msg};

fn fold_ascii(v: &str) -> String {
    zerostep_domain::text::fullwidth_to_ascii(v)
        .trim()
        .to_owned()
}

fn normalize_phone(v: &str) -> String {
    zerostep_domain::Phone::parse(v)
        .map(String::from)
        .unwrap_or_else(|_| v.to_owned())
}

/// ご注文者情報: name, reading, e-mail, phone, address.
#[component]
pub fn BuyerSection(
    /// Whether the address is shown yet: the purchase page renders it in a
    /// task after the rest of the section (see `CheckoutFlow`'s stages).
    #[prop(into, default = true.into())]
    address: Signal<bool>,
) -> impl IntoView {
    let form = crate::context::<CheckoutForm>();
    let locale = crate::context::<LocaleCtx>();
    view! {
        <section class="zs-section zs-card" part="buyer" aria-labelledby="buyer-heading">
            <h2 id="buyer-heading">{locale.t(Msg::YourDetails)}</h2>
            <div class="zs-field-row">
                <TextField field=Field::BuyerFamily label=Msg::LabelFamily value=form.family autocomplete="family-name" placeholder=Msg::PlaceholderFamily/>
                <TextField field=Field::BuyerGiven label=Msg::LabelGiven value=form.given autocomplete="given-name" placeholder=Msg::PlaceholderGiven/>
            </div>
            <div class="zs-field-row">
                <TextField field=Field::BuyerFamilyKana label=Msg::LabelFamilyKana value=form.family_kana
                    autocomplete="off" placeholder=Msg::PlaceholderFamilyKana live=to_katakana/>
                <TextField field=Field::BuyerGivenKana label=Msg::LabelGivenKana value=form.given_kana
                    autocomplete="off" placeholder=Msg::PlaceholderGivenKana live=to_katakana/>
            </div>
            <TextField field=Field::Email label=Msg::LabelEmail value=form.email autocomplete="email"
                input_type=InputType::Email inputmode="email" placeholder=Msg::PlaceholderEmail normalize=fold_ascii/>
            <TextField field=Field::BuyerPhone label=Msg::LabelPhone value=form.phone autocomplete="tel"
                input_type=InputType::Tel inputmode="tel" placeholder="090-1234-5678" normalize=normalize_phone/>
            <Show when=crate::when(move || address.get())>
                {view! { <AddressFields address=form.buyer_address ids=AddressFieldIds {
                    postal: Field::BuyerPostal,
                    prefecture: Field::BuyerPrefecture,
                    city: Field::BuyerCity,
                    line1: Field::BuyerLine1,
                    line2: Field::BuyerLine2,
                }/> }.into_any()}
            </Show>
        </section>
    }
}

/// お届け先: 「ご注文者と同じ」 or another address with its own name and phone.
#[component]
pub fn ShippingSection() -> impl IntoView {
    let form = crate::context::<CheckoutForm>();
    let locale = crate::context::<LocaleCtx>();
    view! {
        <section class="zs-section zs-card" part="shipping" aria-labelledby="ship-heading">
            <h2 id="ship-heading">{locale.t(Msg::DeliveryAddress)}</h2>
            <fieldset class="zs-radio-group">
                <legend class="zs-visually-hidden">{locale.t(Msg::DeliveryAddress)}</legend>
                <div class="zs-radio-option">
                    <input type="radio" id="ship-same" name="ship-to" prop:checked=move || form.ship_same.get()
                        on:change=crate::handler(move |_| form.ship_same.set(true))/>
                    <label for="ship-same">{locale.t(Msg::SameAsBuyer)}</label>
                </div>
                <div class="zs-radio-option">
                    <input type="radio" id="ship-other" name="ship-to" prop:checked=move || !form.ship_same.get()
                        on:change=crate::handler(move |_| form.ship_same.set(false))/>
                    <label for="ship-other">{locale.t(Msg::AnotherAddress)}</label>
                </div>
            </fieldset>
            <Show when=crate::when(move || !form.ship_same.get())>
                {view! {
                <div class="zs-field-row">
                    <TextField field=Field::ShipFamily label=Msg::LabelShipFamily value=form.ship_family autocomplete="shipping family-name"/>
                    <TextField field=Field::ShipGiven label=Msg::LabelShipGiven value=form.ship_given autocomplete="shipping given-name"/>
                </div>
                <TextField field=Field::ShipPhone label=Msg::LabelShipPhone value=form.ship_phone
                    autocomplete="shipping tel" input_type=InputType::Tel inputmode="tel" normalize=normalize_phone/>
                <AddressFields address=form.ship_address ids=AddressFieldIds {
                    postal: Field::ShipPostal,
                    prefecture: Field::ShipPrefecture,
                    city: Field::ShipCity,
                    line1: Field::ShipLine1,
                    line2: Field::ShipLine2,
                }/>
                }.into_any()}
            </Show>
        </section>
    }
}
