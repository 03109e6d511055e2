//! The shopper's cart, kept in the browser's `localStorage` so it survives a
//! reload. Only SKUs and quantities are kept: names and prices always come
//! from the server's quote.

use leptos::prelude::*;
use serde::Serialize;
use zerostep_domain::checkout::{CartLine as CartLineDto, Quantity, MAX_LINES, MAX_QUANTITY};
use zerostep_domain::Sku;

use crate::platform::storage::{self, Store};

/// The `localStorage` key (versioned so a format change starts afresh).
const STORAGE_KEY: &str = "zerostep.cart.v1";

/// One line of the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CartLine {
    /// The product.
    pub sku: Sku,
    /// How many (1–99).
    pub quantity: u8,
}

/// The cart, provided once near the root. The shop's cart is kept in
/// `localStorage`; an embedded widget's belongs to its host page and is not.
#[derive(Debug, Clone, Copy)]
pub struct Cart(RwSignal<Vec<CartLine>>, bool);

impl Default for Cart {
    fn default() -> Self {
        Self::new()
    }
}

fn load() -> Vec<CartLine> {
    let text = storage::get(Store::Local, STORAGE_KEY).unwrap_or_default();
    sanitise(crate::wire::read(&text).unwrap_or_default())
}

crate::wire::fields!(CartLine { sku, quantity });

/// Keeps lines with 1–99 items, one line per SKU (quantities added), at most 50 lines.
fn sanitise(lines: Vec<CartLine>) -> Vec<CartLine> {
    let mut out: Vec<CartLine> = Vec::new();
    for line in lines {
        if !(1..=MAX_QUANTITY).contains(&line.quantity) {
            continue;
        }
        if let Some(l) = out.iter_mut().find(|l| l.sku == line.sku) {
            l.quantity = l.quantity.saturating_add(line.quantity).min(MAX_QUANTITY);
        } else if out.len() < MAX_LINES {
            out.push(line);
        }
    }
    out
}

impl Cart {
    /// The cart as stored in this browser (empty when nothing or something unreadable is stored).
    pub fn new() -> Self {
        Cart(RwSignal::new(load()), true)
    }

    /// A cart that starts from `lines` and is not stored (tests, embedding).
    pub fn with_lines(lines: Vec<CartLine>) -> Self {
        Cart(RwSignal::new(sanitise(lines)), false)
    }

    /// Replaces every line (the host page changed the widget's items).
    pub fn replace(&self, lines: Vec<CartLine>) {
        let lines = sanitise(lines);
        if self.0.with_untracked(|now| *now != lines) {
            self.update(|l| *l = lines);
        }
    }

    fn save(lines: &[CartLine]) {
        if let Ok(text) = serde_json::to_string(lines) {
            // A full or disabled storage only costs persistence, never the cart.
            storage::set(Store::Local, STORAGE_KEY, Some(&text));
        }
    }

    fn update(&self, f: impl FnOnce(&mut Vec<CartLine>)) {
        let persist = self.1;
        self.0.update(|lines| {
            f(lines);
            if persist {
                Self::save(lines);
            }
        });
    }

    /// Adds one of `sku`.
    pub fn add(&self, sku: Sku) {
        self.update(|lines| add_one(lines, sku));
    }

    /// Sets the quantity of `sku` (clamped to 1–99).
    pub fn set_quantity(&self, sku: &Sku, quantity: u8) {
        let quantity = quantity.clamp(1, MAX_QUANTITY);
        self.update(|lines| {
            if let Some(line) = lines.iter_mut().find(|l| &l.sku == sku) {
                line.quantity = quantity;
            }
        });
    }

    /// Removes `sku`.
    pub fn remove(&self, sku: &Sku) {
        self.update(|lines| lines.retain(|l| &l.sku != sku));
    }

    /// Empties the cart (after an order).
    pub fn clear(&self) {
        self.update(Vec::clear);
    }

    /// The lines (reactive).
    pub fn lines(&self) -> Vec<CartLine> {
        self.0.get()
    }

    /// Whether the cart is empty (reactive).
    pub fn is_empty(&self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// How many items (not lines) the cart holds (reactive).
    pub fn item_count(&self) -> u32 {
        self.0
            .with(|lines| lines.iter().map(|l| u32::from(l.quantity)).sum())
    }

    /// The lines as the API takes them (reactive).
    pub fn request_lines(&self) -> Vec<CartLineDto> {
        self.0.track();
        self.request_lines_untracked()
    }

    /// The lines as the API takes them, now (not reactive).
    pub fn request_lines_untracked(&self) -> Vec<CartLineDto> {
        self.0.with_untracked(|lines| {
            lines
                .iter()
                .filter_map(|l| {
                    Quantity::new(i64::from(l.quantity))
                        .ok()
                        .map(|q| CartLineDto {
                            sku: l.sku.clone(),
                            quantity: q,
                        })
                })
                .collect()
        })
    }
}

fn add_one(lines: &mut Vec<CartLine>, sku: Sku) {
    if let Some(line) = lines.iter_mut().find(|l| l.sku == sku) {
        line.quantity = line.quantity.saturating_add(1).min(MAX_QUANTITY);
    } else if lines.len() < MAX_LINES {
        lines.push(CartLine { sku, quantity: 1 });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_the_same_sku_increments_its_line_up_to_99() {
        let sku = |s| Sku::parse(s).expect("valid sku");
        let mut lines = Vec::new();
        add_one(&mut lines, sku("TEA-1"));
        add_one(&mut lines, sku("CUP-1"));
        add_one(&mut lines, sku("tea-1"));
        assert_eq!(
            lines,
            vec![
                CartLine {
                    sku: sku("TEA-1"),
                    quantity: 2
                },
                CartLine {
                    sku: sku("CUP-1"),
                    quantity: 1
                }
            ]
        );
        for _ in 0..200 {
            add_one(&mut lines, sku("CUP-1"));
        }
        assert_eq!(lines[1].quantity, 99);
    }

    #[test]
    fn given_lines_are_merged_per_sku_and_bounded() {
        let sku = |s| Sku::parse(s).expect("valid sku");
        let line = |s, quantity| CartLine {
            sku: sku(s),
            quantity,
        };
        let lines = sanitise(vec![
            line("TEA-1", 60),
            line("CUP-1", 0),
            line("tea-1", 60),
            line("CUP-2", 100),
            line("POT-1", 2),
        ]);
        assert_eq!(lines, vec![line("TEA-1", 99), line("POT-1", 2)]);
    }

    #[test]
    fn a_cart_holds_at_most_50_lines() {
        let mut lines = Vec::new();
        for i in 0..60 {
            add_one(&mut lines, Sku::parse(&format!("X{i}")).expect("sku"));
        }
        assert_eq!(lines.len(), MAX_LINES);
    }
}
