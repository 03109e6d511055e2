//! The form as this tab last left it, in `sessionStorage`: a reload (or a
//! tab the browser discarded) loses nothing. Never the card: only Yamato's
//! token script ever sees it.
//!
//! The copy is a versioned struct with each input under its name, so an
//! input added or moved later cannot shift the others; a copy of another
//! version is dropped, except the positional list that version 1 wrote,
//! which is still read so a tab open across the upgrade keeps what it held.
//! (The inputs are `[name, value]` pairs rather than one field each: a
//! derived reader of twenty named fields, or a sorted map, would add
//! kilobytes to the first load.)

use leptos::prelude::*;
use serde::Serialize;
use zerostep_domain::checkout::{PaymentMethodCode, TimeSlot};

use super::CheckoutForm;
use crate::platform::storage::{self, Store};
use crate::wire::{FromJson, Json};

/// Where the copy is kept.
const KEY: &str = "zerostep.checkout-form";

/// The version this build writes.
const VERSION: u32 = 2;

/// Every input of the form but the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct SavedForm {
    version: u32,
    /// Each text input under its name ([`CheckoutForm::named_inputs`]), as
    /// `[name, value]` pairs.
    inputs: Vec<(String, String)>,
    /// 「ご注文者と同じ」.
    ship_same: bool,
    /// お届け時間帯 (`TimeSlot::as_str`).
    time_slot: String,
    /// お支払い方法 (`PaymentMethodCode::as_str`), empty when none is chosen;
    /// a copy written before it was kept has none. (The 3-step cart's STEP3
    /// needs it after a reload; a method no longer offered is unselected
    /// once the prices say so, as any other.)
    payment: String,
}

crate::wire::fields!(SavedForm {
    version,
    inputs,
    ship_same,
    time_slot,
    payment = String::new(),
});

impl SavedForm {
    /// The form's inputs now (reactive).
    fn of(form: &CheckoutForm) -> Self {
        SavedForm {
            version: VERSION,
            inputs: form
                .named_inputs()
                .into_iter()
                .map(|(name, input)| (name.to_owned(), input.get()))
                .collect(),
            ship_same: form.ship_same.get(),
            time_slot: form.time_slot.get().as_str().to_owned(),
            payment: form
                .payment
                .get()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
        }
    }

    /// Puts the copy back into `form`; an input it lacks stays empty.
    fn apply(self, form: &CheckoutForm) {
        let inputs = form.named_inputs();
        for (name, value) in self.inputs {
            if let Some((_, input)) = inputs.iter().find(|(n, _)| *n == name) {
                input.set(value);
            }
        }
        form.ship_same.set(self.ship_same);
        if let Some(slot) = TimeSlot::from_wire(&self.time_slot) {
            form.time_slot.set(slot);
        }
        if let Some(method) = PaymentMethodCode::from_wire(&self.payment) {
            form.payment.set(Some(method));
        }
    }

    /// Reads a stored copy: this version's, or version 1's positional list
    /// (the text inputs in [`CheckoutForm::named_inputs`]' order, then
    /// 「ご注文者と同じ」 and the time slot).
    fn read(text: &str) -> Option<SavedForm> {
        let json = Json::parse(text).ok()?;
        if let Ok(saved) = SavedForm::from_json(&json) {
            return (saved.version == VERSION).then_some(saved);
        }
        let mut list = Vec::<String>::from_json(&json).ok()?;
        let names = CheckoutForm::INPUT_NAMES;
        if list.len() != names.len() + 2 {
            return None;
        }
        let time_slot = list.pop()?;
        let ship_same = list.pop()? != "0";
        Some(SavedForm {
            version: VERSION,
            inputs: names.iter().map(|n| (*n).to_owned()).zip(list).collect(),
            ship_same,
            time_slot,
            payment: String::new(),
        })
    }
}

/// Fills `form` from the tab's copy, if it has one.
pub(super) fn restore(form: &CheckoutForm) {
    if let Some(saved) = storage::get(Store::Session, KEY).and_then(|t| SavedForm::read(&t)) {
        saved.apply(form);
    }
}

/// Keeps the tab's copy up to date from now on: from the first change, as
/// the copy already holds what the form was restored from (writing it
/// again would only lengthen the page's set-up).
pub(super) fn keep(form: CheckoutForm) {
    let mut restored = true;
    crate::task::effect(move || {
        let saved = SavedForm::of(&form);
        if std::mem::take(&mut restored) {
            return;
        }
        if let Ok(text) = serde_json::to_string(&saved) {
            storage::set(Store::Session, KEY, Some(&text));
        }
    });
}

/// Forgets the tab's copy (the order is placed).
pub(super) fn forget() {
    storage::set(Store::Session, KEY, None);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(inputs: &[(&str, &str)]) -> SavedForm {
        SavedForm {
            version: VERSION,
            inputs: inputs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ship_same: false,
            time_slot: "14-16".into(),
            payment: "card".into(),
        }
    }

    #[test]
    fn a_copy_written_before_the_payment_choice_was_kept_still_reads() {
        let text =
            r#"{"version":2,"inputs":[["family","山田"]],"ship_same":true,"time_slot":"morning"}"#;
        let read = SavedForm::read(text).expect("read");
        assert_eq!(read.payment, "");
        assert_eq!(read.inputs, vec![("family".to_owned(), "山田".to_owned())]);
    }

    #[test]
    fn a_copy_reads_back_as_written_with_each_input_named() {
        let copy = saved(&[("family", "山田"), ("buyer.postal", "1000001")]);
        let text = serde_json::to_string(&copy).expect("serialises");
        assert!(text.contains(r#"["family","山田"]"#), "{text}");
        assert_eq!(SavedForm::read(&text), Some(copy));
    }

    #[test]
    fn another_version_or_shape_is_dropped() {
        let mut copy = saved(&[("family", "山田")]);
        copy.version = 3;
        let text = serde_json::to_string(&copy).expect("serialises");
        assert_eq!(SavedForm::read(&text), None);
        assert_eq!(SavedForm::read("not json"), None);
        assert_eq!(SavedForm::read(r#"{"version":2}"#), None);
    }

    #[test]
    fn version_1s_positional_list_is_still_read() {
        let names = CheckoutForm::INPUT_NAMES;
        let mut list: Vec<String> = (0..names.len()).map(|i| format!("v{i}")).collect();
        list.push("0".into());
        list.push("morning".into());
        let read = SavedForm::read(&serde_json::to_string(&list).expect("json")).expect("read");
        let value = |name: &str| {
            read.inputs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(value("family"), Some("v0"));
        assert_eq!(value("buyer.postal"), Some("v6"));
        assert_eq!(value("ship.line2"), Some("v18"));
        assert_eq!(value("delivery_date"), Some("v20"));
        assert!(!read.ship_same);
        assert_eq!(read.time_slot, "morning");
        // A list of another length is not version 1's.
        assert_eq!(SavedForm::read(r#"["a","b"]"#), None);
    }
}
