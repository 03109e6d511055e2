//! 3-D Secure authentications (`three_d_sessions`) and the card method's
//! 3-D Secure setting. A session moves `pending` → `a09_sent` (claimed by
//! exactly one return POST) → `authorized` / `failed`, or `pending` →
//! `abandoned` when the shopper never comes back.

use zerostep_domain::api::three_d::AuthenticationState;

use crate::store::Pool;

const PENDING: AuthenticationState = AuthenticationState::Pending;

/// The card method's 3-D Secure setting: the `authDiv` of its tokens when
/// payments are authenticated (`3` or `1`), `None` when they are not.
pub async fn setting(pool: &Pool) -> Result<Option<String>, sqlx::Error> {
    Ok(stored_setting(pool)
        .await?
        .and_then(|(on, div)| on.then_some(div)))
}

/// The setting as stored: on or off, and the authDiv kept either way.
pub async fn stored_setting(pool: &Pool) -> Result<Option<(bool, String)>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT three_d_secure, three_d_auth_div FROM payment_methods WHERE code = 'card'",
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(on, div)| (on != 0, div)))
}

/// Saves the setting: `Some(auth_div)` authenticates with that `authDiv`.
pub async fn save_setting(pool: &Pool, auth_div: Option<&str>) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    save_setting_in(&mut tx, auth_div).await?;
    tx.commit().await
}

/// [`save_setting`] inside the card settings' transaction.
pub async fn save_setting_in(
    tx: &mut crate::store::Transaction,
    auth_div: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut query = String::from("UPDATE payment_methods SET three_d_secure = $1");
    if auth_div.is_some() {
        query.push_str(", three_d_auth_div = $2 WHERE code = 'card'");
    } else {
        query.push_str(" WHERE code = 'card'");
    }
    let mut q = sqlx::query(&query).bind(i64::from(auth_div.is_some()));
    if let Some(div) = auth_div {
        q = q.bind(div);
    }
    q.execute(&mut **tx).await.map(|_| ())
}

/// A session as the return needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub order_id: i64,
    pub idempotency_key: String,
    /// The card attempt the order claimed (forgotten once authorized).
    pub attempt_id: Option<i64>,
    pub three_d_token: String,
    pub state: String,
    pub result_code: Option<String>,
    pub created_at: String,
    /// The order's 受付番号.
    pub receipt_no: String,
    /// The order's 注文番号.
    pub order_number: String,
}

impl SessionRow {
    /// Where the authentication stands (`None` only for a row no code writes).
    pub fn stage(&self) -> Option<AuthenticationState> {
        AuthenticationState::from_wire(&self.state)
    }
}

/// A session with its order's numbers; the statements add their `WHERE`.
const SELECT_SESSION: &str =
    "SELECT s.id, s.order_id, s.idempotency_key, s.attempt_id, s.three_d_token, s.state,
        s.result_code, s.created_at, o.receipt_no, o.order_number
 FROM three_d_sessions s JOIN orders o ON o.id = s.order_id";

/// A session just started.
pub struct NewSession<'a> {
    pub id: &'a str,
    pub order_id: i64,
    pub idempotency_key: &'a str,
    pub attempt_id: Option<i64>,
    pub three_d_token: &'a str,
    pub start_html: &'a str,
}

/// Records a session `pending`.
pub async fn insert(pool: &Pool, s: &NewSession<'_>) -> Result<(), sqlx::Error> {
    let now = crate::store::time::now();
    sqlx::query(
        "INSERT INTO three_d_sessions (id, order_id, idempotency_key, attempt_id, three_d_token, start_html, state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(s.id)
    .bind(s.order_id)
    .bind(s.idempotency_key)
    .bind(s.attempt_id)
    .bind(s.three_d_token)
    .bind(s.start_html)
    .bind(PENDING.as_str())
    .bind(&now)
    .execute(pool)
    .await
    .map(|_| ())
}

/// The session `id`, with its order's numbers.
pub async fn find(pool: &Pool, id: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_SESSION} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The session of order `order_id`, if it was authenticated.
pub async fn find_by_order(pool: &Pool, order_id: i64) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_SESSION} WHERE s.order_id = $1"))
        .bind(order_id)
        .fetch_optional(pool)
        .await
}

/// The page that starts the session, while it is pending.
pub async fn start_html(pool: &Pool, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT start_html FROM three_d_sessions WHERE id = $1 AND state = $2")
        .bind(id)
        .bind(PENDING.as_str())
        .fetch_optional(pool)
        .await
}

/// Moves the session from one state to another; false when it was not in
/// `from` (another request got there first).
pub async fn advance(
    pool: &Pool,
    id: &str,
    from: AuthenticationState,
    to: AuthenticationState,
    result_code: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE three_d_sessions SET state = $1, result_code = COALESCE($2, result_code), updated_at = $3
         WHERE id = $4 AND state = $5",
    )
    .bind(to.as_str())
    .bind(result_code)
    .bind(crate::store::time::now())
    .bind(id)
    .bind(from.as_str())
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sessions still pending that started before `before`: the shopper left.
pub async fn pending_before(pool: &Pool, before: &str) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_SESSION} WHERE s.state = $2 AND s.created_at < $1 ORDER BY s.created_at"
    ))
    .bind(before)
    .bind(PENDING.as_str())
    .fetch_all(pool)
    .await
}
