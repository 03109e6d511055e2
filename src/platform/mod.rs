//! What the SPA needs from the browser, wrapped once: the DOM (focus inside
//! a shadow root), `localStorage` and `sessionStorage`, Yamato's token
//! script (`WebcollectTokenLib.createToken`, loaded on demand), and Web
//! Crypto for the shop's proof of work, the Shift_JIS decoder, and the
//! console for panics.

pub mod dom;
pub mod jis;
pub mod panic;
pub mod proof;
pub mod storage;
pub mod token;
