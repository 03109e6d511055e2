//! 3-D Secure on the token method (`reference/webcollect-3ds.md`): the
//! browser's return POST, read so that A09 gets every value unchanged; the
//! HTML that starts the authentication; the `x3ds2_*` risk data sent with A08.

use std::fmt;

use crate::rules::{ReturnItem, A09_RETURN_ITEMS};

/// The largest return POST read (a real one is well under 2 KiB).
pub const MAX_RETURN_BYTES: usize = 16 * 1024;

/// The fields of the browser's return POST to `trader_ec_url`, exactly as
/// they were posted (percent-decoding is the only change; `+`, `/` and `=`
/// inside `3D_INF` survive). A field that was not posted is empty: A09 then
/// names it (`A0910…01`), as the gateway would.
#[derive(Clone, PartialEq, Eq)]
pub struct ThreeDReturn {
    values: Box<[String; A09_RETURN_ITEMS.len()]>,
}

/// The return POST cannot be forwarded as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReturnError {
    /// Larger than [`MAX_RETURN_BYTES`].
    #[error("the 3-D Secure return is larger than {MAX_RETURN_BYTES} bytes")]
    TooLarge,
    /// A field the gateway sends once came twice: which value is meant is unknown.
    #[error("the 3-D Secure return repeats {0}")]
    Repeated(&'static str),
    /// A value is not UTF-8 once decoded: forwarding it would change it.
    #[error("the 3-D Secure return's {0} is not UTF-8")]
    NotUtf8(&'static str),
}

impl ThreeDReturn {
    /// Reads an `application/x-www-form-urlencoded` body. Fields other than
    /// the sixteen (such as `CARD_NO` of the non-token flow) are ignored.
    pub fn parse(body: &[u8]) -> Result<ThreeDReturn, ReturnError> {
        if body.len() > MAX_RETURN_BYTES {
            return Err(ReturnError::TooLarge);
        }
        let mut values: [Option<String>; A09_RETURN_ITEMS.len()] = Default::default();
        for pair in body.split(|b| *b == b'&') {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(eq) => (&pair[..eq], &pair[eq + 1..]),
                None => (pair, &pair[..0]),
            };
            let name = decode(name);
            let Some(index) = A09_RETURN_ITEMS
                .iter()
                .position(|f| f.post.as_bytes() == name.as_slice())
            else {
                continue;
            };
            let post = A09_RETURN_ITEMS[index].post;
            let value = String::from_utf8(decode(value)).map_err(|_| ReturnError::NotUtf8(post))?;
            if values[index].replace(value).is_some() {
                return Err(ReturnError::Repeated(post));
            }
        }
        Ok(ThreeDReturn {
            values: Box::new(values.map(Option::unwrap_or_default)),
        })
    }

    /// A return with these values by POST name (`COMP_CD`, …); for the
    /// sandbox and tests. Names not among the sixteen are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ThreeDReturn {
        let mut values: Box<[String; A09_RETURN_ITEMS.len()]> = Box::default();
        for (name, value) in pairs {
            if let Some(index) = A09_RETURN_ITEMS.iter().position(|f| f.post == name) {
                value.clone_into(&mut values[index]);
            }
        }
        ThreeDReturn { values }
    }

    /// The value of a POST field (`TOKEN`), empty when it was not posted.
    pub fn get(&self, post: &str) -> &str {
        A09_RETURN_ITEMS
            .iter()
            .position(|f| f.post == post)
            .map_or("", |i| self.values[i].as_str())
    }

    /// Every field with its value, in A09's order.
    pub fn fields(&self) -> impl Iterator<Item = (&'static ReturnItem, &str)> + '_ {
        A09_RETURN_ITEMS
            .iter()
            .zip(self.values.iter().map(String::as_str))
    }

    /// `TOKEN`: the card token the A08 used.
    pub fn token(&self) -> &str {
        self.get("TOKEN")
    }

    /// `CRD_RES_CD`: the 4-digit 3-D Secure result (`0000` authenticated).
    pub fn result_code(&self) -> &str {
        self.get("CRD_RES_CD")
    }

    /// The body a browser would post (for tests and the sandbox's own checks).
    pub fn to_post_body(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (field, value) in self.fields() {
            out.append_pair(field.post, value);
        }
        out.finish()
    }
}

/// Field values are opaque and may carry the gateway's secrets: only their
/// lengths are printed.
impl fmt::Debug for ThreeDReturn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_map();
        for (field, value) in self.fields() {
            list.entry(&field.post, &value.len());
        }
        list.finish()
    }
}

/// Percent-decoding of one form component, `+` as a space; a `%` not
/// followed by two hex digits stays as it is (as browsers and servers do).
fn decode(raw: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok());
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let pair = raw
                    .get(i + 1)
                    .copied()
                    .and_then(hex)
                    .zip(raw.get(i + 2).copied().and_then(hex));
                if let Some((hi, lo)) = pair {
                    out.push(hi << 4 | lo);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// `threeDAuthHtml` as the browser must get it: the gateway writes it inside
/// literal `<![CDATA[` … `]]>` markers (webcollect-3ds.md §4.2), removed here
/// once at each end; a value without them is returned as it is.
pub fn strip_cdata(html: &str) -> &str {
    let trimmed = html.trim();
    let inner = trimmed.strip_prefix("<![CDATA[").unwrap_or(trimmed);
    inner.strip_suffix("]]>").unwrap_or(inner)
}

/// A Japanese address as EMV 3-D Secure risk data (`x3ds2_bill_address_*`,
/// `x3ds2_ship_address_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskAddress {
    /// 郵便番号, with or without the hyphen.
    pub post_code: String,
    /// JIS X 0401 prefecture code, 1–47.
    pub prefecture: u8,
    /// 市区町村.
    pub city: String,
    /// 番地.
    pub line1: String,
    /// 建物名 (may be empty).
    pub line2: String,
}

/// The risk data the card brands ask for (cardholder e-mail or phone,
/// billing and delivery address), sent with a 3-D Secure A08
/// (webcollect-3ds.md §3.2). Text is cut to the 50 characters EMV allows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskData {
    /// The buyer's e-mail address.
    pub email: Option<String>,
    /// The buyer's Japanese phone number (digits, hyphens allowed).
    pub phone: Option<String>,
    /// The buyer's (billing) address.
    pub billing: Option<RiskAddress>,
    /// The delivery address.
    pub shipping: Option<RiskAddress>,
}

/// The longest text value of an address line.
const MAX_RISK_TEXT: usize = 50;
/// ISO 3166-1 numeric code of Japan.
const JAPAN: &str = "392";

impl RiskData {
    /// The `x3ds2_*` form fields, in a fixed order.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut put = |name: &str, value: String| {
            if !value.is_empty() {
                out.push((format!("x3ds2_{name}"), value));
            }
        };
        put("transaction_type", "01".to_owned());
        if let Some(email) = &self.email {
            put("email_address", email.clone());
        }
        if let Some(phone) = &self.phone {
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            if let Some(national) = digits.strip_prefix('0') {
                let mobile =
                    digits.len() == 11 && matches!(digits.get(0..3), Some("070" | "080" | "090"));
                let kind = if mobile { "mobile" } else { "home" };
                put(&format!("{kind}_phone_cc"), "81".to_owned());
                put(&format!("{kind}_phone_subscriber"), national.to_owned());
            }
        }
        for (prefix, address) in [("bill", &self.billing), ("ship", &self.shipping)] {
            if let Some(a) = address {
                let cut = |s: &str| s.trim().chars().take(MAX_RISK_TEXT).collect::<String>();
                put(&format!("{prefix}_address_city"), cut(&a.city));
                put(&format!("{prefix}_address_country"), JAPAN.to_owned());
                put(&format!("{prefix}_address_line1"), cut(&a.line1));
                put(&format!("{prefix}_address_line2"), cut(&a.line2));
                put(
                    &format!("{prefix}_address_post_code"),
                    a.post_code.chars().filter(char::is_ascii_digit).collect(),
                );
                put(
                    &format!("{prefix}_address_state"),
                    format!("{:02}", a.prefecture),
                );
            }
        }
        if let (Some(bill), Some(ship)) = (&self.billing, &self.shipping) {
            let same = bill == ship;
            put("address_match", if same { "01" } else { "02" }.to_owned());
        }
        out
    }
}

#[cfg(test)]
mod tests;
