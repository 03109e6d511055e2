//! The zero-step purchase flow: the form, its confirmation modal and the
//! order's placement, with what happens after left to its host (the shop's
//! route or the embedded widget) through [`CheckoutHooks`].

use leptos::prelude::*;
use zerostep_domain::checkout::{CheckoutConfig, PaymentMethodCode, Quote, QuoteRequest};
use zerostep_domain::order::{OrderPlaced, OrderRequest, PayWay, PaymentRequest, PaymentToken};

use super::order_request::build_order;
use super::token_errors::token_error;
use crate::api::{self, ApiError};
use crate::cart::Cart;
use crate::checkout::buyer_section::{BuyerSection, ShippingSection};
use crate::checkout::card_form::{CardField, CardForm};
use crate::checkout::cart_section::CartSection;
use crate::checkout::confirm_modal::ConfirmModal;
use crate::checkout::delivery_section::DeliverySection;
use crate::checkout::form::CheckoutForm;
use crate::checkout::payment_section::PaymentSection;
use crate::checkout::summary::OrderSummary;
use crate::components::announcer::Announcement;
use crate::i18n::{self, Locale, LocaleCtx, ShownText, Text};
use crate::token::{self, TokenError, TokenSettings};
use zerostep_domain::api::ErrorCode;

/// What the page tells whoever hosts it (the shop's router, the embedded
/// widget, a Leptos host).
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckoutHooks {
    /// The order was placed (authorized, or accepted pending confirmation).
    pub on_placed: Option<Callback<OrderPlaced>>,
    /// Validity or total changed.
    pub on_change: Option<Callback<CheckoutStatus>>,
    /// The shopper was shown an error (a decline, the network, the token library).
    pub on_error: Option<Callback<ApiError>>,
}

/// Whether the form could be submitted now, and the total the server priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckoutStatus {
    /// Every field, the payment method and (for cards) the card inputs are valid.
    pub valid: bool,
    /// The tax-included total, once priced.
    pub total: Option<zerostep_domain::Yen>,
    /// How many items the cart holds.
    pub items: u32,
}

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
) -> impl IntoView {
    let cart = expect_context::<Cart>();
    let locale = expect_context::<LocaleCtx>();
    let announcement = expect_context::<Announcement>();
    // Tells screen readers a message in the page's language.
    let say =
        move |message: &Text| announcement.say(locale.0.get_untracked().of(message).to_owned());
    let report = move |code: &str, message: &Text| {
        if let Some(cb) = hooks.on_error {
            cb.run(ApiError {
                code: code.to_owned(),
                message: message.clone(),
            });
        }
    };
    let form = CheckoutForm::restored();
    form.keep();
    let card_form = CardForm::new();
    provide_context(form);
    provide_context(card_form);

    let config = LocalResource::new(api::checkout_config);
    // The method a quote asks for: none while the choice is empty or the
    // first method, which the server applies to a quote without one. So the
    // first method being filled in when the settings arrive (below) asks for
    // no second quote. Should the shop's first method have changed since the
    // settings were read (a quote names the method it is priced with), every
    // quote names its method from then on.
    let name_method = RwSignal::new(false);
    // The first method the settings list (`None` until they are read).
    let listed_first = Memo::new(move |_| {
        config.with(|c| match c {
            Some(Ok(c)) => Some(c.delivery_methods.first().map(|d| d.code.clone())),
            _ => None,
        })
    });
    let quote_method = Memo::new(move |_| {
        let method = form.delivery_method.get();
        let is_first = listed_first
            .get()
            .flatten()
            .is_some_and(|first| first == method);
        (!method.is_empty() && (!is_first || name_method.get())).then_some(method)
    });
    let quote = LocalResource::new(move || {
        let lines = cart.request_lines();
        let prefecture = form.delivery_prefecture();
        let delivery_method = quote_method.get();
        async move {
            if lines.is_empty() {
                return Ok(None);
            }
            let asked_by_name = delivery_method.is_some();
            let quote = api::quote(QuoteRequest {
                lines,
                prefecture,
                delivery_method,
            })
            .await?;
            // Asked without a method, the quote is priced with the shop's
            // first; if that is not the first the settings listed, every
            // quote names its method from now on.
            if !asked_by_name
                && listed_first
                    .get_untracked()
                    .is_some_and(|first| first != quote.delivery_method)
            {
                _ = name_method.try_set(true);
            }
            Ok(Some(quote))
        }
    });

    // Defaults from the settings: the first delivery method; dummy cards in sandbox mode only.
    Effect::new(move |_| {
        if let Some(Ok(c)) = config.get() {
            card_form.allow_dummy.set(c.token.allow_dummy_cards);
            // The first method, unless one still offered was restored.
            let chosen = form.delivery_method.get_untracked();
            if !c.delivery_methods.iter().any(|d| d.code == chosen) {
                if let Some(first) = c.delivery_methods.first() {
                    form.delivery_method.set(first.code.clone());
                    form.delivery_date.set(String::new());
                }
            }
        }
    });
    // A method that stops being selectable (total, address, delivery) is unselected.
    Effect::new(move |_| {
        if let (Some(chosen), Some(Ok(Some(q)))) = (form.payment.get(), quote.get()) {
            if q.payment_methods
                .iter()
                .any(|m| m.code == chosen && !m.selectable)
            {
                form.payment.set(None);
            }
        }
    });

    let payment_error = ShownText::new();
    let confirm_error = ShownText::new();
    let modal = RwSignal::new(None::<(Quote, CheckoutConfig)>);
    let token = StoredValue::new(None::<String>);
    let idempotency_key = StoredValue::new(None::<String>);

    // The lines the shopper confirms are fixed when the modal opens: a host
    // page changing the widget's items meanwhile cannot change the order.
    let confirmed_lines = StoredValue::new(Vec::new());
    let root = NodeRef::<leptos::html::Div>::new();
    let focus = move |id: &str| {
        if let Some(el) = root.get_untracked() {
            crate::dom::focus_near(&el, id);
        }
    };
    // Whether it opened: it needs the server's quote and the settings.
    let open_modal = move || {
        let snapshot = (quote.get_untracked(), config.get_untracked());
        let (Some(Ok(Some(q))), Some(Ok(c))) = snapshot else {
            return false;
        };
        confirm_error.clear();
        idempotency_key.set_value(Some(api::random_id()));
        confirmed_lines.set_value(cart.request_lines_untracked());
        modal.set(Some((q, c)));
        true
    };
    // Closing a modal that is not open does nothing (no focus moves).
    let close_modal = move || {
        if modal.get_untracked().is_none() {
            return;
        }
        token.set_value(None);
        idempotency_key.set_value(None);
        modal.set(None);
        focus("checkout-submit");
    };

    let tokenize = Action::new_local(move |input: &(String, TokenSettings)| {
        let (url, settings) = input.clone();
        let details = card_form.details();
        async move {
            let details = details.ok_or(TokenError::Rejected(Vec::new()))?;
            token::ensure_loaded(&url).await?;
            token::create_token(&settings, details).await
        }
    });
    Effect::new(move |_| {
        let Some(result) = tokenize.value().get() else {
            return;
        };
        match result {
            Ok(t) => {
                token.set_value(Some(t));
                // The card inputs are cleared only once the modal shows the
                // order (the token now stands for them).
                if open_modal() {
                    card_form.clear();
                }
            }
            Err(TokenError::Rejected(errors)) => {
                let mut by_field = std::collections::HashMap::new();
                let mut other = Vec::new();
                for e in &errors {
                    match CardField::from_error_item(&e.item) {
                        Some(f) => {
                            // Both languages, so the language switch applies.
                            // Yamato's code: the words follow the language.
                            by_field.entry(f).or_insert_with(|| e.code.clone());
                        }
                        // Yamato's own text (Japanese only).
                        None => other.push(format!("{}（{}）", e.message, e.code)),
                    }
                }
                let first = CardField::ALL
                    .into_iter()
                    .find(|f| by_field.contains_key(f));
                card_form.library_errors.set(by_field);
                if !other.is_empty() {
                    let other = other.join(" ");
                    payment_error.show(Text::new(other.clone(), other));
                }
                if let Some(f) = first {
                    focus(f.id());
                }
                let text = token_error(&TokenError::Rejected(errors));
                report(ErrorCode::CardInvalid.as_str(), &text);
                say(&text);
            }
            Err(e) => {
                let text = token_error(&e);
                report(
                    if e == TokenError::Timeout {
                        ErrorCode::TokenTimeout.as_str()
                    } else {
                        ErrorCode::TokenUnavailable.as_str()
                    },
                    &text,
                );
                say(&text);
                payment_error.show(text);
            }
        }
    });

    // 「注文確認する」 once no earlier order's outcome is pending: checks
    // the page, then opens the modal (after the card's token, for cards).
    let review = move || {
        form.submitted.set(true);
        payment_error.clear();
        card_form.show_all.set(true);
        let ja = locale.0.get_untracked() == Locale::Ja;
        let card = form.payment.get_untracked() == Some(PaymentMethodCode::Card);
        let invalid = form.invalid_fields();
        let card_invalid = if card {
            card_form.first_invalid()
        } else {
            None
        };
        let count = invalid.len() + usize::from(card_invalid.is_some());
        if count > 0 {
            match (invalid.first(), card_invalid) {
                (Some(first), _) => focus(first.id()),
                (None, Some(f)) => focus(f.id()),
                (None, None) => {}
            }
            announcement.say(if ja {
                format!("入力内容に{count}件の誤りがあります。")
            } else {
                format!("{count} fields need attention.")
            });
            return;
        }
        // The modal shows the server's total: without it, say why nothing opens.
        let total_text = match (quote.get_untracked(), config.get_untracked()) {
            (Some(Ok(Some(_))), Some(Ok(_))) => None,
            (Some(Err(_)), _) | (_, Some(Err(_))) => {
                quote.refetch();
                config.refetch();
                Some(i18n::total_failed())
            }
            _ => Some(i18n::total_pending()),
        };
        if let Some(text) = total_text {
            say(&text);
            payment_error.show(text);
            return;
        }
        if !card {
            open_modal();
            return;
        }
        if let Some(Ok(c)) = config.get_untracked() {
            let settings = TokenSettings {
                trader_code: c.token.trader_code,
                auth_div: c.token.auth_div,
                check_sum: c.token.check_sum,
            };
            tokenize.dispatch((c.token.js_url, settings));
        }
    };

    let placed = move |placed: OrderPlaced| {
        api::set_pending_order(None);
        CheckoutForm::forget();
        cart.clear();
        modal.set(None);
        if let Some(cb) = hooks.on_placed {
            cb.run(placed);
        }
    };
    // An order whose answer was lost (or that a reload cut short) may have
    // been placed: before the shopper goes back or starts another, the
    // server says what became of it, and withdraws it if it never arrived,
    // so that nothing is charged twice. `None` asks that about `key`.
    let place = Action::new_local(move |input: &(String, Option<OrderRequest>)| {
        let (key, order) = input.clone();
        async move { api::place_order(&key, order.as_ref()).await }
    });
    let resolve = move |key: String| _ = place.dispatch((key, None));
    // Whether 「注文確認する」 waits on that answer.
    let resume = StoredValue::new(false);
    if let Some(key) = api::pending_order() {
        resolve(key);
    }
    Effect::new(move |_| {
        let Some(result) = place.value().get() else {
            return;
        };
        let resumed = resume.get_value();
        resume.set_value(false);
        match result {
            Ok(order) => placed(order),
            Err(ApiError { code, message }) if api::outcome_unknown(&code) => {
                // Same key on retry: the server answers the first attempt's
                // result. Going back first asks what became of it.
                report(&code, &message);
                say(&message);
                if modal.get_untracked().is_some() {
                    confirm_error.show(message);
                } else {
                    payment_error.show(message);
                }
            }
            // Never placed, and now never will be: the shopper starts afresh.
            Err(ApiError { code, message }) if code == ErrorCode::OrderWithdrawn => {
                api::set_pending_order(None);
                confirm_error.clear();
                payment_error.clear();
                if modal.get_untracked().is_some() {
                    // 注文する again, for an attempt an earlier check withdrew
                    // (its answer was lost): the shopper confirms afresh.
                    close_modal();
                    say(&message);
                    payment_error.show(message);
                } else if resumed {
                    review();
                }
            }
            Err(ApiError { code, message }) => {
                api::set_pending_order(None);
                report(&code, &message);
                close_modal();
                say(&message);
                payment_error.show(message);
                if code == ErrorCode::PriceChanged {
                    quote.refetch();
                }
                if code == ErrorCode::CardDeclined || code == ErrorCode::TokenExpired {
                    focus(CardField::Number.id());
                }
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if tokenize.pending().get_untracked() || place.pending().get_untracked() {
            return;
        }
        // The last order's outcome first (see `place`); the review goes on
        // once it is known that nothing was placed.
        if let Some(key) = api::pending_order() {
            resume.set_value(true);
            resolve(key);
            return;
        }
        review();
    };

    let place_order = Callback::new(move |()| {
        let Some((q, _)) = modal.get_untracked() else {
            return;
        };
        let payment = match form.payment.get_untracked() {
            Some(PaymentMethodCode::Card) => {
                let Some(t) = token.get_value().and_then(|t| PaymentToken::parse(&t).ok()) else {
                    return;
                };
                let pay_way =
                    PayWay::new(card_form.pay_way.get_untracked()).unwrap_or(PayWay::LUMP_SUM);
                PaymentRequest::Card { token: t, pay_way }
            }
            Some(PaymentMethodCode::BankTransfer) => PaymentRequest::BankTransfer,
            None => return,
        };
        let (Some(order), Some(key)) = (
            build_order(form, confirmed_lines.get_value(), payment, q.total),
            idempotency_key.get_value(),
        ) else {
            return;
        };
        confirm_error.clear();
        api::set_pending_order(Some(&key));
        place.dispatch((key, Some(order)));
    });

    if let Some(on_change) = hooks.on_change {
        let last = StoredValue::new(None::<CheckoutStatus>);
        Effect::new(move |_| {
            let card_ok = form.payment.get() != Some(PaymentMethodCode::Card)
                || (token.get_value().is_some() || card_form.is_valid());
            let status = CheckoutStatus {
                valid: !cart.is_empty() && form.is_valid() && card_ok,
                total: quote.get().and_then(Result::ok).flatten().map(|q| q.total),
                items: cart.item_count(),
            };
            if last.get_value() != Some(status) {
                last.set_value(Some(status));
                on_change.run(status);
            }
        });
    }

    let busy = move || tokenize.pending().get() || place.pending().get();
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
    view! {
        <div class="zs-checkout" node_ref=root>
            <h1>{locale.pick("ご購入手続き", "Checkout")}</h1>
            <Show when=move || { stage.get() >= 1 }>
            <Show when=move || !cart.is_empty() fallback=move || view! { <CartSection quote/> }>
                <div class="zs-checkout-body"><div class="zs-checkout-grid">
                    <form class="zs-checkout-main" novalidate=true on:submit=submit>
                        <CartSection quote/>
                        <Show when=move || { stage.get() >= 2 }>
                        <BuyerSection/>
                        </Show>
                        <Show when=move || { stage.get() >= 3 }>
                        <ShippingSection/>
                        <DeliverySection config/>
                        <PaymentSection config quote payment_error/>
                        <button type="submit" id="checkout-submit" part="submit" class="zs-button zs-button-primary zs-submit"
                            disabled=busy aria-busy=move || if busy() { "true" } else { "false" }>
                            {move || match (busy(), locale.get()) {
                                (true, Locale::Ja) => "確認中…",
                                (true, Locale::En) => "Checking…",
                                (false, Locale::Ja) => "注文確認する",
                                (false, Locale::En) => "Review order",
                            }}
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
            {move || modal.get().map(|(q, c)| view! {
                <ConfirmModal quote=q config=c
                    on_close=move |()| {
                        if place.pending().get_untracked() {
                            return;
                        }
                        match api::pending_order() {
                            Some(key) => resolve(key),
                            None => close_modal(),
                        }
                    }
                    on_place=place_order
                    placing=Signal::derive(move || place.pending().get())
                    error=Signal::derive(move || confirm_error.get(locale.get()))/>
            })}
        </div>
    }
}
