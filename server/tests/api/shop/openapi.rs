//! `GET /api/openapi.json`: the public API's description, served by the
//! shop, and its examples sent to the real server, which accepts each.

use serde_json::Value;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_document_is_served_and_every_example_it_gives_is_accepted() {
    let app = spawn_app().await;
    let served = app
        .client
        .get(format!("{}/api/openapi.json", app.address))
        .send()
        .await
        .expect("answered");
    assert_eq!(served.status(), 200);
    assert!(served
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json")));
    let doc: Value = served.json().await.expect("JSON");
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{doc}"
    );

    let mut sent = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            let Some(example) = operation["requestBody"]["content"]["application/json"]["example"]
                .as_object()
                .map(|o| Value::Object(o.clone()))
            else {
                continue;
            };
            assert_eq!(method, "post", "{path}");
            let answer = app
                .client
                .post(format!("{}{path}", app.address))
                .header("Idempotency-Key", format!("{:-<32}", "openapi-example"))
                .header("X-Zerostep-Session", "openapi")
                .json(&example)
                .send()
                .await
                .expect("answered");
            let status = answer.status();
            let body = answer.text().await.unwrap_or_default();
            assert!(status.is_success(), "{path}'s example: {status} {body}");
            sent += 1;
        }
    }
    // The quote and the order.
    assert_eq!(sent, 2, "the documented examples were sent");

    // Each path parameter's example is one the server knows.
    let postal = doc["paths"]["/api/postal-codes/{code}"]["get"]["parameters"][0]["example"]
        .as_str()
        .expect("an example postal code")
        .to_owned();
    let found = app
        .client
        .get(format!("{}/api/postal-codes/{postal}", app.address))
        .send()
        .await
        .expect("answered");
    assert_eq!(found.status(), 200);
}
