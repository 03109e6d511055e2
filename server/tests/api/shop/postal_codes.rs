//! `GET /api/postal-codes/{code}` from the imported fixture.

use zerostep_domain::checkout::PostalLookup;
use zerostep_domain::ApiErrorBody;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_code_gives_its_prefecture_city_and_town() {
    let app = spawn_app().await;
    for path in ["/api/postal-codes/1000001", "/api/postal-codes/100-0001"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let found: PostalLookup = response.json().await.expect("json");
        assert_eq!(found.postal_code, "1000001");
        assert_eq!(found.candidates.len(), 1);
        let c = &found.candidates[0];
        assert_eq!(
            (c.prefecture.name_ja(), c.city.as_str(), c.town.as_str()),
            ("東京都", "千代田区", "千代田")
        );
    }
}

#[tokio::test]
async fn a_code_with_several_towns_offers_them_all_in_order() {
    let app = spawn_app().await;
    let found: PostalLookup = app
        .get("/api/postal-codes/4520961")
        .await
        .json()
        .await
        .expect("json");
    let towns: Vec<&str> = found.candidates.iter().map(|c| c.town.as_str()).collect();
    assert_eq!(towns, ["春日明河原", "春日一番割", "春日壱屋敷"]);
}

#[tokio::test]
async fn unknown_and_malformed_codes_say_so() {
    let app = spawn_app().await;
    let unknown = app.get("/api/postal-codes/9999999").await;
    assert_eq!(unknown.status(), 404);
    let body: ApiErrorBody = unknown.json().await.expect("json");
    assert_eq!(body.code, "postal_code_not_found");
    assert!(
        body.message.to_string().contains("999-9999"),
        "{}",
        body.message
    );
    for bad in ["12345", "abcdefg", "1234-567"] {
        let response = app.get(&format!("/api/postal-codes/{bad}")).await;
        assert_eq!(response.status(), 400, "{bad}");
        assert_eq!(
            response.json::<ApiErrorBody>().await.expect("json").code,
            "invalid_postal_code"
        );
    }
}

#[tokio::test]
async fn the_import_runs_once_per_file() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postal.tsv");
    assert_eq!(
        zerostep_server::postal::import_if_changed(&pool, &path)
            .await
            .expect("import"),
        0
    );
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM postal_codes")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(rows, 7);
    let bad = app.dir.path().join("bad.tsv");
    std::fs::write(&bad, "1000001\t99\t千代田区\t千代田\n").expect("write");
    let err = zerostep_server::postal::import_if_changed(&pool, &bad)
        .await
        .expect_err("bad prefecture");
    assert!(err.to_string().contains("line 1"), "{err}");
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM postal_codes")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(rows, 7, "a bad file leaves the previous data");
}
