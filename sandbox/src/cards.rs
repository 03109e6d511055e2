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

/// What the issuer's ACS does when a card is authenticated with 3-D Secure
/// (README; result codes of webcollect-3ds.md §8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcsOutcome {
    /// Authenticated without the shopper doing anything (`0000`).
    Frictionless,
    /// The shopper types a one-time code: [`CHALLENGE_CODE`] gives `0000`;
    /// a wrong code three times, or キャンセル, gives `0002`.
    Challenge,
    /// Not enrolled, the attempt accepted (`0003`): authorized.
    Attempt,
    /// Issuer or cardholder not taking part (`0006`): authorized, as the
    /// specification says (本人認証を迂回).
    NotEnrolled,
    /// A brand outside 3-D Secure (`0005`): authorized.
    OutOfScope,
    /// Refused without a challenge (`0002`).
    Rejected,
    /// The ACS failed (`0007`).
    AcsError,
}

/// The one-time code the challenge accepts.
pub const CHALLENGE_CODE: &str = "123456";

impl AcsOutcome {
    /// The 4-digit result of an outcome that needs no challenge.
    pub fn result_code(self) -> Option<&'static str> {
        match self {
            AcsOutcome::Frictionless => Some("0000"),
            AcsOutcome::Challenge => None,
            AcsOutcome::Attempt => Some("0003"),
            AcsOutcome::NotEnrolled => Some("0006"),
            AcsOutcome::OutOfScope => Some("0005"),
            AcsOutcome::Rejected => Some("0002"),
            AcsOutcome::AcsError => Some("0007"),
        }
    }
}

/// Whether a 3-D Secure result lets A09 go on to the authorization
/// (webcollect-3ds.md §12.4); the others end in `A092000004`.
pub fn result_authorizes(code: &str) -> bool {
    matches!(
        code,
        "0000" | "0001" | "0003" | "0004" | "0005" | "0006" | "0998"
    )
}

/// 3-D Secure cards; every other card authenticates frictionlessly.
const ACS_CARDS: &[(&str, AcsOutcome)] = &[
    ("4000000000003220", AcsOutcome::Challenge),
    ("4000000000003238", AcsOutcome::Attempt),
    ("4000000000003246", AcsOutcome::NotEnrolled),
    ("4000000000003253", AcsOutcome::AcsError),
    ("4000000000003261", AcsOutcome::Rejected),
    ("4000000000003279", AcsOutcome::OutOfScope),
];

/// What the ACS does with a card number.
pub fn acs_outcome(card_no: &str) -> AcsOutcome {
    ACS_CARDS
        .iter()
        .find(|(n, _)| *n == card_no)
        .map_or(AcsOutcome::Frictionless, |(_, o)| *o)
}

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
    fn three_d_secure_cards_are_luhn_valid_and_otherwise_approved() {
        for (card, outcome) in ACS_CARDS {
            assert!(luhn_ok(card), "{card}");
            assert_eq!(scenario(card), Scenario::Approve, "{card}");
            assert_eq!(acs_outcome(card), *outcome);
        }
        assert_eq!(acs_outcome("4111111111111111"), AcsOutcome::Frictionless);
        assert!(AcsOutcome::Challenge.result_code().is_none());
        for (outcome, authorizes) in [
            (AcsOutcome::Frictionless, true),
            (AcsOutcome::Attempt, true),
            (AcsOutcome::NotEnrolled, true),
            (AcsOutcome::OutOfScope, true),
            (AcsOutcome::Rejected, false),
            (AcsOutcome::AcsError, false),
        ] {
            let code = outcome.result_code().expect("no challenge");
            assert_eq!(result_authorizes(code), authorizes, "{outcome:?}");
        }
        assert!(!result_authorizes("0999"));
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
