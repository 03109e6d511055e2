//! API tests: the real server, in-process on port 0, with a fresh SQLite file
//! and its own sandbox per test.

mod helpers;

mod health;
mod products;
mod spa;
