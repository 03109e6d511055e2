//! 決済エラー履歴 (`GET /api/admin/payment-errors`): declined and failed card
//! attempts. They are not orders (与信が通った場合に注文が確定), so 受注一覧
//! leaves them out; here the merchant sees each with its time, amount,
//! Yamato's codes, e-mail and IP, which is also how card testing shows.

use axum::extract::State;
use axum::Json;
use zerostep_domain::api::admin::PaymentAttempt;

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::services::Services;
use crate::store::orders;

/// The 500 newest declined or failed attempts, newest first.
pub async fn payment_errors(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<PaymentAttempt>>, ApiError> {
    let rows = orders::payment_errors(&state.pool).await?;
    rows.into_iter()
        .map(|r| {
            let email = serde_json::from_str::<zerostep_domain::order::Buyer>(&r.buyer_json)
                .map(|b| b.email.to_string())
                .unwrap_or_default();
            Ok(PaymentAttempt {
                at: r.created_at,
                total: r.total,
                outcome: super::payment_status(&r.status, None)?.ja().to_owned(),
                error_code: r.error_code,
                credit_error_code: r.credit_error_code,
                email,
                ip: r.client_ip,
                receipt_no: r.receipt_no,
            })
        })
        .collect::<Result<_, _>>()
        .map(Json)
}
