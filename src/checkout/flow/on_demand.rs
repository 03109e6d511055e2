//! The parts of the app that are not on the purchase page when it opens:
//! the confirmation modal, the 3-D Secure dialog, the completion page and
//! the shop's page. With the `split` feature (the shop's own build, which
//! Trunk runs) each is a WebAssembly module of its own, fetched when first
//! shown, or sooner, once the purchase page is idle ([`preload`]). Without
//! it (the tests, the widget) they are ordinary functions of the one module.
//! The widget is not split: with only the modal and the dialog to leave
//! out, the loader and the waiting on a part cost it more than they save
//! (3.6 KB more, brotli).

use leptos::prelude::*;

use super::authentication::{AuthenticationDialog, AuthenticationDialogProps};
use crate::checkout::confirm_modal::{ConfirmModal, ConfirmModalProps};

/// What a part on demand gives: its view, or (split) why it could not be
/// fetched.
#[cfg(feature = "split")]
pub type Part = Result<AnyView, leptos::wasm_split::SplitLoaderError>;

/// What a part on demand gives: its view.
#[cfg(not(feature = "split"))]
pub type Part = AnyView;

/// Declares a part on demand: with `split`, a function whose code is a
/// module of its own, which resolves once that module is here (and fails,
/// without a panic, if it cannot be fetched); else the function itself.
macro_rules! on_demand {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Part {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        $vis fn $name($($arg: $ty),*) -> Part {
            $body
        }
    };
}

on_demand! {
    /// The confirmation modal.
    pub(super) fn confirm_modal(props: ConfirmModalProps) {
        ConfirmModal(props).into_any()
    }
}

on_demand! {
    /// The 3-D Secure dialog.
    pub(super) fn authentication_dialog(props: AuthenticationDialogProps) {
        AuthenticationDialog(props).into_any()
    }
}

on_demand! {
    /// The completion page (`/complete`).
    pub(crate) fn complete_page() {
        crate::pages::complete::CompletePage().into_any()
    }
}

on_demand! {
    /// The shop's page (`/`).
    pub(crate) fn shop_page() {
        crate::pages::shop::ShopPage().into_any()
    }
}

/// Fetches the parts a purchase goes on to (the modal, the dialog, the
/// completion page) once the browser is idle, so that none waits on the
/// network when it is needed. One that fails is fetched again when shown.
pub(super) fn preload() {
    #[cfg(feature = "split")]
    request_idle_callback(|| {
        leptos::task::spawn_local(async {
            let _ = __wasm_split_preload_confirm_modal().await;
            let _ = __wasm_split_preload_authentication_dialog().await;
            let _ = __wasm_split_preload_complete_page().await;
        });
    });
}
