//! JSON values as the browser's `JSON.parse` gives them.

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// A parsed value, or `undefined` for a member that is not there.
pub struct Value(JsValue);

/// Parses `text`; the browser's words when it is no JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    JSON::parse(text).map(Value).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default()
    })
}

impl Value {
    /// The member `key` of an object; `undefined` for anything else.
    pub fn member(&self, key: &str) -> Value {
        Value(if self.0.is_object() {
            Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        })
    }

    pub fn is_undefined(&self) -> bool {
        self.0.is_undefined()
    }

    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }

    pub fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    pub fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    pub fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    /// The elements of an array.
    pub fn items(&self) -> Option<Vec<Value>> {
        self.0
            .dyn_ref::<Array>()
            .map(|a| a.iter().map(Value).collect())
    }
}
