//! The admin API, by journey.

mod accounts;
mod auth;
mod bulk;
mod english_texts;
mod login_throttle;
mod operations;
mod outbox;
mod payment_errors;
mod payment_setup;
mod sealed_secrets;
mod search;
mod settings;
mod shop_texts;
mod slips;
mod two_factor;
