//! Faults: the gateway failing every way it can around each call, and the
//! server under load while it does.

mod gateway;
mod load;
