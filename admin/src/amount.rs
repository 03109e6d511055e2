//! Yen amounts typed by a merchant in the settings forms. Digits of either
//! width, with `,`, `円`, `¥` or spaces, are an amount; an empty input is "no
//! amount" (下限なし, 別途連絡, …); anything else is an error beside the
//! input, and the form keeps the last good value until it is corrected.

use std::collections::BTreeMap;

use leptos::prelude::*;

/// The amount in `text`: `Ok(None)` when it is empty, `Err` with the rule.
pub fn parse_yen(text: &str) -> Result<Option<i64>, &'static str> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '円' | '¥' | '￥' | ' ' | '　'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + 0x30).unwrap_or(c),
            _ => c,
        })
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("金額は数字で入力してください（例: 880）。");
    }
    match digits.parse::<i64>() {
        Ok(n) if n <= 9_999_999 => Ok(Some(n)),
        _ => Err("金額は9,999,999円以下で入力してください。"),
    }
}

/// The errors of a form's amount inputs, by input id.
#[derive(Debug, Clone, Copy)]
pub struct AmountErrors(RwSignal<BTreeMap<String, String>>);

impl Default for AmountErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl AmountErrors {
    /// No errors.
    pub fn new() -> Self {
        AmountErrors(RwSignal::new(BTreeMap::new()))
    }

    /// `text` typed into the input `id` (named `label`): the amount to keep,
    /// or `None` after recording the error that names the input and the rule.
    pub fn parse(self, id: &str, label: &str, text: &str) -> Option<Option<i64>> {
        match parse_yen(text) {
            Ok(amount) => {
                self.0.update(|m| {
                    m.remove(id);
                });
                Some(amount)
            }
            Err(rule) => {
                self.0.update(|m| {
                    m.insert(id.to_owned(), format!("{label}：{rule}"));
                });
                None
            }
        }
    }

    /// The error shown beside the input `id`.
    pub fn view(self, id: String) -> impl IntoView {
        move || {
            self.0.with(|m| m.get(&id).cloned()).map(|e| {
                view! { <span class="za-error" role="alert" data-testid=format!("{id}-error")>{e}</span> }
            })
        }
    }

    /// The first error, which keeps the form from its confirmation step.
    pub fn first(self) -> Option<String> {
        self.0.with_untracked(|m| m.values().next().cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_merchants_type_them() {
        for (text, amount) in [
            ("", None),
            ("  ", None),
            ("880", Some(880)),
            ("5,000", Some(5_000)),
            ("８８０円", Some(880)),
            ("¥1,200", Some(1_200)),
            ("0", Some(0)),
        ] {
            assert_eq!(parse_yen(text), Ok(amount), "{text:?}");
        }
        for text in ["880yen", "-5", "1.5", "千円", "99999999"] {
            assert!(parse_yen(text).is_err(), "{text:?}");
        }
    }
}
