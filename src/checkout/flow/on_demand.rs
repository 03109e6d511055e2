//! The purchase flow's parts on demand (`task::Part`): the confirmation
//! modal and the 3-D Secure dialog, which are not on the page when it
//! opens. The page fetches them once it is idle ([`preload`]).

use leptos::prelude::*;

use super::authentication::{AuthenticationDialog, AuthenticationDialogProps};
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

/// Fetches the modal's and the dialog's parts once the browser is idle, so
/// that neither waits on the network when it is needed. One that fails is
/// fetched again when shown.
pub(super) fn preload() {
    #[cfg(feature = "split")]
    request_idle_callback(|| {
        leptos::task::spawn_local(async {
            let _ = __wasm_split_preload_confirm_modal().await;
            let _ = __wasm_split_preload_authentication_dialog().await;
        });
    });
}
