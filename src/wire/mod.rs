//! Reading JSON (the API's answers, and what this page stored in the
//! browser) through the browser's own parser, `JSON.parse`, and a small
//! typed reader: [`FromJson`].
//!
//! serde's derived deserialisers, with `serde_json`'s parser built into each
//! of them, were about 19 KB of the first load's brotli (BENCHMARKS.md);
//! here each field is one lookup in the parsed object and one conversion.
//! Writing JSON still goes through serde. The readers follow serde's rules
//! for the same types: unknown fields are ignored, an `Option` may be
//! missing or `null`, a field with a serde default may be missing, and the
//! domain's checked types are checked by their own constructors.

mod domain;
#[cfg(test)]
mod tests;
#[cfg(target_arch = "wasm32")]
#[path = "js.rs"]
mod value;
#[cfg(not(target_arch = "wasm32"))]
#[path = "native.rs"]
mod value;

use std::fmt;

/// A value `JSON.parse` gave.
pub struct Json(value::Value);

/// Why a JSON text could not be read: it is no JSON (`field` is empty and
/// `syntax` says where), or its innermost field `field` is missing or not
/// what that field must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The field that could not be read, `""` for the text itself.
    pub field: &'static str,
    /// The browser's words for a text that is no JSON at all.
    pub syntax: Option<String>,
}

impl Unreadable {
    /// The value itself is not what was asked for.
    pub const fn here() -> Unreadable {
        Unreadable {
            field: "",
            syntax: None,
        }
    }
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.syntax, self.field) {
            (Some(syntax), _) => write!(f, "not JSON: {syntax}"),
            (None, "") => f.write_str("a value of the wrong type"),
            (None, field) => write!(f, "field `{field}` missing or of the wrong type"),
        }
    }
}

/// Structs read field by field: `name` a member that must be there,
/// `name = default` one that may be missing (serde's `default`), and
/// `name: "wire"` one written under another name.
macro_rules! fields {
    ($t:ident { $($field:ident $(: $wire:literal)? $(= $default:expr)?),* $(,)? }) => {
        impl $crate::wire::FromJson for $t {
            fn from_json(
                json: &$crate::wire::Json,
            ) -> Result<Self, $crate::wire::Unreadable> {
                Ok($t {
                    $($field: $crate::wire::fields!(@read json, $field $(: $wire)? $(= $default)?),)*
                })
            }
        }
    };
    (@read $json:ident, $field:ident) => { $json.field(stringify!($field))? };
    (@read $json:ident, $field:ident : $wire:literal) => { $json.field($wire)? };
    (@read $json:ident, $field:ident = $default:expr) => {
        $json.field_or(stringify!($field), $default)?
    };
}
pub(crate) use fields;

/// What a JSON value can be read as.
pub trait FromJson: Sized {
    /// `json` as a `Self`, or the innermost field that is not.
    fn from_json(json: &Json) -> Result<Self, Unreadable>;
}

/// Reads `text` as a `T`.
pub fn read<T: FromJson>(text: &str) -> Result<T, Unreadable> {
    T::from_json(&Json::parse(text)?)
}

impl Json {
    /// Parses `text` with the browser's `JSON.parse`.
    pub fn parse(text: &str) -> Result<Json, Unreadable> {
        value::parse(text).map(Json).map_err(|syntax| Unreadable {
            field: "",
            syntax: Some(syntax),
        })
    }

    /// The member `key` of an object; missing for anything else.
    fn get(&self, key: &str) -> Json {
        Json(self.0.member(key))
    }

    /// Whether the value is missing or `null`.
    fn is_absent(&self) -> bool {
        self.0.is_undefined() || self.0.is_null()
    }

    /// The member `key`, which must be there as a `T`.
    pub fn field<T: FromJson>(&self, key: &'static str) -> Result<T, Unreadable> {
        T::from_json(&self.get(key)).map_err(|e| within(key, e))
    }

    /// The member `key` as a `T`, or `default` when it is missing (serde's
    /// `#[serde(default)]`).
    pub fn field_or<T: FromJson>(&self, key: &'static str, default: T) -> Result<T, Unreadable> {
        let value = self.get(key);
        if value.0.is_undefined() {
            return Ok(default);
        }
        T::from_json(&value).map_err(|e| within(key, e))
    }

    /// A whole number of JavaScript's safe range.
    fn integer(&self) -> Result<i64, Unreadable> {
        const SAFE: f64 = 9_007_199_254_740_991.0;
        match self.0.number() {
            Some(n) if n.fract() == 0.0 && n.abs() <= SAFE => Ok(n as i64),
            _ => Err(Unreadable::here()),
        }
    }
}

/// The error of a member `key`: its innermost field, or `key` itself.
fn within(key: &'static str, e: Unreadable) -> Unreadable {
    if e.field.is_empty() && e.syntax.is_none() {
        Unreadable {
            field: key,
            syntax: None,
        }
    } else {
        e
    }
}

impl FromJson for String {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        json.0.string().ok_or(Unreadable::here())
    }
}

impl FromJson for bool {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        json.0.boolean().ok_or(Unreadable::here())
    }
}

impl FromJson for i64 {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        json.integer()
    }
}

/// Unsigned whole numbers that fit their type.
macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(json: &Json) -> Result<Self, Unreadable> {
                <$t>::try_from(json.integer()?).map_err(|_| Unreadable::here())
            }
        }
    )*};
}
unsigned!(u8, u32, u64);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        if json.is_absent() {
            Ok(None)
        } else {
            T::from_json(json).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        let items = json.0.items().ok_or(Unreadable::here())?;
        items
            .into_iter()
            .map(|item| T::from_json(&Json(item)))
            .collect()
    }
}

/// A pair, written as a two-element array.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        match <[value::Value; 2]>::try_from(json.0.items().ok_or(Unreadable::here())?) {
            Ok([a, b]) => Ok((A::from_json(&Json(a))?, B::from_json(&Json(b))?)),
            Err(_) => Err(Unreadable::here()),
        }
    }
}
