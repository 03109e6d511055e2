//! 「注文確認する」: checks the page, then opens the modal (after the
//! card's token, for cards), or says why it cannot.

use leptos::prelude::*;
use zerostep_domain::checkout::PaymentMethodCode;

use super::state::Checkout;
use super::tokenize::Tokenize;
use crate::i18n;
use crate::platform::token::TokenSettings;

/// Reviews the order (once no earlier order's outcome is pending).
pub(super) fn review(c: Checkout, tokenize: Tokenize) {
    let (form, card_form) = (c.form, c.card_form);
    form.submitted.set(true);
    c.payment_error.clear();
    card_form.show_all.set(true);
    let card = form.payment.get_untracked() == Some(PaymentMethodCode::Card);
    let invalid = form.invalid_fields();
    let card_invalid = if card {
        card_form.invalid_fields()
    } else {
        Vec::new()
    };
    // As many as are shown red: every card input counts.
    let count = invalid.len() + card_invalid.len();
    if count > 0 {
        match (invalid.first(), card_invalid.first()) {
            (Some(first), _) => c.focus(first.id()),
            (None, Some(f)) => c.focus(f.id()),
            (None, None) => {}
        }
        c.announcement.say(i18n::fields_need_attention(
            c.locale.0.get_untracked(),
            count,
        ));
        return;
    }
    // The modal shows the server's total: without it, say why nothing opens.
    let total_text = match (c.quote.get_untracked(), c.config.get_untracked()) {
        (Some(Ok(Some(_))), Some(Ok(_))) => None,
        (Some(Err(_)), _) | (_, Some(Err(_))) => {
            c.quote.refetch();
            c.config.refetch();
            Some(i18n::total_failed())
        }
        _ => Some(i18n::total_pending()),
    };
    if let Some(text) = total_text {
        c.say(&text);
        c.payment_error.show(text);
        return;
    }
    if !card {
        if c.open_modal() {
            c.place_if_three_step();
        }
        return;
    }
    if let Some(Ok(config)) = c.config.get_untracked() {
        let settings = TokenSettings {
            trader_code: config.token.trader_code,
            auth_div: config.token.auth_div,
            check_sum: config.token.check_sum,
        };
        tokenize.dispatch((config.token.js_url, settings));
    }
}
