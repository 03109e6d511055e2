//! The purchase flow: the form, its confirmation and the order's
//! placement, laid out as the shop's カートタイプ says (the zero-step page
//! with its modal, or the 3-step cart's pages, [`steps`]), with what
//! happens after left to its host (the shop's route or the embedded widget)
//! through [`CheckoutHooks`].
//!
//! [`CheckoutFlow`] builds the shared state ([`state`]), wires its parts
//! (the settings and prices, the card's token, the review, the placement)
//! and renders the page.

mod authentication;
mod hooks;
mod on_demand;
mod placement;
mod prices;
mod review;
mod state;
pub mod steps;
mod three_step;
mod tokenize;

use leptos::prelude::*;

use authentication::AuthenticationDialogProps;
pub use hooks::{AuthenticationEvent, CheckoutHooks, CheckoutStatus};
use placement::Placement;
use review::review;
use state::Checkout;
use steps::{CartStep, StepIndicator, StepNav};
use zerostep_domain::checkout::{CartType, PaymentMethodCode};

use crate::api::{self, ApiClient};
use crate::cart::Cart;
use crate::checkout::card_form::CardForm;
use crate::checkout::confirm_modal::ConfirmModalProps;
use crate::checkout::form::CheckoutForm;
use crate::checkout::sections::buyer::{BuyerSection, ShippingSection};
use crate::checkout::sections::cart::CartSection;
use crate::checkout::sections::delivery::DeliverySection;
use crate::checkout::sections::payment::PaymentSection;
use crate::checkout::sections::summary::OrderSummary;
use crate::components::announcer::Announcement;
use crate::i18n::{self, LocaleCtx, Msg, ShownText};

/// The zero-step purchase form, its confirmation modal and the order's
/// placement; what happens after is the host's ([`CheckoutHooks`]).
// `attr=move || f()` rather than `attr=f`: `view!` gives a closure written
// in place one shared type per value type, where a named closure compiles
// its attribute code again.
#[allow(clippy::redundant_closure)]
#[component]
pub fn CheckoutFlow(
    /// Who is told about progress.
    #[prop(optional)]
    hooks: CheckoutHooks,
    /// Render the heading in the task that sets the form up, then the cart,
    /// the buyer, the buyer's address, the shipping address, the delivery,
    /// the payment, and the button with the summary, each in a task of its
    /// own, so no single task blocks the main thread long. The embed renders
    /// at once: its `zerostep:ready` promises the whole form.
    #[prop(optional)]
    staged: bool,
    /// Move the focus to the heading when nothing on the page has it (the
    /// shop's own page, reached by 「カゴに入れる」, whose button is gone).
    /// An embed leaves the focus to its host.
    #[prop(optional)]
    take_focus: bool,
    /// Which page of the 3-step cart is shown, and how to show another (the
    /// shop's routes); without it the flow keeps the step itself. The
    /// zero-step page ignores it.
    #[prop(optional)]
    steps: Option<StepNav>,
) -> impl IntoView {
    let cart = crate::context::<Cart>();
    crate::platform::jis::use_browser_decoder();
    let form = CheckoutForm::restored();
    form.keep();
    let card_form = CardForm::new();
    provide_context(crate::checkout::Forms {
        form,
        card: card_form,
    });
    let client = StoredValue::new(ApiClient::from_context());
    let (config, quote) = prices::settings_and_prices(client, cart, form);
    let c = Checkout {
        hooks,
        cart,
        locale: crate::context::<LocaleCtx>(),
        announcement: crate::context::<Announcement>(),
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
        steps: steps.unwrap_or_else(StepNav::local),
        place: StoredValue::new(None),
        authentication: RwSignal::new(None),
        authenticating: StoredValue::new(false),
        returned: StoredValue::new(None),
    };
    prices::follow_settings(c);
    let tokenize = tokenize::tokenizer(c);
    let placement = Placement::new(c, tokenize);
    hooks::report_status(c);

    let place_order = Callback::new(move |()| placement.place_confirmed(c));
    c.place.set_value(Some(place_order));
    let nav = c.steps;
    let three = Memo::new(move |_| c.cart_type() == Some(CartType::ThreeStep));
    follow_steps(c, placement);
    let (locale, modal, payment_error, root) = (c.locale, c.modal, c.payment_error, c.root);
    let confirm_error = c.confirm_error;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if tokenize.pending_untracked() || placement.pending_untracked() {
            return;
        }
        if c.three_step() {
            // The 3-step cart's 「購入手続きへ」 and 「次へ」 move on; STEP3's
            // 「注文する」 asks again under its own key (and token) about an
            // attempt whose outcome is not known, never placing it twice.
            if nav.current.get_untracked() != CartStep::Confirm {
                return three_step::advance(c);
            }
            if c.modal.get_untracked().is_some() {
                return c.place_if_three_step();
            }
        }
        // The last order's outcome first; the review goes on once it is
        // known that nothing was placed.
        match api::pending_order() {
            Some(key) => placement.resolve_then_review(key),
            None => review(c, tokenize),
        }
    };

    // What the sections read: the settings and the prices once known.
    let settings = move || config.get().and_then(Result::ok);
    let prices = move || quote.get().and_then(Result::ok).flatten();
    let busy = move || tokenize.pending() || placement.pending();
    // What is rendered: 0 the heading, 1 also the cart, 2 also the buyer,
    // 3 the buyer's address, 4 the shipping address, 5 the delivery, 6 the
    // payment, 7 (`ALL`) the button and the summary, each stage in a task of
    // its own so that none blocks the main thread for long (Lighthouse slows
    // the CPU four times, and counts each task of more than 12.5 ms here
    // toward TBT). Later stages only append below what is on screen (the
    // summary comes last too, as it sits below the form on phones), so
    // nothing shifts.
    const ALL: u8 = 7;
    let stage = RwSignal::new(if staged { 0u8 } else { ALL });
    // Whether a part of the page is on screen: the zero-step page shows
    // every part but the 3-step cart's review, from its stage on; the
    // 3-step cart the current step's. With the cart empty, only the cart.
    let filled = move || !cart.is_empty();
    let on = move |part: CartStep, from_stage: u8| {
        (part == CartStep::Cart || filled())
            && if three.get() {
                nav.current.get() == part
            } else {
                part != CartStep::Confirm && stage.get() >= from_stage
            }
    };
    if staged {
        fn next(stage: RwSignal<u8>) {
            set_timeout(
                move || {
                    let now = stage.try_update(|s| {
                        *s += 1;
                        *s
                    });
                    if now.is_some_and(|s| s < ALL) {
                        next(stage);
                    }
                },
                std::time::Duration::ZERO,
            );
        }
        next(stage);
    }
    on_demand::preload();
    if take_focus {
        crate::task::effect(move || {
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
            <h1 id="checkout-heading" tabindex="-1">
                {move || if three.get() { nav.current.get().title() } else { Msg::Checkout }.text(locale.get())}
            </h1>
            <Show when=crate::when(move || three.get())>
                <StepIndicator nav/>
            </Show>
            // Each `Show` holds one `AnyView` (`crate::erased`).
            <Show when=crate::when(move || { stage.get() >= 1 })>
                {view! { <div class="zs-checkout-body"><div class:zs-checkout-grid=move || filled()>
                    <form class="zs-checkout-main" novalidate=true on:submit=crate::handler(submit)>
                        <Show when=crate::when(move || on(CartStep::Cart, 1))>
                        <CartSection quote=prices/>
                        </Show>
                        <Show when=crate::when(move || on(CartStep::Buyer, 2))>
                        <BuyerSection address=Signal::derive(move || on(CartStep::Buyer, 3))/>
                        </Show>
                        <Show when=crate::when(move || on(CartStep::Buyer, 4))>
                        <ShippingSection/>
                        </Show>
                        <Show when=crate::when(move || on(CartStep::Delivery, 5))>
                        <DeliverySection config=settings/>
                        </Show>
                        <Show when=crate::when(move || on(CartStep::Delivery, 6))>
                        <PaymentSection config=settings quote=prices payment_error card_elsewhere=three/>
                        </Show>
                        <Show when=crate::when(move || on(CartStep::Confirm, ALL))>
                        {crate::task::on_demand(on_demand::step3_review(c))}
                        </Show>
                        <Show when=crate::when(move || filled() && (three.get() || stage.get() >= ALL))>
                        {view! {
                        // On a phone the summary comes after the button: its
                        // total is repeated before it (STEP3 shows it all).
                        {move || prices().filter(|_| !(three.get() && nav.current.get() == CartStep::Confirm)).map(|q| view! {
                            <p class="zs-submit-total" data-testid="submit-total">
                                <span>{locale.t(Msg::TotalTaxIncluded)}</span><strong>{format!("¥{}", q.total.grouped())}</strong>
                            </p>
                        }.into_any())}
                        <div class="zs-step-actions">
                            <Show when=crate::when(move || three.get() && nav.current.get() != CartStep::Cart)>
                            {view! { <button type="button" class="zs-button" data-testid="step-back" disabled=move || busy()
                                on:click=crate::handler(move |_| nav.go.run((nav.current.get_untracked().previous(), false)))>{locale.t(Msg::Back)}</button> }.into_any()}
                            </Show>
                            <button type="submit" id="checkout-submit" part="submit" class="zs-button zs-button-primary zs-submit"
                                disabled=move || busy() aria-busy=move || if busy() { "true" } else { "false" }>
                                {move || submit_label(three.get().then(|| nav.current.get()), busy()).text(locale.get())}
                            </button>
                        </div>
                        }.into_any()}
                        </Show>
                    </form>
                    <Show when=crate::when(move || filled() && if three.get() { nav.current.get() != CartStep::Confirm } else { stage.get() >= ALL })>
                    {view! { <aside class="zs-checkout-summary">
                        <OrderSummary quote/>
                    </aside> }.into_any()}
                    </Show>
                </div></div> }.into_any()}
            </Show>
            {move || c.authentication.get().map(|auth| view! {
                {crate::task::on_demand(on_demand::authentication_dialog(AuthenticationDialogProps { auth: auth.clone(), on_over: Callback::new(move |()| {
                    // Over: ask what became of the order (its own key, even
                    // if another tab changed the page's pending one).
                    c.returned.set_value(Some(auth.session().to_owned()));
                    c.authentication.set(None);
                    if let Some(key) = auth.key.clone().or_else(api::pending_order) {
                        placement.resolve(key);
                    }
                })}))}
            }.into_any())}
            {move || (!three.get() && c.authentication.with(Option::is_none)).then(|| modal.get()).flatten().map(|(q, settings)| view! {
                {crate::task::on_demand(on_demand::confirm_modal(ConfirmModalProps::builder().quote(q).config(settings)
                    .on_close(move |()| {
                        if placement.pending_untracked() {
                            return;
                        }
                        match api::pending_order() {
                            Some(key) => placement.resolve(key),
                            None => {
                                c.close_modal();
                                // The card's inputs were emptied once its token
                                // was made (a token serves one order): said,
                                // above them.
                                if c.form.payment.get_untracked() == Some(PaymentMethodCode::Card) {
                                    c.payment_error.show(i18n::card_entered_again());
                                }
                            }
                        }
                    })
                    .on_place(place_order)
                    .placing(Signal::derive(move || placement.pending()))
                    .error(Signal::derive(move || confirm_error.get(locale.get()))).build()))}
            }.into_any())}
        </div>
    }
}

/// Keeps the 3-step cart's page honest: a step whose earlier ones are not
/// complete (a deep link, a reload, a changed cart) gives way to the first
/// incomplete one; the zero-step page has no steps to be on. Leaving STEP3
/// drops the confirmation made there (asking first what became of an order
/// whose answer was lost), and each new step's heading takes the focus.
fn follow_steps(c: Checkout, placement: Placement) {
    let nav = c.steps;
    crate::task::effect(move || {
        let current = nav.current.get();
        let allowed = match c.cart_type() {
            None => return,
            Some(CartType::ZeroStep) => CartStep::Cart,
            Some(CartType::ThreeStep) => CartStep::first_incomplete(c.cart, &c.form),
        };
        if current > allowed {
            nav.go.run((allowed, true));
        }
    });
    let mut previous: Option<CartStep> = None;
    crate::task::effect(move || {
        let current = nav.current.get();
        if previous.replace(current).is_some_and(|p| p != current) {
            if current != CartStep::Confirm
                && c.modal.get_untracked().is_some()
                && !placement.pending_untracked()
            {
                match api::pending_order() {
                    Some(key) => placement.resolve(key),
                    None => c.close_modal(),
                }
            }
            request_animation_frame(move || {
                if let Some(Some(root)) = c.root.try_get_untracked() {
                    crate::platform::dom::focus_near(&root, "checkout-heading");
                }
            });
        }
    });
}

/// The submit button's words: 注文確認する on the zero-step page (`None`),
/// the step's own on the 3-step cart's.
fn submit_label(step: Option<CartStep>, busy: bool) -> Msg {
    match (step, busy) {
        (None, false) => Msg::ReviewOrder,
        (None, true) => Msg::Checking,
        (Some(CartStep::Cart), _) => Msg::ProceedToPurchase,
        (Some(CartStep::Buyer | CartStep::Delivery), _) => Msg::Next,
        (Some(CartStep::Confirm), false) => Msg::PlaceOrder,
        (Some(CartStep::Confirm), true) => Msg::Placing,
    }
}
