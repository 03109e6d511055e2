//! API tests: the real server, in-process on port 0, with a fresh SQLite file
//! and its own sandbox per test.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod admin;
mod faults;
mod mail;
mod orders;
mod platform;
mod shop;
