//! The purchase flow's parts on demand (`task::Part`): the confirmation
//! modal, the 3-D Secure dialog and the 3-step cart's STEP3 review, which
//! are not on the page when it opens. The page fetches them once the shopper
//! starts on it ([`preload`]).

use leptos::prelude::*;

use super::authentication::{AuthenticationDialog, AuthenticationDialogProps};
use super::state::Checkout;
use crate::checkout::confirm_modal::{ConfirmModal, ConfirmModalProps};
use crate::task::on_demand_part;

on_demand_part! {
    /// The confirmation modal.
    pub(super) fn confirm_modal(props: ConfirmModalProps) {
        ConfirmModal(props).into_any()
    }
}

on_demand_part! {
    /// The 3-D Secure dialog.
    pub(super) fn authentication_dialog(props: AuthenticationDialogProps) {
        AuthenticationDialog(props).into_any()
    }
}

on_demand_part! {
    /// The 3-step cart's STEP3 review (`three_step::confirm_part`).
    pub(super) fn step3_review(c: Checkout) {
        super::three_step::confirm_part(c).into_any()
    }
}

/// Fetches the parts once the shopper starts on the page (when the browser is
/// next idle), so that none waits on the network when it is needed, and
/// none lengthens the page's load. One that fails is fetched again when shown.
pub(super) fn preload() {
    #[cfg(feature = "split")]
    crate::task::after_first_input(|| {
        leptos::task::spawn_local(async {
            let _ = __wasm_split_preload_confirm_modal().await;
            let _ = __wasm_split_preload_step3_review().await;
            let _ = __wasm_split_preload_authentication_dialog().await;
        });
    });
}
