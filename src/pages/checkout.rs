//! The purchase page (`/checkout`): one page, no steps (ゼロステップカート),
//! where 「カゴに入れる」 on the shop page lands.
//! 買い物カゴ, ご注文者情報, お届け先, 配送方法・お届け日時, お支払い方法 and the
//! summary priced by the server. 「注文確認する」 validates everything, turns
//! the card into a token through Yamato's JavaScript, and opens the
//! confirmation modal, whose 「注文する」 places the order.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use zerostep_domain::order::OrderPlaced;

use crate::checkout::completion::LastOrder;
use crate::checkout::flow::{CheckoutFlow, CheckoutHooks};

/// The purchase page of the shop: places the order, then shows `/complete`.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let last_order = expect_context::<LastOrder>();
    let navigate = use_navigate();
    let on_placed = Callback::new(move |placed: OrderPlaced| {
        last_order.0.set(Some(placed));
        navigate("/complete", Default::default());
    });
    // The form is set up in a task after the one that mounts the page.
    let ready = RwSignal::new(false);
    set_timeout(move || _ = ready.try_set(true), std::time::Duration::ZERO);
    view! {
        <Show when=move || ready.get()>
            <CheckoutFlow staged=true take_focus=true hooks=CheckoutHooks { on_placed: Some(on_placed), ..CheckoutHooks::default() }/>
        </Show>
    }
}
