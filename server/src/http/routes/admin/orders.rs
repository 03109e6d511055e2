//! 受注一覧 and 受注明細: `GET /api/admin/orders` with its filters, and
//! `GET /api/admin/orders/{number}` with the API operation history.

use crate::auth::AdminUser;
use zerostep_domain::api::three_d::ThreeDSecureResult;
use zerostep_domain::api::{ErrorCode, Text};

use crate::error::ApiError;
use crate::http::error::{ApiPath, ApiQuery};
use crate::messages;
use crate::services::Services;
use crate::store::orders::{self, OrderListFilter};
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use zerostep_domain::api::admin::{Operation, OrderDetail, OrderRow};
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::status::parse_stored;
use zerostep_domain::order::{GatewayStatus, OrderStatus, PaymentStatus};

/// `GET /api/admin/orders` filters.
#[derive(Deserialize)]
pub struct OrderFilter {
    /// 注文番号, 受付番号 or part of the buyer's name / e-mail.
    q: Option<String>,
    /// `card` or `bank_transfer`.
    payment_method: Option<String>,
    /// Payment status (an empty value: any).
    #[serde(default, deserialize_with = "empty_as_none")]
    status: Option<PaymentStatus>,
    /// Ordered on or after this date (`YYYY-MM-DD`).
    from: Option<String>,
    /// Ordered on or before this date (`YYYY-MM-DD`).
    to: Option<String>,
}

/// The UTC instant (as stored) at which the JST day `date` (`YYYY-MM-DD`),
/// plus `days`, begins; `None` for no date.
fn jst_day_start(date: Option<&str>, days: i64) -> Result<Option<String>, ApiError> {
    let Some(date) = date.filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| ApiError::refused(ErrorCode::InvalidQuery, messages::invalid_date(date)))?;
    Ok(crate::store::time::jst_day_start(day, days))
}

/// The order list, newest first.
pub async fn orders(
    State(state): State<Services>,
    _user: AdminUser,
    ApiQuery(f): ApiQuery<OrderFilter>,
) -> Result<Json<Vec<OrderRow>>, ApiError> {
    let like =
        f.q.as_deref()
            .map(zerostep_domain::search::normalize)
            .filter(|q| !q.is_empty())
            .map(|q| format!("%{q}%"));
    let rows = orders::list(
        &state.pool,
        &OrderListFilter {
            like: like.as_deref(),
            payment_method: f.payment_method.as_deref().filter(|v| !v.is_empty()),
            payment_status: f.status,
            from: jst_day_start(f.from.as_deref(), 0)?,
            to: jst_day_start(f.to.as_deref(), 1)?,
        },
    )
    .await?;
    let shop = state.shop().await?;
    Ok(Json(
        rows.into_iter()
            .map(
                |(
                    order_number,
                    receipt_no,
                    created_at,
                    buyer_json,
                    total,
                    payment_method,
                    payment_name,
                    status,
                    gw,
                )| {
                    let buyer = serde_json::from_str::<zerostep_domain::order::Buyer>(&buyer_json)
                        .map(|b| b.name.full())
                        .unwrap_or_default();
                    let payment_status = super::payment_status(&status, gw)?;
                    // The name the order was placed with; older orders, the name today.
                    let payment_name = payment_name
                        .or_else(|| shop.payment_method(&payment_method).map(|m| m.name.clone()));
                    Ok(OrderRow {
                        payment_name,
                        order_number,
                        receipt_no,
                        created_at,
                        buyer,
                        total,
                        payment_method,
                        payment_status: payment_status.ja().to_owned(),
                        payment_status_en: payment_status.en().to_owned(),
                    })
                },
            )
            .collect::<Result<_, ApiError>>()?,
    ))
}

/// An order with its history.
pub async fn order(
    State(state): State<Services>,
    _user: AdminUser,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<OrderDetail>, ApiError> {
    let row = orders::detail(&state.pool, &number)
        .await?
        .ok_or(ApiError::refused(
            ErrorCode::NotFound,
            messages::no_such_order(),
        ))?;
    let operations = crate::store::gateway_operations::history(&state.pool, row.id).await?;
    let shop = state.shop().await?;
    // The name the order was placed with; older orders, the name today.
    let payment_name = row.payment_name.or_else(|| {
        shop.payment_method(&row.payment_method)
            .map(|m| m.name.clone())
    });
    let json = |s: &str| serde_json::from_str(s).unwrap_or(serde_json::Value::Null);
    let delivery = json(&row.delivery_json);
    let delivery_method_name = delivery["method"]
        .as_str()
        .and_then(|code| shop.delivery_method_name(code))
        .map(str::to_owned);
    let hold_days = i64::from(state.config.gateway.hold_days);
    let (status, gw) = parse_stored(&row.status, row.gateway_status).map_err(ApiError::internal)?;
    let payment = PaymentStatus::of(status, gw);
    let authorized = status == OrderStatus::Authorized;
    let hold_days_left = row
        .authorized_at
        .as_deref()
        .and_then(|a| DateTime::parse_from_rfc3339(a).ok())
        .filter(|_| authorized && gw == Some(GatewayStatus::Authorized))
        .map(|a| hold_days - (Utc::now() - a.with_timezone(&Utc)).num_days());
    let card_ok = row.payment_method == PaymentMethodCode::Card.as_str() && authorized;
    let slip_no = row.slip_no;
    let shipping_notice_sent_at = match &slip_no {
        // Stored as UTC `YYYY-MM-DD HH:MM:SS`; sent as RFC 3339 like the other instants.
        Some(slip) => crate::store::outbox::shipping_notice_queued_at(&state.pool, row.id, slip)
            .await?
            .map(|at| {
                chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%d %H:%M:%S")
                    .map(|t| t.and_utc().to_rfc3339())
                    .unwrap_or(at)
            }),
        None => None,
    };
    let three_d_secure = crate::store::three_d_sessions::find_by_order(&state.pool, row.id)
        .await?
        .and_then(|s| {
            Some(ThreeDSecureResult {
                state: s.stage()?,
                result_code: s.result_code,
            })
        });
    let (cancel_unavailable, change_amount_unavailable) = operation_limits(status, gw);
    Ok(Json(OrderDetail {
        cancel_unavailable,
        change_amount_unavailable,
        three_d_secure,
        shipping_notice_sent_at,
        shipping_notice: shop.profile().shipping_notice,
        can_register_slip: card_ok && slip_no.is_none() && gw == Some(GatewayStatus::Authorized),
        can_reauthorize: card_ok && slip_no.is_none() && gw == Some(GatewayStatus::Authorized),
        can_undo_cancel: card_ok && slip_no.is_none() && gw == Some(GatewayStatus::Cancelled),
        can_withdraw_slip: card_ok
            && slip_no.is_some()
            && gw == Some(GatewayStatus::AwaitingSettlement),
        order_number: row.order_number,
        receipt_no: row.receipt_no,
        status,
        payment_status: payment.ja().to_owned(),
        payment_status_en: payment.en().to_owned(),
        payment_method: row.payment_method,
        payment_name,
        pay_way: row.pay_way,
        total: row.total,
        crd_c_res_cd: row.crd_c_res_cd,
        slip_no,
        last_reauth_at: row.last_reauth_at,
        hold_days_left,
        quote: json(&row.quote_json),
        buyer: json(&row.buyer_json),
        recipient: row.recipient_json.as_deref().map(json),
        delivery,
        delivery_method_name,
        operations: operations
            .into_iter()
            .map(
                |(at, function_div, actor, outcome, error_code, credit_error_code)| Operation {
                    at,
                    function_div,
                    actor,
                    outcome,
                    error_code,
                    credit_error_code,
                },
            )
            .collect(),
    }))
}

/// A query value that may be sent empty (a form's 「すべて」): empty is none.
fn empty_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let text = Option::<String>::deserialize(deserializer)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => value.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// Why 取消 (A06) and 金額変更 (A07) are not offered for a card order in
/// this state, as the gateway allows them (protocol §7: A06 from 与信完了,
/// 金額変更NG and 精算確定待ち; A07 from those and 精算確定; neither once
/// cancelled or never authorized); `None` where it is offered.
fn operation_limits(
    status: OrderStatus,
    gw: Option<GatewayStatus>,
) -> (Option<Text>, Option<Text>) {
    let both = |text: fn() -> Text| (Some(text()), Some(text()));
    match gw {
        Some(GatewayStatus::Cancelled) => both(messages::payment_is_cancelled),
        _ if status != OrderStatus::Authorized => both(messages::payment_not_held),
        Some(
            GatewayStatus::Authorized
            | GatewayStatus::AmountChangeFailed
            | GatewayStatus::AwaitingSettlement,
        ) => (None, None),
        Some(GatewayStatus::Settled) => (Some(messages::settled_not_cancellable()), None),
        _ => both(messages::payment_not_held),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_and_amount_change_are_offered_where_the_gateway_allows_them() {
        use GatewayStatus as G;
        let offered = |gw| {
            let (cancel, change) = operation_limits(OrderStatus::Authorized, Some(gw));
            (cancel.is_none(), change.is_none())
        };
        for open in [G::Authorized, G::AmountChangeFailed, G::AwaitingSettlement] {
            assert_eq!(offered(open), (true, true), "{open:?}");
        }
        assert_eq!(offered(G::Settled), (false, true));
        for closed in [G::Cancelled, G::Interrupted, G::InProgress, G::Other(11)] {
            assert_eq!(offered(closed), (false, false), "{closed:?}");
        }
        let (cancel, change) = operation_limits(OrderStatus::PendingReview, None);
        assert_eq!((cancel.is_some(), change.is_some()), (true, true));
    }
}
