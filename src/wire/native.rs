//! JSON values off the browser (the native unit tests): the same reader over
//! `serde_json`'s values, so every reader is tested natively too.

/// A parsed value, or `None` for a member that is not there.
pub struct Value(Option<serde_json::Value>);

/// Parses `text`; `serde_json`'s words when it is no JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text)
        .map(|v| Value(Some(v)))
        .map_err(|e| e.to_string())
}

impl Value {
    /// The member `key` of an object; missing for anything else.
    pub fn member(&self, key: &str) -> Value {
        Value(self.0.as_ref().and_then(|v| v.get(key)).cloned())
    }

    pub fn is_undefined(&self) -> bool {
        self.0.is_none()
    }

    pub fn is_null(&self) -> bool {
        matches!(self.0, Some(serde_json::Value::Null))
    }

    pub fn string(&self) -> Option<String> {
        self.0.as_ref()?.as_str().map(str::to_owned)
    }

    pub fn boolean(&self) -> Option<bool> {
        self.0.as_ref()?.as_bool()
    }

    pub fn number(&self) -> Option<f64> {
        self.0.as_ref()?.as_f64()
    }

    /// The elements of an array.
    pub fn items(&self) -> Option<Vec<Value>> {
        Some(
            self.0
                .as_ref()?
                .as_array()?
                .iter()
                .map(|v| Value(Some(v.clone())))
                .collect(),
        )
    }
}
