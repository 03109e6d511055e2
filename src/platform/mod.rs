//! What the SPA needs from the browser, wrapped once: the DOM (focus inside
//! a shadow root), `localStorage` and `sessionStorage`, and Yamato's token
//! script (`WebcollectTokenLib.createToken`, loaded on demand).

pub mod dom;
pub mod storage;
pub mod token;
