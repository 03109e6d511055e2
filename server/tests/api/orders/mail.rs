//! An order's mails: queued once with the order, and by the reconciler when a stopped process left them unqueued.

use zerostep_domain::order::OrderPlaced;

use crate::helpers::fixtures::card_order_body;
use crate::helpers::spawn_app;

/// A complete order whose mails were never queued (its process stopped
/// between recording the order and queueing them) gets them from the
/// reconciler, once; a fresh one is left to its own request.
#[tokio::test]
async fn the_reconciler_queues_the_mails_a_stopped_process_left_unqueued() {
    let app = spawn_app().await;
    let mut numbers = Vec::new();
    for key in ["k-unmailed-old", "k-unmailed-new"] {
        let response = app
            .order(key, &card_order_body(&app, "4111111111111111").await)
            .await;
        assert_eq!(response.status(), 201);
        numbers.push(
            response
                .json::<OrderPlaced>()
                .await
                .expect("json")
                .order_number,
        );
    }
    let pool = app.pool().await;
    // As a process killed before queueing would leave them: no mail rows, not claimed.
    sqlx::query("DELETE FROM outbox")
        .execute(&pool)
        .await
        .expect("delete");
    sqlx::query("UPDATE orders SET mails_queued = 0")
        .execute(&pool)
        .await
        .expect("unclaim");
    sqlx::query(
        "UPDATE orders SET updated_at = '2000-01-01T00:00:00+00:00' WHERE order_number = $1",
    )
    .bind(&numbers[0])
    .execute(&pool)
    .await
    .expect("age");
    let mails = |number: String| {
        let pool = pool.clone();
        async move {
            let rows: Vec<(String,)> = sqlx::query_as(
                "SELECT o.kind FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.order_number = $1 ORDER BY o.kind",
            )
            .bind(number)
            .fetch_all(&pool)
            .await
            .expect("outbox");
            rows.into_iter().map(|(k,)| k).collect::<Vec<_>>()
        }
    };
    // The method is renamed meanwhile: the late mails still name it as the
    // order was placed with it.
    sqlx::query("UPDATE payment_methods SET name = 'カード払い（新名称）' WHERE code = 'card'")
        .execute(&pool)
        .await
        .expect("rename");
    for _ in 0..2 {
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile");
        assert_eq!(mails(numbers[0].clone()).await, ["shop_notice", "thanks"]);
        assert!(mails(numbers[1].clone()).await.is_empty());
    }
    let (body,): (String,) = sqlx::query_as(
        "SELECT o.body FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.order_number = $1 AND o.kind = 'thanks'",
    )
    .bind(&numbers[0])
    .fetch_one(&pool)
    .await
    .expect("the thanks mail");
    assert!(
        body.contains("■お支払い方法: クレジットカード決済"),
        "{body}"
    );
    assert!(!body.contains("新名称"), "{body}");
}

/// An authorized order is recorded in one transaction (state, log, mails,
/// answer). When that transaction fails (here the outbox refuses rows), the
/// authorization is still recorded step by step and answered, the mails stay
/// unclaimed, and the reconciler queues them once the outbox works again.
#[tokio::test]
async fn an_authorized_order_whose_mails_cannot_be_written_is_still_recorded_and_answered() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    let postgres = app.database_url().starts_with("postgres");
    let (create, drop) = if postgres {
        (
            vec![
                "CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$",
                "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()",
            ],
            vec![
                "DROP TRIGGER refuse_outbox ON outbox",
                "DROP FUNCTION refuse_outbox()",
            ],
        )
    } else {
        (
            vec!["CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(FAIL, 'outbox down'); END"],
            vec!["DROP TRIGGER refuse_outbox"],
        )
    };
    for sql in &create {
        sqlx::query(sql).execute(&pool).await.expect("trigger");
    }
    let body = card_order_body(&app, "4111111111111111").await;
    let response = app.order("k-outbox-down", &body).await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    let (status, queued, crd): (String, i64, Option<String>) = sqlx::query_as(
        "SELECT status, mails_queued, crd_c_res_cd FROM orders WHERE order_number = $1",
    )
    .bind(&placed.order_number)
    .fetch_one(&pool)
    .await
    .expect("order");
    assert_eq!(status, "authorized");
    assert_eq!(queued, 0, "the mails are left for a later caller");
    assert!(crd.is_some_and(|c| !c.is_empty()));
    let ops: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM gateway_operations g JOIN orders o ON o.id = g.order_id WHERE o.order_number = $1 AND g.function_div = 'A08' AND g.outcome = 'ok'",
    )
    .bind(&placed.order_number)
    .fetch_one(&pool)
    .await
    .expect("ops");
    assert_eq!(ops.0, 1, "one A08 logged");
    // The same key replays the answer; nothing is authorized twice.
    let again = app.order("k-outbox-down", &body).await;
    assert_eq!(again.status(), 201);
    let replayed: OrderPlaced = again.json().await.expect("json");
    assert_eq!(replayed.order_number, placed.order_number);

    for sql in &drop {
        sqlx::query(sql).execute(&pool).await.expect("drop trigger");
    }
    sqlx::query(
        "UPDATE orders SET updated_at = '2000-01-01T00:00:00+00:00' WHERE order_number = $1",
    )
    .bind(&placed.order_number)
    .execute(&pool)
    .await
    .expect("age");
    zerostep_server::reconcile::reconcile_once(&app.state.services)
        .await
        .expect("reconcile");
    let kinds: Vec<(String,)> = sqlx::query_as(
        "SELECT o.kind FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.order_number = $1 ORDER BY o.kind",
    )
    .bind(&placed.order_number)
    .fetch_all(&pool)
    .await
    .expect("outbox");
    assert_eq!(
        kinds.into_iter().map(|(k,)| k).collect::<Vec<_>>(),
        ["shop_notice", "thanks"]
    );
}
