//! The admin API, by journey.

mod auth;
mod bulk;
mod operations;
mod outbox;
mod payment_errors;
mod payment_setup;
mod settings;
mod shop_texts;
