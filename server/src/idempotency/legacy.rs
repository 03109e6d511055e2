//! Answers stored before the error body carried both languages apart
//! (`{code, message: "日本語 / English"}`) are replayed in today's shape
//! (`{code, message: {ja, en}}`), so a shopper retrying an order across the
//! upgrade reads its answer instead of an unreadable one.

use zerostep_domain::api::Text;

/// `body` in today's shape: an error whose `message` is one string is
/// divided at the first `/ ` that follows Japanese (the only place the
/// old form is ever taken apart); anything else is returned as it is.
pub fn upgraded(body: String) -> String {
    let Ok(serde_json::Value::Object(mut object)) = serde_json::from_str(&body) else {
        return body;
    };
    let Some(serde_json::Value::String(message)) = object.get("message") else {
        return body;
    };
    let split = message
        .match_indices("/ ")
        .map(|(i, _)| i)
        .find(|&i| !message[..i].is_ascii());
    let text = match split {
        Some(i) => Text::new(
            message[..i].trim_end().to_owned(),
            message[i + 2..].trim_start().to_owned(),
        ),
        None => Text::new(message.clone(), message.clone()),
    };
    match serde_json::to_value(text) {
        Ok(text) => {
            object.insert("message".to_owned(), text);
            serde_json::Value::Object(object).to_string()
        }
        Err(_) => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_error_body_is_replayed_with_both_languages_apart() {
        let old = r#"{"code":"card_declined","message":"カードの承認が得られませんでした。（A08, G12）/ The card was declined. (A08, G12)"}"#;
        let new: serde_json::Value = serde_json::from_str(&upgraded(old.to_owned())).expect("json");
        assert_eq!(new["code"], "card_declined");
        assert_eq!(
            new["message"]["ja"],
            "カードの承認が得られませんでした。（A08, G12）"
        );
        assert_eq!(new["message"]["en"], "The card was declined. (A08, G12)");
    }

    #[test]
    fn todays_bodies_and_orders_pass_unchanged() {
        for body in [
            r#"{"code":"card_declined","message":{"ja":"承認されませんでした。","en":"Declined."}}"#,
            r#"{"order_number":"ZS-1","outcome":"complete"}"#,
            "not json",
        ] {
            assert_eq!(upgraded(body.to_owned()), body);
        }
        let one_language: serde_json::Value = serde_json::from_str(&upgraded(
            r#"{"code":"x","message":"Only English"}"#.to_owned(),
        ))
        .expect("json");
        assert_eq!(one_language["message"]["ja"], "Only English");
        assert_eq!(one_language["message"]["en"], "Only English");
    }
}
