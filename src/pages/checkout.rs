//! The purchase page (`/checkout`), where 「カゴに入れる」 on the shop page
//! lands. In a zero-step shop (ゼロステップカート) it is one page:
//! 買い物カゴ, ご注文者情報, お届け先, 配送方法・お届け日時, お支払い方法 and the
//! summary priced by the server; 「注文確認する」 validates everything, turns
//! the card into a token through Yamato's JavaScript, and opens the
//! confirmation modal, whose 「注文する」 places the order. In a 3-step shop
//! (3ステップカート) `/checkout` is カゴの中身 and `/checkout/step1`…`step3`
//! the steps, so the browser's back and forward move between them.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use zerostep_domain::order::OrderPlaced;

use crate::checkout::completion::LastOrder;
use crate::checkout::flow::steps::{CartStep, StepNav};
use crate::checkout::flow::{CheckoutFlow, CheckoutHooks};

/// The purchase page of the shop: places the order, then shows `/complete`.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let last_order = crate::context::<LastOrder>();
    super::preload_complete_page();
    let navigate = use_navigate();
    let on_placed = {
        let navigate = navigate.clone();
        Callback::new(move |placed: OrderPlaced| {
            last_order.0.set(Some(placed));
            navigate("/complete", Default::default());
        })
    };
    // The step is the URL's: an unknown one is the cart, and its address
    // is corrected.
    let params = use_params_map();
    let current = Memo::new(move |_| {
        params.with(|p| CartStep::from_segment(p.get_str("step")).unwrap_or(CartStep::Cart))
    });
    let steps = StepNav {
        current: current.into(),
        go: Callback::new(move |(step, replace): (CartStep, bool)| {
            navigate(
                step.path(),
                NavigateOptions {
                    replace,
                    ..Default::default()
                },
            );
        }),
    };
    // The form is set up in a task after the one that mounts the page.
    let ready = crate::task::next_task();
    view! {
        <Show when=move || ready.get()>
            <CheckoutFlow staged=true take_focus=true steps
                hooks=CheckoutHooks { on_placed: Some(on_placed), ..CheckoutHooks::default() }/>
        </Show>
    }
}
