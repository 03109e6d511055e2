//! The gateway's field rules (protocol §4.1, §5, §6.3), as one function per
//! API function over the raw form. The client runs them before sending, so a
//! bad field is reported by name with Yamato's own code and no round trip;
//! the sandbox runs the very same functions on what it receives.

use crate::codes::field_of;
use crate::endpoints::Action;
use crate::text::{fits, is_halfwidth_kana, is_supported_char};

/// A request's form fields, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form(pub Vec<(String, String)>);

impl Form {
    /// The value of `name`; an empty value counts as absent (integrations send
    /// empty strings for fields they have no value for).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Adds a field.
    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), value.into()));
    }

    /// Reads an `application/x-www-form-urlencoded` body, as the gateway
    /// receives it; bytes that are not UTF-8 become U+FFFD.
    pub fn from_urlencoded(body: &[u8]) -> Form {
        Form(form_urlencoded::parse(body).into_owned().collect())
    }
}

/// A field broke a rule; `code` is the gateway's error code for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {code}")]
pub struct FieldError {
    /// The gateway's error code, e.g. `A081010402`.
    pub code: String,
    /// The form field, e.g. `order_no`.
    pub field: &'static str,
}

fn fail(code: String) -> FieldError {
    let field = field_of(&code).unwrap_or("request");
    FieldError { code, field }
}

/// Limits that depend on the merchant's contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest `settle_price` / `new_price` in yen (default 300,000).
    pub max_amount: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_amount: 300_000,
        }
    }
}

/// The 支払回数 values Yamato defines: 1 一括, 0 リボ, and the 分割 counts.
pub const PAY_WAYS: [u8; 12] = [0, 1, 2, 3, 5, 6, 10, 12, 15, 18, 20, 24];

/// Characters allowed in `order_no` (and in free-form slip references).
fn is_order_char(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_uppercase() || "#-*/<>:@".contains(c)
}

/// The longest `order_no`.
pub const MAX_ORDER_NO: usize = 23;

struct Checker<'a> {
    form: &'a Form,
    fd: &'a str,
}

impl Checker<'_> {
    fn code(&self, item: &str, check: &str) -> String {
        format!("{}101{item}{check}", self.fd)
    }

    fn required(&self, name: &str, item: &str) -> Result<&str, FieldError> {
        self.form
            .get(name)
            .ok_or_else(|| fail(self.code(item, "01")))
    }

    fn trader_code(&self) -> Result<(), FieldError> {
        let v = self.required("trader_code", "02")?;
        if v.len() > 20 {
            return Err(fail(self.code("02", "02")));
        }
        if !v.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(fail(self.code("02", "04")));
        }
        Ok(())
    }

    fn order_no(&self, item: &str) -> Result<(), FieldError> {
        let v = self.required("order_no", item)?;
        if v.chars().count() > MAX_ORDER_NO {
            return Err(fail(self.code(item, "02")));
        }
        if !v.chars().all(is_order_char) {
            return Err(fail(self.code(item, "04")));
        }
        Ok(())
    }

    fn amount(&self, name: &str, item: &str, limits: Limits) -> Result<u64, FieldError> {
        let v = self.required(name, item)?;
        if !v.chars().all(|c| c.is_ascii_digit()) {
            return Err(fail(self.code(item, "04")));
        }
        if v.len() > 7 {
            return Err(fail(self.code(item, "02")));
        }
        let amount: u64 = v.parse().map_err(|_| fail(self.code(item, "04")))?;
        if amount < 1 {
            return Err(fail(self.code(item, "71")));
        }
        if amount > limits.max_amount {
            return Err(fail(self.code(item, "72")));
        }
        Ok(amount)
    }
}

/// A08 `creditToken`.
pub fn check_credit_token(form: &Form, limits: Limits) -> Result<(), FieldError> {
    let c = Checker { form, fd: "A08" };
    c.trader_code()?;
    match c.required("device_div", "03")? {
        "1" | "2" => {}
        _ => return Err(fail(c.code("03", "06"))),
    }
    c.order_no("04")?;
    c.amount("settle_price", "05", limits)?;

    let name = c.required("buyer_name_kanji", "06")?;
    if name
        .chars()
        .any(|ch| is_halfwidth_kana(ch) || !is_supported_char(ch))
    {
        return Err(fail(c.code("06", "71")));
    }
    if !fits(name, 60, 40) {
        return Err(fail(c.code("06", "72")));
    }

    let tel = c.required("buyer_tel", "07")?;
    if !tel.chars().all(|ch| ch.is_ascii_digit() || ch == '-') {
        return Err(fail(c.code("07", "04")));
    }
    if !(8..=13).contains(&tel.len()) {
        return Err(fail(c.code("07", "02")));
    }

    let email = c.required("buyer_email", "08")?;
    if email.chars().count() > 64 {
        return Err(fail(c.code("08", "02")));
    }
    if !email.is_ascii()
        || email.chars().any(|ch| ch.is_ascii_control() || ch == ' ')
        || email.matches('@').count() != 1
    {
        return Err(fail(c.code("08", "71")));
    }
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() => {}
        _ => return Err(fail(c.code("08", "72"))),
    }

    let pay_way = c.required("pay_way", "09")?;
    if !pay_way.chars().all(|ch| ch.is_ascii_digit()) {
        return Err(fail(c.code("09", "04")));
    }
    if pay_way.len() > 2 {
        return Err(fail(c.code("09", "02")));
    }
    if !pay_way.parse::<u8>().is_ok_and(|n| PAY_WAYS.contains(&n)) {
        return Err(fail("A082000007".to_owned()));
    }

    if let Some(goods) = form.get("goods_name") {
        if goods.chars().any(|ch| !is_supported_char(ch)) {
            return Err(fail(c.code("10", "71")));
        }
        if !fits(goods, 600, 400) {
            return Err(fail(c.code("10", "72")));
        }
    }
    if let Some(code) = form.get("card_code_api") {
        if !code.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) {
            return Err(fail(c.code("11", "72")));
        }
    }

    let token = c.required("token", "12")?;
    if !token.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return Err(fail(c.code("12", "04")));
    }
    if token.chars().count() != 16 {
        return Err(fail(c.code("12", "02")));
    }
    Ok(())
}

/// A06 `creditCancel`, A11 `reAuth`, E04 `tradeInfo`: trader and order only.
pub fn check_order_ref(fd: &str, form: &Form) -> Result<(), FieldError> {
    let c = Checker { form, fd };
    c.trader_code()?;
    c.order_no("03")
}

/// A07 `creditChangePrice`.
pub fn check_change_price(form: &Form, limits: Limits) -> Result<(), FieldError> {
    let c = Checker { form, fd: "A07" };
    c.trader_code()?;
    c.order_no("03")?;
    c.amount("new_price", "04", limits).map(|_| ())
}

pub use zerostep_domain::merchant::yamato_check_digit_ok;

/// A Yamato slip as merchants type it: hyphens removed.
pub fn normalize_slip(slip: &str) -> String {
    slip.chars().filter(|c| *c != '-').collect()
}

/// E01 `shipmentEntry`.
pub fn check_shipment_entry(form: &Form) -> Result<(), FieldError> {
    let c = Checker { form, fd: "E01" };
    c.trader_code()?;
    c.order_no("03")?;
    let slip = c.required("slip_no", "04")?;
    let service = c.required("delivery_service_code", "05")?;
    match service {
        "00" => {
            if !slip.chars().all(|ch| ch.is_ascii_digit()) {
                return Err(fail(c.code("04", "04")));
            }
            if slip.len() != 12 {
                return Err(fail(c.code("04", "02")));
            }
            if !yamato_check_digit_ok(slip) {
                return Err(fail(c.code("04", "51")));
            }
        }
        "99" => {
            if !slip.chars().all(is_order_char) {
                return Err(fail(c.code("04", "04")));
            }
            if slip.chars().count() > MAX_ORDER_NO {
                return Err(fail(c.code("04", "02")));
            }
        }
        _ => return Err(fail(c.code("05", "06"))),
    }
    Ok(())
}

/// E02 `shipmentCancel`.
pub fn check_shipment_cancel(form: &Form) -> Result<(), FieldError> {
    let c = Checker { form, fd: "E02" };
    c.trader_code()?;
    c.order_no("03")?;
    let slip = c.required("slip_no", "04")?;
    if !slip.chars().all(is_order_char) {
        return Err(fail(c.code("04", "04")));
    }
    if slip.chars().count() > MAX_ORDER_NO {
        return Err(fail(c.code("04", "02")));
    }
    Ok(())
}

/// H01 `traderIp`.
pub fn check_trader_ip(form: &Form) -> Result<(), FieldError> {
    Checker { form, fd: "H01" }.trader_code()
}

/// The field rules of `action`, run on its form (by the client before it
/// sends, by the sandbox on what it receives). A08's `trader_ec_url` is
/// checked apart, as it depends on the token ([`check_trader_ec_url`]).
pub fn check(action: Action, form: &Form, limits: Limits) -> Result<(), FieldError> {
    match action {
        Action::CreditToken => check_credit_token(form, limits),
        Action::CreditToken3D => check_credit_token_3d(form),
        Action::CreditChangePrice => check_change_price(form, limits),
        Action::ShipmentEntry => check_shipment_entry(form),
        Action::ShipmentCancel => check_shipment_cancel(form),
        Action::TraderIp => check_trader_ip(form),
        Action::CreditCancel | Action::ReAuth | Action::TradeInfo => {
            check_order_ref(action.function_div(), form)
        }
    }
}

mod three_d;
pub use three_d::{
    check_credit_token_3d, check_trader_ec_url, ReturnItem, A09_RETURN_ITEMS, MAX_TRADER_EC_URL,
    THREE_D_TOKEN_LEN,
};

#[cfg(test)]
mod tests;
