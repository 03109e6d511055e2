//! What the purchase flow's parts share: the page's state, its server data
//! and the messages on screen, as one `Copy` handle, and the few things
//! every part does with it (tell the shopper, tell the host, move focus,
//! open and close the modal).

use leptos::prelude::*;
use zerostep_domain::checkout::{CartLine, CartType, CheckoutConfig, Quote};

use super::authentication::Authentication;
use super::steps::StepNav;
use super::CheckoutHooks;
use crate::api::{self, ApiClient, ApiError};
use crate::cart::Cart;
use crate::checkout::card_form::CardForm;
use crate::checkout::form::CheckoutForm;
use crate::components::announcer::Announcement;
use crate::i18n::{LocaleCtx, ShownText, Text};
use crate::task::Fetched;

/// The settings the page is built from.
pub(super) type Config = Fetched<Result<CheckoutConfig, ApiError>>;
/// The server's prices for the cart and address (`None` for an empty cart).
pub(super) type Prices = Fetched<Result<Option<Quote>, ApiError>>;

/// The purchase flow's state.
#[derive(Clone, Copy)]
pub(super) struct Checkout {
    /// Who is told about progress.
    pub hooks: CheckoutHooks,
    /// What is bought.
    pub cart: Cart,
    /// The page's language.
    pub locale: LocaleCtx,
    /// The live region.
    pub announcement: Announcement,
    /// The buyer, delivery and payment inputs.
    pub form: CheckoutForm,
    /// The card inputs.
    pub card_form: CardForm,
    /// Our backend.
    pub client: StoredValue<ApiClient>,
    /// The shop's settings.
    pub config: Config,
    /// The server's prices.
    pub quote: Prices,
    /// Why the last attempt failed, beside the payment choice.
    pub payment_error: ShownText,
    /// Why the last attempt failed, in the open modal (the network).
    pub confirm_error: ShownText,
    /// The open confirmation modal: the quote and settings it shows.
    pub modal: RwSignal<Option<(Quote, CheckoutConfig)>>,
    /// The card's token, once made.
    pub token: StoredValue<Option<String>>,
    /// The key of the order the open modal places.
    pub idempotency_key: StoredValue<Option<String>>,
    /// The lines the shopper confirmed, fixed when the modal opens: a host
    /// page changing the widget's items meanwhile cannot change the order.
    pub confirmed_lines: StoredValue<Vec<CartLine>>,
    /// The flow's root element (focus stays inside it).
    pub root: NodeRef<leptos::html::Div>,
    /// Which page of the 3-step cart is shown.
    pub steps: StepNav,
    /// The card's authentication on screen (EMV 3-D Secure).
    pub authentication: RwSignal<Option<Authentication>>,
    /// Whether an authentication started and its end was not yet told.
    pub authenticating: StoredValue<bool>,
    /// The session whose issuer's page said it is over, until its order's
    /// answer comes.
    pub returned: StoredValue<Option<String>>,
    /// 「注文する」 as the open confirmation's button runs it; set once the
    /// placement exists (the 3-step cart's STEP3 runs it itself once the
    /// card's token is made).
    pub place: StoredValue<Option<Callback<()>>>,
}

impl Checkout {
    /// The shop's カートタイプ, once its settings are read (reactive).
    pub fn cart_type(&self) -> Option<CartType> {
        self.config.with(|c| {
            c.as_ref()
                .and_then(|c| c.as_ref().ok())
                .map(|c| c.cart_type)
        })
    }

    /// Whether the shop uses the 3-step cart (not reactive).
    pub fn three_step(&self) -> bool {
        untrack(|| self.cart_type()) == Some(CartType::ThreeStep)
    }

    /// Tells screen readers `message` in the page's language.
    pub fn say(&self, message: &Text) {
        self.announcement
            .say(self.locale.0.get_untracked().of(message).to_owned());
    }

    /// Tells the host the shopper was shown an error.
    pub fn report(&self, code: &str, message: &Text) {
        if let Some(cb) = self.hooks.on_error {
            cb.run(ApiError {
                code: code.to_owned(),
                message: message.clone(),
            });
        }
    }

    /// Moves focus to the element `id` inside the flow. An element still to
    /// come (a section waiting for the settings, after a reload) takes it
    /// when it appears, within about four seconds, unless the shopper has
    /// moved the focus by then.
    pub fn focus(&self, id: &'static str) {
        let Some(root) = self.root.get_untracked() else {
            return;
        };
        let before = crate::platform::dom::active_element_near(&root);
        focus_when_present(root, id, before, 240);
    }

    /// Opens the modal; false when it cannot (it needs the server's quote
    /// and the settings).
    pub fn open_modal(&self) -> bool {
        let snapshot = (self.quote.get_untracked(), self.config.get_untracked());
        let (Some(Ok(Some(q))), Some(Ok(c))) = snapshot else {
            return false;
        };
        self.confirm_error.clear();
        self.idempotency_key.set_value(Some(api::random_id()));
        self.confirmed_lines
            .set_value(self.cart.request_lines_untracked());
        self.modal.set(Some((q, c)));
        true
    }

    /// In the 3-step cart, places the order just confirmed (STEP3's
    /// 「注文する」 is the confirmation); nothing in the zero-step page,
    /// whose modal waits for its own 「注文する」.
    pub fn place_if_three_step(&self) {
        if self.three_step() {
            if let Some(place) = self.place.get_value() {
                place.run(());
            }
        }
    }

    /// Closes the modal and returns focus to 「注文確認する」; nothing when
    /// it is not open.
    pub fn close_modal(&self) {
        if self.modal.get_untracked().is_none() {
            return;
        }
        self.token.set_value(None);
        self.idempotency_key.set_value(None);
        self.modal.set(None);
        self.focus("checkout-submit");
    }
}

/// Focuses `id` near `root` once it exists, trying once a frame at most
/// `frames` more times while the focus stays on `before`.
fn focus_when_present(
    root: web_sys::HtmlDivElement,
    id: &'static str,
    before: Option<web_sys::Element>,
    frames: u8,
) {
    use crate::platform::dom;
    if let Some(el) = dom::element_near(&root, id) {
        let _ = el.focus();
    } else if frames > 0 && dom::active_element_near(&root) == before {
        request_animation_frame(move || focus_when_present(root, id, before, frames - 1));
    }
}
