//! Form inputs that know nothing of the form they are in (thaw's `field`
//! idea): a labelled [`TextInput`], its error line ([`FieldError`]) and the
//! 必須/任意 mark ([`RequiredMark`]). What is wrong with a value, and what
//! happens when the shopper leaves it, is the caller's to say.

mod field_error;
mod required_mark;
mod text_input;

pub use field_error::FieldError;
pub use required_mark::RequiredMark;
pub use text_input::{Example, InputType, TextInput};
