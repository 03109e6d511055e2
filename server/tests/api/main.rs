//! API tests: the real server, in-process on port 0, with a fresh SQLite file
//! and its own sandbox per test.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod admin;

mod checkout_config;
mod embed;
mod faults;
mod health;
mod hostile;
mod load_faults;
mod mail;
mod orders;
mod postal_codes;
mod products;
mod quotes;
mod spa;
