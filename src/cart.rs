//! The shopper's cart, kept in the browser.
//!
//! This first version counts what 「カゴに入れる」 added; the purchase page
//! and its persistence build on the same context.

use leptos::prelude::*;
use zerostep_domain::Sku;

/// One line of the cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    /// The product.
    pub sku: Sku,
    /// How many.
    pub quantity: u32,
}

/// The cart, provided once near the root.
#[derive(Debug, Clone, Copy)]
pub struct Cart(RwSignal<Vec<CartLine>>);

impl Default for Cart {
    fn default() -> Self {
        Self::new()
    }
}

impl Cart {
    /// An empty cart.
    pub fn new() -> Self {
        Cart(RwSignal::new(Vec::new()))
    }

    /// Adds one of `sku`.
    pub fn add(&self, sku: Sku) {
        self.0.update(|lines| add_one(lines, sku));
    }

    /// How many items (not lines) the cart holds.
    pub fn item_count(&self) -> u32 {
        self.0.with(|lines| {
            lines
                .iter()
                .map(|l| l.quantity)
                .fold(0u32, u32::saturating_add)
        })
    }
}

fn add_one(lines: &mut Vec<CartLine>, sku: Sku) {
    match lines.iter_mut().find(|l| l.sku == sku) {
        Some(line) => line.quantity = line.quantity.saturating_add(1),
        None => lines.push(CartLine { sku, quantity: 1 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_the_same_sku_increments_its_line() {
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
    }
}
