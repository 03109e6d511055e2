//! Money: integer yen and Japan's consumption-tax rates.
//!
//! Prices are stored and shown tax-included (総額表示 is required for
//! consumer prices in Japan). The tax contained in an amount is computed per
//! rate, once per order, rounding down (切り捨て), as the invoice rules allow.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The largest amount a `Yen` may hold: ten billion yen, far above any
/// order, yet small enough that sums of many lines never overflow `u64`.
const MAX_YEN: u64 = 10_000_000_000;

/// An amount of money in whole yen (Japan has no minor unit in use).
///
/// Never negative; arithmetic is checked and reports overflow instead of
/// wrapping.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "i64", into = "i64")]
pub struct Yen(u64);

/// Why a number is not a valid amount of yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum YenError {
    /// Amounts are never negative.
    #[error("amount must not be negative (got {0})")]
    Negative(i64),
    /// Above the largest amount the system handles.
    #[error("amount exceeds {MAX_YEN} yen")]
    TooLarge,
}

impl Yen {
    /// Zero yen.
    pub const ZERO: Yen = Yen(0);

    /// Parses a yen amount from a signed integer (as JSON and SQL carry it).
    pub fn new(amount: i64) -> Result<Self, YenError> {
        let amount = u64::try_from(amount).map_err(|_| YenError::Negative(amount))?;
        if amount > MAX_YEN {
            return Err(YenError::TooLarge);
        }
        Ok(Yen(amount))
    }

    /// The amount as an unsigned integer.
    pub fn get(self) -> u64 {
        self.0
    }

    /// Sum of two amounts, or `TooLarge`.
    pub fn checked_add(self, other: Yen) -> Result<Yen, YenError> {
        Self::bounded(self.0.checked_add(other.0))
    }

    /// This amount times a quantity, or `TooLarge`.
    pub fn checked_mul(self, quantity: u32) -> Result<Yen, YenError> {
        Self::bounded(self.0.checked_mul(u64::from(quantity)))
    }

    fn bounded(value: Option<u64>) -> Result<Yen, YenError> {
        match value {
            Some(v) if v <= MAX_YEN => Ok(Yen(v)),
            _ => Err(YenError::TooLarge),
        }
    }

    /// The amount with thousands separators, without a unit: `1,080`.
    pub fn grouped(self) -> String {
        let digits = self.0.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        out
    }
}

impl TryFrom<i64> for Yen {
    type Error = YenError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Yen::new(value)
    }
}

impl From<Yen> for i64 {
    fn from(value: Yen) -> Self {
        // MAX_YEN fits in i64, so this never saturates.
        i64::try_from(value.0).unwrap_or(i64::MAX)
    }
}

impl fmt::Display for Yen {
    /// Japanese notation: `1,080円`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}円", self.grouped())
    }
}

/// A consumption-tax rate in force in Japan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum TaxRate {
    /// 標準税率 10%.
    Standard,
    /// 軽減税率 8%: food and drink (not alcohol or eating in), newspapers.
    Reduced,
}

/// Why a number is not a consumption-tax rate in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("tax rate must be 10 or 8 percent (got {0})")]
pub struct TaxRateError(pub u8);

impl TaxRate {
    /// Every rate, standard first (the order in which totals show them).
    pub const ALL: [TaxRate; 2] = [TaxRate::Standard, TaxRate::Reduced];

    /// The rate in percent.
    pub fn percent(self) -> u8 {
        match self {
            TaxRate::Standard => 10,
            TaxRate::Reduced => 8,
        }
    }

    /// The tax contained in a tax-included amount at this rate, rounded down:
    /// `floor(amount × rate / (100 + rate))`.
    pub fn included_tax(self, amount: Yen) -> Yen {
        let rate = u64::from(self.percent());
        // amount ≤ MAX_YEN, so amount × rate cannot overflow u64.
        Yen(amount.0 * rate / (100 + rate))
    }
}

impl TryFrom<u8> for TaxRate {
    type Error = TaxRateError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        match value {
            10 => Ok(TaxRate::Standard),
            8 => Ok(TaxRate::Reduced),
            other => Err(TaxRateError(other)),
        }
    }
}

impl From<TaxRate> for u8 {
    fn from(value: TaxRate) -> Self {
        value.percent()
    }
}

impl fmt::Display for TaxRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_amounts_are_refused() {
        assert_eq!(Yen::new(-1), Err(YenError::Negative(-1)));
        assert_eq!(Yen::new(i64::MIN), Err(YenError::Negative(i64::MIN)));
    }

    #[test]
    fn amounts_above_the_ceiling_are_refused() {
        assert_eq!(Yen::new(10_000_000_001), Err(YenError::TooLarge));
        assert!(Yen::new(10_000_000_000).is_ok());
    }

    #[test]
    fn grouping_inserts_separators_every_three_digits() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (1_080, "1,080"),
            (300_000, "300,000"),
            (1_234_567, "1,234,567"),
        ];
        for (amount, text) in cases {
            assert_eq!(
                Yen::new(amount).map(Yen::grouped),
                Ok(text.to_owned()),
                "{amount}"
            );
        }
        assert_eq!(
            Yen::new(1_080).map(|y| y.to_string()),
            Ok("1,080円".to_owned())
        );
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let big = Yen::new(9_000_000_000).expect("valid");
        assert_eq!(big.checked_add(big), Err(YenError::TooLarge));
        assert_eq!(big.checked_mul(2), Err(YenError::TooLarge));
        assert_eq!(
            Yen::new(540).and_then(|y| y.checked_mul(3)),
            Yen::new(1_620)
        );
    }

    #[test]
    fn included_tax_is_rounded_down_per_rate() {
        let yen = |n| Yen::new(n).expect("valid");
        assert_eq!(TaxRate::Standard.included_tax(yen(1_100)), yen(100));
        assert_eq!(TaxRate::Reduced.included_tax(yen(1_080)), yen(80));
        // 1,000 × 10 / 110 = 90.9… → 90
        assert_eq!(TaxRate::Standard.included_tax(yen(1_000)), yen(90));
        // 540 × 8 / 108 = 40 exactly
        assert_eq!(TaxRate::Reduced.included_tax(yen(540)), yen(40));
        assert_eq!(TaxRate::Reduced.included_tax(Yen::ZERO), Yen::ZERO);
    }

    #[test]
    fn json_decoding_validates() {
        assert_eq!(
            serde_json::from_str::<Yen>("1080").ok(),
            Yen::new(1_080).ok()
        );
        assert!(serde_json::from_str::<Yen>("-5").is_err());
        assert!(serde_json::from_str::<Yen>("1.5").is_err());
        assert_eq!(
            serde_json::from_str::<TaxRate>("8").ok(),
            Some(TaxRate::Reduced)
        );
        assert!(serde_json::from_str::<TaxRate>("5").is_err());
        assert_eq!(
            serde_json::to_string(&TaxRate::Standard).ok().as_deref(),
            Some("10")
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn grouped_round_trips(amount in 0i64..=10_000_000_000) {
                let text = Yen::new(amount).map(Yen::grouped).expect("in range");
                prop_assert_eq!(text.replace(',', "").parse::<i64>().ok(), Some(amount));
                prop_assert!(!text.starts_with(','));
            }

            #[test]
            fn included_tax_never_exceeds_the_exact_share(amount in 0i64..=10_000_000_000) {
                let yen = Yen::new(amount).expect("in range");
                for rate in TaxRate::ALL {
                    let tax = rate.included_tax(yen).get();
                    let r = u64::from(rate.percent());
                    prop_assert!(tax * (100 + r) <= yen.get() * r);
                    prop_assert!((tax + 1) * (100 + r) > yen.get() * r);
                }
            }
        }
    }
}
