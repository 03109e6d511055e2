//! Card details as the shopper types them, checked before they are handed to
//! Yamato's token JavaScript. None of these types implements `Serialize`: card
//! data is never sent to our backend, and the compiler keeps it that way.

/// A card brand Zerostep recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardBrand {
    /// Visa.
    Visa,
    /// Mastercard.
    Mastercard,
    /// JCB.
    Jcb,
    /// American Express.
    Amex,
    /// Diners Club.
    Diners,
}

impl CardBrand {
    /// The brand's display name.
    pub fn name(self) -> &'static str {
        match self {
            CardBrand::Visa => "Visa",
            CardBrand::Mastercard => "Mastercard",
            CardBrand::Jcb => "JCB",
            CardBrand::Amex => "American Express",
            CardBrand::Diners => "Diners Club",
        }
    }

    /// Digits of its security code.
    pub fn cvc_len(self) -> usize {
        if self == CardBrand::Amex {
            4
        } else {
            3
        }
    }

    /// Group sizes for display: 4-6-5 (Amex), 4-6-4 (Diners), else 4-4-4-4.
    pub fn groups(self) -> &'static [usize] {
        match self {
            CardBrand::Amex => &[4, 6, 5],
            CardBrand::Diners => &[4, 6, 4],
            _ => &[4, 4, 4, 4],
        }
    }
}

/// Digits only: full-width digits folded, spaces and hyphens dropped.
pub fn digits_of(input: &str) -> String {
    crate::text::fullwidth_to_ascii(input)
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// The brand of a (possibly partial) number.
pub fn detect_brand(digits: &str) -> Option<CardBrand> {
    let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
    if digits.starts_with('4') {
        Some(CardBrand::Visa)
    } else if prefix(2).is_some_and(|p| (51..=55).contains(&p))
        || prefix(4).is_some_and(|p| (2221..=2720).contains(&p))
    {
        Some(CardBrand::Mastercard)
    } else if prefix(2).is_some_and(|p| p == 34 || p == 37) {
        Some(CardBrand::Amex)
    } else if prefix(4).is_some_and(|p| (3528..=3589).contains(&p)) {
        Some(CardBrand::Jcb)
    } else if prefix(3).is_some_and(|p| (300..=305).contains(&p))
        || prefix(2).is_some_and(|p| p == 36 || p == 38 || p == 39)
    {
        Some(CardBrand::Diners)
    } else {
        None
    }
}

/// The number grouped as the brand prints it (`4111 1111 1111 1111`).
pub fn format_number(input: &str) -> String {
    let digits = digits_of(input);
    let digits = &digits[..digits.len().min(16)];
    let groups = detect_brand(digits).map_or(&[4, 4, 4, 4][..], CardBrand::groups);
    let mut out = String::new();
    let mut rest = digits;
    for g in groups.iter().chain(std::iter::repeat(&4)) {
        if rest.is_empty() {
            break;
        }
        let (head, tail) = rest.split_at((*g).min(rest.len()));
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(head);
        rest = tail;
    }
    out
}

/// The Luhn check.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        if !b.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// Yamato's dummy test numbers (`000000000000` + 0000–0020), valid only on test gateways.
pub fn is_dummy(digits: &str) -> bool {
    digits.len() == 16
        && digits.starts_with("000000000000")
        && digits[12..].parse::<u32>().is_ok_and(|n| n <= 20)
}

/// Why a card field is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    /// Empty.
    #[error("required")]
    Empty,
    /// Not 14–16 digits.
    #[error("wrong number of digits")]
    Length,
    /// The check digit is wrong (a typing mistake).
    #[error("the number is not valid")]
    Luhn,
    /// Not a brand the shop accepts.
    #[error("this card brand is not accepted")]
    Brand,
    /// Expiry not MM/YY.
    #[error("use MM/YY")]
    ExpiryFormat,
    /// Expiry in the past.
    #[error("the card has expired")]
    Expired,
    /// Holder name not in half-width letters.
    #[error("use half-width letters")]
    HolderChars,
    /// Holder name longer than 25 characters.
    #[error("at most 25 characters")]
    HolderLength,
    /// Security code not 3 (or 4 for Amex) digits.
    #[error("wrong number of digits")]
    CvcLength,
}

/// Checks a card number; `allow_dummy` admits Yamato's dummy numbers (sandbox only).
pub fn check_number(input: &str, allow_dummy: bool) -> Result<String, CardError> {
    let digits = digits_of(input);
    if digits.is_empty() {
        return Err(CardError::Empty);
    }
    if allow_dummy && is_dummy(&digits) {
        return Ok(digits);
    }
    if !(14..=16).contains(&digits.len()) {
        return Err(CardError::Length);
    }
    if !luhn_ok(&digits) {
        return Err(CardError::Luhn);
    }
    if detect_brand(&digits).is_none() {
        return Err(CardError::Brand);
    }
    Ok(digits)
}

/// Checks `MM/YY` (or `MMYY`) against today's year and month; returns Yamato's `MMYY`.
pub fn check_expiry(input: &str, this_year: i32, this_month: u32) -> Result<String, CardError> {
    let digits = digits_of(input);
    if digits.is_empty() {
        return Err(CardError::Empty);
    }
    let (Some(month), Some(year)) = (
        digits.get(0..2).and_then(|m| m.parse::<u32>().ok()),
        digits.get(2..4).and_then(|y| y.parse::<i32>().ok()),
    ) else {
        return Err(CardError::ExpiryFormat);
    };
    if digits.len() != 4 || !(1..=12).contains(&month) {
        return Err(CardError::ExpiryFormat);
    }
    if (2000 + year, month) < (this_year, this_month) {
        return Err(CardError::Expired);
    }
    Ok(digits)
}

/// `MM/YY` as typed: digits with the slash added.
pub fn format_expiry(input: &str) -> String {
    let digits = digits_of(input);
    let digits = &digits[..digits.len().min(4)];
    if digits.len() > 2 {
        format!("{}/{}", &digits[..2], &digits[2..])
    } else {
        digits.to_owned()
    }
}

/// Checks the holder name: half-width letters, spaces, `-.,`; upper-cased.
pub fn check_holder(input: &str) -> Result<String, CardError> {
    let name = crate::text::fullwidth_to_ascii(input)
        .trim()
        .to_ascii_uppercase();
    if name.is_empty() {
        return Err(CardError::Empty);
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '.' | ','))
    {
        return Err(CardError::HolderChars);
    }
    if name.len() > 25 {
        return Err(CardError::HolderLength);
    }
    Ok(name)
}

/// Checks the security code for `brand` (4 digits for Amex, 3 otherwise).
pub fn check_cvc(input: &str, brand: Option<CardBrand>) -> Result<String, CardError> {
    let digits = digits_of(input);
    if digits.is_empty() {
        return Err(CardError::Empty);
    }
    let want = brand.map_or(3, CardBrand::cvc_len);
    if digits.len() != want || digits.len() != input.trim().chars().count() {
        return Err(CardError::CvcLength);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_and_groups() {
        assert_eq!(detect_brand("4111"), Some(CardBrand::Visa));
        assert_eq!(
            detect_brand("5555555555554444"),
            Some(CardBrand::Mastercard)
        );
        assert_eq!(
            detect_brand("2221000000000009"),
            Some(CardBrand::Mastercard)
        );
        assert_eq!(detect_brand("3530111333300000"), Some(CardBrand::Jcb));
        assert_eq!(detect_brand("378282246310005"), Some(CardBrand::Amex));
        assert_eq!(detect_brand("30569309025904"), Some(CardBrand::Diners));
        assert_eq!(detect_brand("6011"), None);
        assert_eq!(
            format_number("４１１１１１１１１１１１１１１１"),
            "4111 1111 1111 1111"
        );
        assert_eq!(format_number("378282246310005"), "3782 822463 10005");
        assert_eq!(format_number("30569309025904"), "3056 930902 5904");
        assert_eq!(format_number("41111"), "4111 1");
    }

    #[test]
    fn numbers() {
        assert_eq!(
            check_number("4111 1111 1111 1111", false),
            Ok("4111111111111111".to_owned())
        );
        assert_eq!(check_number("", false), Err(CardError::Empty));
        assert_eq!(check_number("4111 1111", false), Err(CardError::Length));
        assert_eq!(
            check_number("4111111111111112", false),
            Err(CardError::Luhn)
        );
        assert_eq!(
            check_number("6011111111111117", false),
            Err(CardError::Brand)
        );
        assert_eq!(
            check_number("0000000000000001", false),
            Err(CardError::Luhn)
        );
        assert_eq!(
            check_number("0000000000000001", true),
            Ok("0000000000000001".to_owned())
        );
    }

    #[test]
    fn expiry_and_holder_and_cvc() {
        assert_eq!(format_expiry("1230"), "12/30");
        assert_eq!(check_expiry("12/30", 2026, 11), Ok("1230".to_owned()));
        assert_eq!(check_expiry("11/26", 2026, 11), Ok("1126".to_owned()));
        assert_eq!(check_expiry("10/26", 2026, 11), Err(CardError::Expired));
        assert_eq!(
            check_expiry("13/30", 2026, 11),
            Err(CardError::ExpiryFormat)
        );
        assert_eq!(check_expiry("1/3", 2026, 11), Err(CardError::ExpiryFormat));
        assert_eq!(check_holder("taro yamada"), Ok("TARO YAMADA".to_owned()));
        assert_eq!(check_holder("山田太郎"), Err(CardError::HolderChars));
        assert_eq!(check_holder(&"A".repeat(26)), Err(CardError::HolderLength));
        assert_eq!(
            check_cvc("123", Some(CardBrand::Visa)),
            Ok("123".to_owned())
        );
        assert_eq!(
            check_cvc("123", Some(CardBrand::Amex)),
            Err(CardError::CvcLength)
        );
        assert_eq!(
            check_cvc("1234", Some(CardBrand::Amex)),
            Ok("1234".to_owned())
        );
        assert_eq!(check_cvc("12a", None), Err(CardError::CvcLength));
    }
}
