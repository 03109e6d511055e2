//! The zero-step purchase flow: the form, its confirmation modal and the
//! order's placement, with what happens after left to its host (the shop's
//! route or the embedded widget) through [`CheckoutHooks`].
//!
//! [`CheckoutFlow`] builds the shared state ([`state`]), wires its parts
//! (the settings and prices, the card's token, the review, the placement)
//! and renders the page.

mod hooks;
mod placement;
mod prices;
mod review;
mod state;
mod tokenize;

use leptos::prelude::*;

pub use hooks::{CheckoutHooks, CheckoutStatus};
use placement::Placement;
use review::review;
use state::Checkout;

use crate::api::{self, ApiClient};
use crate::cart::Cart;
use crate::checkout::card_form::CardForm;
use crate::checkout::confirm_modal::ConfirmModal;
use crate::checkout::form::CheckoutForm;
use crate::checkout::sections::buyer::{BuyerSection, ShippingSection};
use crate::checkout::sections::cart::CartSection;
use crate::checkout::sections::delivery::DeliverySection;
use crate::checkout::sections::payment::PaymentSection;
use crate::checkout::sections::summary::OrderSummary;
use crate::components::announcer::Announcement;
use crate::i18n::{LocaleCtx, Msg, ShownText};

/// The zero-step purchase form, its confirmation modal and the order's
/// placement; what happens after is the host's ([`CheckoutHooks`]).
#[component]
pub fn CheckoutFlow(
    /// Who is told about progress.
    #[prop(optional)]
    hooks: CheckoutHooks,
    /// Render the heading in the task that sets the form up, then the cart,
    /// the buyer's section, and delivery, payment and the summary, each in a
    /// task of its own, so no single task blocks the main thread long. The
    /// embed renders at once: its `zerostep:ready` promises the whole form.
    #[prop(optional)]
    staged: bool,
    /// Move the focus to the heading when nothing on the page has it (the
    /// shop's own page, reached by 「カゴに入れる」, whose button is gone).
    /// An embed leaves the focus to its host.
    #[prop(optional)]
    take_focus: bool,
) -> impl IntoView {
    let cart = expect_context::<Cart>();
    let form = CheckoutForm::restored();
    form.keep();
    let card_form = CardForm::new();
    provide_context(form);
    provide_context(card_form);
    let client = StoredValue::new(ApiClient::from_context());
    let (config, quote) = prices::settings_and_prices(client, cart, form);
    let c = Checkout {
        hooks,
        cart,
        locale: expect_context::<LocaleCtx>(),
        announcement: expect_context::<Announcement>(),
        form,
        card_form,
        client,
        config,
        quote,
        payment_error: ShownText::new(),
        confirm_error: ShownText::new(),
        modal: RwSignal::new(None),
        token: StoredValue::new(None),
        idempotency_key: StoredValue::new(None),
        confirmed_lines: StoredValue::new(Vec::new()),
        root: NodeRef::new(),
    };
    prices::follow_settings(c);
    let tokenize = tokenize::tokenizer(c);
    let placement = Placement::new(c, tokenize);
    hooks::report_status(c);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if tokenize.pending().get_untracked() || placement.pending_untracked() {
            return;
        }
        // The last order's outcome first; the review goes on once it is
        // known that nothing was placed.
        match api::pending_order() {
            Some(key) => placement.resolve_then_review(key),
            None => review(c, tokenize),
        }
    };
    let place_order = Callback::new(move |()| placement.place_confirmed(c));
    let (locale, modal, payment_error, confirm_error, root) =
        (c.locale, c.modal, c.payment_error, c.confirm_error, c.root);

    // What the sections read: the settings and the prices once known.
    let settings = move || config.get().and_then(Result::ok);
    let prices = move || quote.get().and_then(Result::ok).flatten();
    let busy = move || tokenize.pending().get() || placement.pending();
    // What is rendered: 0 the heading, 1 also the cart, 2 also the buyer,
    // 3 all, each stage in a task of its own so that none blocks the main
    // thread for long. Later stages only append below what is on screen (the
    // summary comes last too, as it sits below the form on phones), so
    // nothing shifts.
    let stage = RwSignal::new(if staged { 0u8 } else { 3 });
    if staged {
        fn next(stage: RwSignal<u8>) {
            set_timeout(
                move || {
                    let now = stage.try_update(|s| {
                        *s += 1;
                        *s
                    });
                    if now.is_some_and(|s| s < 3) {
                        next(stage);
                    }
                },
                std::time::Duration::ZERO,
            );
        }
        next(stage);
    }
    if take_focus {
        Effect::new(move |_| {
            let Some(root) = root.get() else { return };
            let unfocused = crate::platform::dom::active_element_near(&root)
                .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
            if unfocused {
                crate::platform::dom::focus_near(&root, "checkout-heading");
            }
        });
    }
    view! {
        <div class="zs-checkout" node_ref=root>
            <h1 id="checkout-heading" tabindex="-1">{locale.t(Msg::Checkout)}</h1>
            <Show when=move || { stage.get() >= 1 }>
            <Show when=move || !cart.is_empty() fallback=move || view! { <CartSection quote=prices/> }>
                <div class="zs-checkout-body"><div class="zs-checkout-grid">
                    <form class="zs-checkout-main" novalidate=true on:submit=submit>
                        <CartSection quote=prices/>
                        <Show when=move || { stage.get() >= 2 }>
                        <BuyerSection/>
                        </Show>
                        <Show when=move || { stage.get() >= 3 }>
                        <ShippingSection/>
                        <DeliverySection config=settings/>
                        <PaymentSection config=settings quote=prices payment_error/>
                        <button type="submit" id="checkout-submit" part="submit" class="zs-button zs-button-primary zs-submit"
                            disabled=busy aria-busy=move || if busy() { "true" } else { "false" }>
                            {move || if busy() { Msg::Checking } else { Msg::ReviewOrder }.text(locale.get())}
                        </button>
                        </Show>
                    </form>
                    <Show when=move || { stage.get() >= 3 }>
                    <aside class="zs-checkout-summary">
                        <OrderSummary quote/>
                    </aside>
                    </Show>
                </div></div>
            </Show>
            </Show>
            {move || modal.get().map(|(q, settings)| view! {
                <ConfirmModal quote=q config=settings
                    on_close=move |()| {
                        if placement.pending_untracked() {
                            return;
                        }
                        match api::pending_order() {
                            Some(key) => placement.resolve(key),
                            None => c.close_modal(),
                        }
                    }
                    on_place=place_order
                    placing=Signal::derive(move || placement.pending())
                    error=Signal::derive(move || confirm_error.get(locale.get()))/>
            })}
        </div>
    }
}
