//! The card's token: Yamato's script turns the card inputs into a token
//! (only it ever sees the card), then the modal opens; a refusal is shown
//! beside the fields it names.

use leptos::prelude::*;
use zerostep_domain::api::ErrorCode;

use super::state::Checkout;
use crate::checkout::card_form::CardField;
use crate::checkout::token_errors::token_error;
use crate::i18n::Text;
use crate::platform::token::{self, TokenError, TokenSettings};
use crate::task::Job;

/// The job that makes a token (`(script URL, settings)`).
pub(super) type Tokenize = Job<(String, TokenSettings)>;

/// Makes tokens for `c`'s card inputs and acts on each answer.
pub(super) fn tokenizer(c: Checkout) -> Tokenize {
    Job::new(
        move |(url, settings): (String, TokenSettings)| {
            let details = c.card_form.details();
            async move {
                let details = details.ok_or(TokenError::Rejected(Vec::new()))?;
                token::ensure_loaded(&url).await?;
                token::create_token(&settings, details).await
            }
        },
        move |result| answered(c, result),
    )
}

fn answered(c: Checkout, result: Result<String, TokenError>) {
    match result {
        Ok(t) => {
            c.token.set_value(Some(t));
            // The card inputs are cleared only once the modal shows the
            // order (the token now stands for them). In the 3-step cart the
            // order is on the page already, and its 「注文する」 made the
            // token: the order is placed at once.
            if c.open_modal() {
                c.card_form.clear();
                c.place_if_three_step();
            }
        }
        Err(TokenError::Rejected(errors)) => {
            let mut by_field: Vec<(CardField, String)> = Vec::new();
            let mut other = Vec::new();
            for e in &errors {
                match CardField::from_error_item(&e.item) {
                    // Yamato's code: the words follow the language.
                    Some(f) if !by_field.iter().any(|(g, _)| *g == f) => {
                        by_field.push((f, e.code.clone()));
                    }
                    // A second refusal of the same field: the first one shows.
                    Some(_) => {}
                    // Yamato's own text (Japanese only).
                    None => other.push(format!("{}（{}）", e.message, e.code)),
                }
            }
            let first = CardField::ALL
                .into_iter()
                .find(|f| by_field.iter().any(|(g, _)| g == f));
            c.card_form.library_errors.set(by_field);
            if !other.is_empty() {
                let other = other.join(" ");
                c.payment_error.show(Text::new(other.clone(), other));
            }
            if let Some(f) = first {
                c.focus(f.id());
            }
            let text = token_error(&TokenError::Rejected(errors));
            c.report(ErrorCode::CardInvalid.as_str(), &text);
            c.say(&text);
        }
        Err(e) => {
            let text = token_error(&e);
            let code = if e == TokenError::Timeout {
                ErrorCode::TokenTimeout
            } else {
                ErrorCode::TokenUnavailable
            };
            c.report(code.as_str(), &text);
            c.say(&text);
            c.payment_error.show(text);
        }
    }
}
