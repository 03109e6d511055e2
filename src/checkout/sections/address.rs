//! 郵便番号, 都道府県, 市区町村, 番地, 建物名, with postal-code autofill.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zerostep_domain::checkout::PostalCandidate;
use zerostep_domain::{PostalCode, Prefecture};

use crate::api::ApiClient;
use crate::checkout::form::{AddressForm, CheckoutForm, Field};
use crate::checkout::text_field::{announce_problem, FormFieldError, TextField};
use crate::components::announcer::Announcement;
use crate::components::field::RequiredMark;
use crate::i18n::{self, LocaleCtx, Msg};

/// The five fields of an address.
#[derive(Debug, Clone, Copy)]
pub struct AddressFieldIds {
    /// 郵便番号.
    pub postal: Field,
    /// 都道府県.
    pub prefecture: Field,
    /// 市区町村.
    pub city: Field,
    /// 番地.
    pub line1: Field,
    /// 建物名.
    pub line2: Field,
}

/// What the autofill found.
#[derive(Debug, Clone, PartialEq)]
enum Lookup {
    Idle,
    Filled,
    Choose(Vec<PostalCandidate>),
    NotFound,
    Failed,
}

fn normalize_postal(v: &str) -> String {
    PostalCode::parse(v)
        .map(|p| p.to_string())
        .unwrap_or_else(|_| v.to_owned())
}

fn fill(address: AddressForm, c: &PostalCandidate) {
    address.prefecture.set(c.prefecture.code().to_string());
    address.city.set(format!("{}{}", c.city, c.town));
}

/// An address block.
#[component]
pub fn AddressFields(
    /// The bound values.
    address: AddressForm,
    /// The fields' ids.
    ids: AddressFieldIds,
) -> impl IntoView {
    let form = crate::context::<CheckoutForm>();
    let locale = crate::context::<LocaleCtx>();
    let announcement = crate::context::<Announcement>();
    let lookup = RwSignal::new(Lookup::Idle);
    let last_code = StoredValue::new(String::new());

    let client = ApiClient::from_context();
    let on_postal = Callback::new(move |text: String| {
        let Ok(code) = PostalCode::parse(&text) else {
            return;
        };
        if last_code.get_value() == code.digits() {
            return;
        }
        last_code.set_value(code.digits().to_owned());
        let client = client.clone();
        spawn_local(async move {
            let result = client.postal_lookup(code).await;
            let lang = locale.0.get_untracked();
            match result {
                Ok(Some(found)) if found.candidates.len() == 1 => {
                    fill(address, &found.candidates[0]);
                    lookup.set(Lookup::Filled);
                    announcement.say(Msg::AddressFilled.text(lang).to_owned());
                }
                Ok(Some(found)) => {
                    announcement.say(Msg::SeveralAreas.text(lang).to_owned());
                    lookup.set(Lookup::Choose(found.candidates));
                }
                Ok(None) => lookup.set(Lookup::NotFound),
                Err(_) => lookup.set(Lookup::Failed),
            }
        });
    });

    let hint = move || {
        let lang = locale.get();
        match lookup.get() {
            Lookup::Idle | Lookup::Choose(_) => String::new(),
            Lookup::Filled => Msg::AddressFilledAddStreet.text(lang).to_owned(),
            Lookup::NotFound => Msg::AddressNotFound.text(lang).to_owned(),
            Lookup::Failed => Msg::AddressLookupFailed.text(lang).to_owned(),
        }
    };
    let choice_id = format!("{}-choice", ids.postal.id());
    let choices = move || match lookup.get() {
        Lookup::Choose(list) => {
            let options = list.clone();
            Some(view! {
                <div class="zs-field">
                    <label for=choice_id.clone()>{locale.t(Msg::ChooseArea)}</label>
                    <select id=choice_id.clone() on:change=crate::handler(move |ev| {
                        let picked = event_target_value(&ev).parse::<usize>().ok().and_then(|i| options.get(i).cloned());
                        if let Some(c) = picked {
                            fill(address, &c);
                            lookup.set(Lookup::Filled);
                        }
                    })>
                        <option value="">{locale.t(Msg::Choose)}</option>
                        {list.iter().enumerate().map(|(i, c)| {
                            let text = format!("{}{}{}", c.prefecture.name_ja(), c.city, c.town);
                            view! { <option value=i.to_string()>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }.into_any())
        }
        _ => None,
    };

    let prefecture_invalid = move || form.visible_problem(ids.prefecture).is_some();
    let prefecture_label = Msg::LabelPrefecture;
    view! {
        <div class="zs-address">
            <div class="zs-postal-row">
                <TextField field=ids.postal label=Msg::LabelPostal value=address.postal
                    autocomplete="postal-code" inputmode="numeric" placeholder="123-4567"
                    normalize=normalize_postal on_input=on_postal/>
                <p class="zs-hint" data-testid=format!("{}-hint", ids.postal.id())>{move || hint()}</p>
            </div>
            {move || choices()}
            <div class="zs-field">
                <label for=ids.prefecture.id()>
                    {locale.t(prefecture_label)}
                    <RequiredMark required=true/>
                </label>
                <select
                    id=ids.prefecture.id()
                    name=ids.prefecture.id()
                    autocomplete="address-level1"
                    required=true
                    aria-required="true"
                    aria-invalid=move || if prefecture_invalid() { "true" } else { "false" }
                    aria-describedby=ids.prefecture.error_id()
                    prop:value=move || address.prefecture.get()
                    on:change=crate::handler(move |ev| address.prefecture.set(event_target_value(&ev)))
                    on:blur=crate::handler(move |_| {
                        form.touch(ids.prefecture);
                        announce_problem(form, ids.prefecture, prefecture_label);
                    })
                >
                    <option value="">{locale.t(Msg::Choose)}</option>
                    {Prefecture::all().map(|p| {
                        let code = p.code().to_string();
                        view! { <option value=code>{move || i18n::prefecture(locale.get(), p)}</option> }
                    }).collect_view()}
                </select>
                <FormFieldError field=ids.prefecture/>
            </div>
            <TextField field=ids.city label=Msg::LabelCity value=address.city autocomplete="address-level2"/>
            <TextField field=ids.line1 label=Msg::LabelLine1 value=address.line1 autocomplete="address-line1" placeholder="1-2-3"/>
            <TextField field=ids.line2 label=Msg::LabelLine2 value=address.line2 autocomplete="address-line2" required=false/>
        </div>
    }
}
