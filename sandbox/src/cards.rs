//! The sandbox's test cards and what A08 does with each (see the README).

/// What the gateway does when a card is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// Authorized.
    Approve,
    /// A08 answers `A082000010` with this `creditErrorCode`.
    Decline(&'static str),
    /// Authorized, but a later re-authorization (A11, A07) fails with G12.
    ReauthFails,
}

/// Decline and special cards; every other valid card is approved.
const SPECIAL: &[(&str, Scenario)] = &[
    ("4000000000000002", Scenario::Decline("G12")),
    ("4000000000009995", Scenario::Decline("G55")),
    ("4000000000000069", Scenario::Decline("G83")),
    ("4000000000000127", Scenario::Decline("G44")),
    ("4000000000000119", Scenario::Decline("C50")),
    ("4000000000000341", Scenario::ReauthFails),
];

/// The scenario of a card number.
pub fn scenario(card_no: &str) -> Scenario {
    SPECIAL
        .iter()
        .find(|(n, _)| *n == card_no)
        .map_or(Scenario::Approve, |(_, s)| *s)
}

pub use zerostep_domain::card::{is_dummy, luhn_ok};

/// The card-company code (`settleMethod`, protocol §7.3) from the number.
pub fn company_code(card_no: &str) -> u8 {
    let prefix = |n: usize| {
        card_no
            .get(..n)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    match () {
        () if is_dummy(card_no) || card_no.starts_with('4') => 9,
        () if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) => 10,
        () if matches!(prefix(2), 34 | 37) => 12,
        () if (300..=305).contains(&prefix(3)) || matches!(prefix(2), 36 | 38) => 2,
        () if prefix(2) == 35 => 3,
        () => 99,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_approved_cards_are_luhn_valid_and_branded() {
        for (card, code) in [
            ("4111111111111111", 9),
            ("5555555555554444", 10),
            ("3530111333300000", 3),
            ("378282246310005", 12),
            ("30569309025904", 2),
        ] {
            assert!(luhn_ok(card), "{card}");
            assert_eq!(scenario(card), Scenario::Approve, "{card}");
            assert_eq!(company_code(card), code, "{card}");
        }
    }

    #[test]
    fn decline_cards_are_luhn_valid() {
        for (card, _) in SPECIAL {
            assert!(luhn_ok(card), "{card}");
        }
        assert_eq!(scenario("4000000000009995"), Scenario::Decline("G55"));
    }

    #[test]
    fn dummy_cards_skip_luhn() {
        assert!(is_dummy("0000000000000001"));
        assert!(!luhn_ok("0000000000000001"));
        assert!(!is_dummy("0000000000000021"));
        assert!(!luhn_ok("4111111111111112"));
        assert!(!luhn_ok(""));
    }
}
