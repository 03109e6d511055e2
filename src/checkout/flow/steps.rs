//! The 3-step cart (3ステップカート, the guide's §4): カゴの中身 → STEP1
//! 購入者情報入力 → STEP2 支払い方法・配送指定 → STEP3 確認画面. Which step is
//! shown is the host's: the shop keeps it in the URL (so back and forward
//! work), the widget in a signal (it leaves its host's URL alone).
//!
//! A step can be shown only when the ones before it are complete; a deep
//! link or a reload further on sends the shopper to the first incomplete one.

use leptos::prelude::*;

use crate::cart::Cart;
use crate::checkout::form::{CheckoutForm, Field};
use crate::i18n::{LocaleCtx, Msg};

/// A page of the 3-step cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CartStep {
    /// カゴの中身: lines, quantities, subtotal, 「購入手続きへ」.
    Cart,
    /// STEP1 購入者情報入力: the buyer and the delivery address.
    Buyer,
    /// STEP2 支払い方法・配送指定.
    Delivery,
    /// STEP3 確認画面: everything, the card inputs at the bottom, 「注文する」.
    Confirm,
}

impl CartStep {
    /// Every step, in order.
    pub const ALL: [CartStep; 4] = [
        CartStep::Cart,
        CartStep::Buyer,
        CartStep::Delivery,
        CartStep::Confirm,
    ];

    /// The step a URL segment names: none for the cart, `step1`…`step3`.
    pub fn from_segment(segment: Option<&str>) -> Option<CartStep> {
        match segment {
            None | Some("") => Some(CartStep::Cart),
            Some("step1") => Some(CartStep::Buyer),
            Some("step2") => Some(CartStep::Delivery),
            Some("step3") => Some(CartStep::Confirm),
            Some(_) => None,
        }
    }

    /// The shop's path for the step.
    pub fn path(self) -> &'static str {
        match self {
            CartStep::Cart => "/checkout",
            CartStep::Buyer => "/checkout/step1",
            CartStep::Delivery => "/checkout/step2",
            CartStep::Confirm => "/checkout/step3",
        }
    }

    /// The step's name (its page heading).
    pub fn title(self) -> Msg {
        match self {
            CartStep::Cart => Msg::StepCart,
            CartStep::Buyer => Msg::StepBuyer,
            CartStep::Delivery => Msg::StepDelivery,
            CartStep::Confirm => Msg::StepConfirm,
        }
    }

    /// The step before this one.
    pub fn previous(self) -> CartStep {
        match self {
            CartStep::Cart | CartStep::Buyer => CartStep::Cart,
            CartStep::Delivery => CartStep::Buyer,
            CartStep::Confirm => CartStep::Delivery,
        }
    }

    /// The step after this one.
    pub fn next(self) -> CartStep {
        match self {
            CartStep::Cart => CartStep::Buyer,
            CartStep::Buyer => CartStep::Delivery,
            CartStep::Delivery | CartStep::Confirm => CartStep::Confirm,
        }
    }

    /// The form's fields this step asks for, in page order.
    pub fn fields(self) -> Vec<Field> {
        match self {
            CartStep::Cart | CartStep::Confirm => Vec::new(),
            CartStep::Buyer => Field::ORDER
                .iter()
                .copied()
                .filter(|&f| f != Field::Payment)
                .collect(),
            CartStep::Delivery => vec![Field::Payment],
        }
    }

    /// The first step whose inputs are not complete (`Confirm` when all
    /// are): where a shopper asking for a later step is sent. Not reactive.
    pub fn first_incomplete(cart: Cart, form: &CheckoutForm) -> CartStep {
        if untrack(|| cart.is_empty()) {
            return CartStep::Cart;
        }
        [CartStep::Buyer, CartStep::Delivery]
            .into_iter()
            .find(|s| {
                s.fields()
                    .into_iter()
                    .any(|f| untrack(|| form.problem(f)).is_some())
            })
            .unwrap_or(CartStep::Confirm)
    }
}

/// How the flow moves between the steps: which one is shown, and how to
/// show another (`true`: replace the current history entry).
#[derive(Clone, Copy)]
pub struct StepNav {
    /// The step shown.
    pub current: Signal<CartStep>,
    /// Shows a step.
    pub go: Callback<(CartStep, bool)>,
}

impl StepNav {
    /// Steps held in memory, for a host without a router (the widget).
    pub fn local() -> Self {
        let current = RwSignal::new(CartStep::Cart);
        StepNav {
            current: current.into(),
            go: Callback::new(move |(step, _): (CartStep, bool)| current.set(step)),
        }
    }
}

/// The step indicator: each step's name, the current one marked and the
/// ones done shown so (「戻る」 and the browser's back return to them).
#[component]
pub fn StepIndicator(nav: StepNav) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    view! {
        <nav class="zs-steps" part="steps" aria-label=locale.t(Msg::StepsLabel)>
            <ol>
                {CartStep::ALL.into_iter().enumerate().map(|(i, step)| {
                    let label = move || {
                        let name = step.title().text(locale.get());
                        if i == 0 { name.to_owned() } else { format!("STEP{i} {name}") }
                    };
                    let state = move || nav.current.get().cmp(&step);
                    view! {
                        <li class="zs-step" data-testid="step"
                            class:zs-step-current=move || state().is_eq()
                            class:zs-step-done=move || state().is_gt()
                            aria-current=move || state().is_eq().then_some("step")>
                            {move || label()}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_a_path_its_segment_reads_back() {
        for step in CartStep::ALL {
            let segment = step
                .path()
                .strip_prefix("/checkout")
                .map(|s| s.trim_start_matches('/'));
            assert_eq!(CartStep::from_segment(segment), Some(step), "{step:?}");
        }
        assert_eq!(CartStep::from_segment(Some("step4")), None);
    }

    #[test]
    fn steps_go_forward_and_back_in_order() {
        for pair in CartStep::ALL.windows(2) {
            assert_eq!(pair[0].next(), pair[1]);
            assert_eq!(pair[1].previous(), pair[0]);
        }
        assert_eq!(CartStep::Confirm.next(), CartStep::Confirm);
        assert_eq!(CartStep::Cart.previous(), CartStep::Cart);
    }

    #[test]
    fn the_steps_ask_for_every_field_once() {
        let mut asked: Vec<Field> = CartStep::ALL
            .into_iter()
            .flat_map(CartStep::fields)
            .collect();
        assert_eq!(asked.len(), Field::ORDER.len());
        asked.sort_by_key(|f| f.id());
        let mut all = Field::ORDER.to_vec();
        all.sort_by_key(|f| f.id());
        assert_eq!(asked, all);
    }
}
