//! The zero-step purchase page's parts: form state, fields and sections.

pub mod address_fields;
pub mod buyer_section;
pub mod card_form;
pub mod cart_section;
pub mod confirm_modal;
pub mod delivery_section;
pub mod form;
pub mod payment_section;
pub mod summary;
pub mod text_field;
