//! 配送方法・お届け日時: method, date (指定なし or a day) and Yamato's time slots.

use leptos::prelude::*;
use zerostep_domain::checkout::{CheckoutConfig, DeliveryDate, TimeSlot};

use crate::checkout::form::CheckoutForm;
use crate::i18n::{self, shop_text, Locale, LocaleCtx, Msg};

/// `12月1日(火)` or `Tue, Dec 1`.
pub fn date_label(d: &DeliveryDate, locale: Locale) -> String {
    let mut parts = d
        .date
        .split('-')
        .skip(1)
        .filter_map(|p| p.parse::<u32>().ok());
    let (month, day) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    i18n::date_label(locale, month, day, usize::from(d.weekday))
}

/// The delivery choices.
#[component]
pub fn DeliverySection(
    /// The shop's settings (none until read).
    config: impl Fn() -> Option<CheckoutConfig> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let form = crate::context::<CheckoutForm>();
    let locale = crate::context::<LocaleCtx>();
    let methods = move || config().map(|c| c.delivery_methods).unwrap_or_default();
    let current = move || {
        let code = form.delivery_method.get();
        methods().into_iter().find(|m| m.code == code)
    };
    view! {
        <section class="zs-section zs-card" part="delivery" aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">{locale.t(Msg::DeliveryHeading)}</h2>
            <div class="zs-field">
                <label for="delivery-method">{locale.t(Msg::DeliveryMethod)}</label>
                <select id="delivery-method" prop:value=move || form.delivery_method.get()
                    on:change=crate::handler(move |ev| form.delivery_method.set(event_target_value(&ev)))>
                    // Each option says whether it is chosen: the choice may be
                    // known (restored after a reload) before the options arrive.
                    {move || Some(methods().into_iter().map(|m| {
                        let code = m.code.clone();
                        let name = shop_text(m.name.clone(), m.name_en.clone());
                        view! { <option value=m.code.clone() prop:selected=move || form.delivery_method.with(|c| *c == code)>{name}</option> }
                    }).collect_view().into_any())}
                </select>
            </div>
            <div class="zs-field-row">
                <div class="zs-field">
                    <label for="delivery-date">{locale.t(Msg::PreferredDate)}</label>
                    <select id="delivery-date" prop:value=move || form.delivery_date.get()
                        on:change=crate::handler(move |ev| form.delivery_date.set(event_target_value(&ev)))>
                        <option value="">{locale.t(Msg::NoPreference)}</option>
                        {move || current().map(|m| m.dates.into_iter().map(|d| {
                            let value = d.date.clone();
                            let chosen = d.date.clone();
                            view! { <option value=value prop:selected=move || form.delivery_date.with(|c| *c == chosen)>{move || date_label(&d, locale.get())}</option> }
                        }).collect_view().into_any())}
                    </select>
                </div>
                <div class="zs-field">
                    <label for="delivery-time">{locale.t(Msg::PreferredTime)}</label>
                    <select id="delivery-time" prop:value=move || form.time_slot.get().as_str()
                        on:change=crate::handler(move |ev| {
                            if let Some(slot) = TimeSlot::from_wire(&event_target_value(&ev)) {
                                form.time_slot.set(slot);
                            }
                        })>
                        {move || Some(current().map(|m| m.time_slots).unwrap_or_else(|| TimeSlot::ALL.to_vec()).into_iter().map(|slot| view! {
                            <option value=slot.as_str() prop:selected=move || form.time_slot.get() == slot>{move || i18n::time_slot(locale.get(), slot)}</option>
                        }).collect_view().into_any())}
                    </select>
                </div>
            </div>
        </section>
    }
}
