//! 受注一覧's search finds people as they are typed (issue 22): the name
//! with an ASCII space, a full-width space or none, in kanji or kana, the
//! e-mail in any case, the phone with or without hyphens, 注文番号 and
//! 受付番号; and orders written before the search kept its text.

use serde_json::Value;

use crate::helpers::{card_order, AdminSession};

/// The 注文番号 the list finds for `q`.
async fn found(admin: &AdminSession, q: &str) -> Vec<String> {
    let encoded: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
    let list: Value = admin
        .get(&format!("/api/admin/orders?q={encoded}"))
        .await
        .json()
        .await
        .expect("json");
    list.as_array()
        .expect("a list")
        .iter()
        .map(|row| row["order_number"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn assert_found_by(admin: &AdminSession, number: &str, queries: &[&str]) {
    for q in queries {
        assert!(
            found(admin, q).await.iter().any(|n| n == number),
            "{q:?} finds {number}"
        );
    }
}

#[tokio::test]
async fn the_order_list_finds_a_buyer_however_the_merchant_types_them() {
    let app = crate::helpers::spawn_app().await;
    let admin = app.login_admin().await;
    // 山田 太郎 (ヤマダ タロウ), taro@example.jp, 090-1234-5678.
    let number = card_order(&app, "4111111111111111").await;
    let receipt = app.order_row(&number).await.1;
    let plain_number = number.replace('-', "");
    assert_found_by(
        &admin,
        &number,
        &[
            "山田 太郎",
            "山田　太郎",
            "山田太郎",
            " 太郎 ",
            "やまだ たろう",
            "ヤマダ　タロウ",
            "やまだ",
            "TARO@Example.JP",
            "ｔａｒｏ＠ｅｘａｍｐｌｅ",
            "090-1234-5678",
            "09012345678",
            "０９０ー１２３４ー５６７８",
            &number,
            &plain_number,
            &receipt,
        ],
    )
    .await;
    for miss in ["山田 次郎", "鈴木", "たなか"] {
        assert!(
            found(&admin, miss).await.is_empty(),
            "{miss:?} finds nothing"
        );
    }
}

#[tokio::test]
async fn orders_written_before_the_search_text_are_found_after_a_start() {
    let app = crate::helpers::spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    let pool = app.pool().await;
    sqlx::query("UPDATE orders SET search_text = ''")
        .execute(&pool)
        .await
        .expect("as before migration 27");
    assert!(found(&admin, "やまだ").await.is_empty());
    let filled = zerostep_server::store::orders::index_for_search(&pool)
        .await
        .expect("filled in");
    assert!(filled >= 1);
    assert_eq!(found(&admin, "やまだ たろう").await, vec![number]);
}
