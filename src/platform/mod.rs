//! What the SPA needs from the browser, wrapped once: the DOM (focus inside
//! a shadow root), `localStorage` and `sessionStorage`, Yamato's token
//! script (`WebcollectTokenLib.createToken`, loaded on demand), and Web
//! Crypto for the shop's proof of work, and the Shift_JIS decoder.

pub mod dom;
pub mod jis;
pub mod proof;
pub mod storage;
pub mod token;
