//! The order request the purchase form makes: the typed buyer, recipient,
//! delivery and payment from what was typed and the card token.

use leptos::prelude::*;
use zerostep_domain::order::{Buyer, DeliveryChoice, OrderRequest, PaymentRequest, Recipient};
use zerostep_domain::{Address, AddressLine, Email, Kana, PersonName, Phone, PostalCode};

use crate::checkout::form::{AddressForm, CheckoutForm};

/// The typed address of a party's form, when every part is valid.
pub(crate) fn address(a: AddressForm) -> Option<Address> {
    Some(Address {
        postal_code: PostalCode::parse(&a.postal.get_untracked()).ok()?,
        prefecture: a.prefecture_value()?,
        city: AddressLine::parse(&a.city.get_untracked()).ok()?,
        line1: AddressLine::parse(&a.line1.get_untracked()).ok()?,
        line2: AddressLine::parse_optional(&a.line2.get_untracked()).ok()?,
    })
}

/// The order the form describes (all fields were validated before).
pub(crate) fn build_order(
    form: CheckoutForm,
    lines: Vec<zerostep_domain::checkout::CartLine>,
    payment: PaymentRequest,
    total: zerostep_domain::Yen,
) -> Option<OrderRequest> {
    untrack(|| {
        let buyer = Buyer {
            name: PersonName::new(&form.family.get(), &form.given.get()).ok()?,
            family_kana: Kana::parse(&form.family_kana.get()).ok()?,
            given_kana: Kana::parse(&form.given_kana.get()).ok()?,
            email: Email::parse(&form.email.get()).ok()?,
            phone: Phone::parse(&form.phone.get()).ok()?,
            address: address(form.buyer_address)?,
        };
        let recipient = if form.ship_same.get() {
            None
        } else {
            Some(Recipient {
                name: PersonName::new(&form.ship_family.get(), &form.ship_given.get()).ok()?,
                phone: Phone::parse(&form.ship_phone.get()).ok()?,
                address: address(form.ship_address)?,
            })
        };
        let date = form.delivery_date.get();
        Some(OrderRequest {
            lines,
            buyer,
            recipient,
            delivery: DeliveryChoice {
                method: form.delivery_method.get(),
                date: (!date.is_empty()).then_some(date),
                time_slot: form.time_slot.get(),
            },
            payment,
            confirmed_total: total,
        })
    })
}
