//! The token side: `embeddedTokenLib.js`, and the endpoint it posts card data
//! to. Error codes follow the `Y02 1 01 <item> <check>` grammar the reference
//! infers from the six public codes (§3.6); `errorItem` names the field.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Datelike, Utc};
use rand::distr::{Alphanumeric, SampleString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cards::{is_dummy, luhn_ok};
use crate::state::{jst, TokenRecord};
use crate::Shared;

/// The token library's source.
pub const TOKEN_JS: &str = include_str!("assets/embeddedTokenLib.js");

/// `GET …/token/js/embeddedTokenLib.js`.
pub async fn token_js() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/javascript; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        TOKEN_JS,
    )
}

/// What `createToken` sends (the `createTokenInfo` fields).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TokenRequest {
    trader_code: String,
    auth_div: String,
    opt_serv_div: String,
    member_id: String,
    auth_key: String,
    check_sum: String,
    card_no: String,
    card_owner: String,
    card_exp: String,
    security_code: String,
}

/// One entry of `errorInfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// `Y…` code.
    pub error_code: String,
    /// Japanese message.
    pub error_msg: String,
    /// The `createTokenInfo` field at fault.
    pub error_item: String,
}

/// The endpoint's answer: `{token}` or `{errorInfo: [...]}`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum TokenResponse {
    /// Issued.
    Token {
        /// 16 alphanumerics.
        token: String,
    },
    /// Refused.
    Errors {
        /// Why, per field.
        #[serde(rename = "errorInfo")]
        error_info: Vec<ErrorInfo>,
    },
}

fn error(item_no: &str, check: &str, item: &str, label: &str, problem: &str) -> ErrorInfo {
    ErrorInfo {
        error_code: format!("Y02101{item_no}{check}"),
        error_msg: format!("{label}{problem}"),
        error_item: item.to_owned(),
    }
}

/// The checkSum the token call must carry: lowercase hex SHA-256 of
/// `memberId + authKey + accessKey + authDiv` (§3.3).
pub fn check_sum(member_id: &str, auth_key: &str, access_key: &str, auth_div: &str) -> String {
    let digest = Sha256::digest(format!("{member_id}{auth_key}{access_key}{auth_div}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Validates a token request; on success returns nothing, else every error.
pub fn validate(
    req: &TokenRequest,
    access_key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), Vec<ErrorInfo>> {
    // Settings errors: the first one ends the check.
    if req.trader_code.is_empty() {
        return Err(vec![error(
            "01",
            "01",
            "traderCode",
            "加盟店コード",
            "が未入力です。",
        )]);
    }
    let Some(access_key) = access_key else {
        return Err(vec![error(
            "01",
            "06",
            "traderCode",
            "加盟店コード",
            "が登録されていません。",
        )]);
    };
    match req.auth_div.as_str() {
        "" => {
            return Err(vec![error(
                "02",
                "01",
                "authDiv",
                "認証区分",
                "が未入力です。",
            )])
        }
        "0" | "1" | "2" | "3" => {}
        _ => {
            return Err(vec![error(
                "02",
                "06",
                "authDiv",
                "認証区分",
                "の値が不正です。",
            )])
        }
    }
    match req.opt_serv_div.as_str() {
        "" => {
            return Err(vec![error(
                "03",
                "01",
                "optServDiv",
                "オプションサービス区分",
                "が未入力です。",
            )])
        }
        "00" => {}
        "01" => {
            return Err(vec![error(
                "03",
                "71",
                "optServDiv",
                "オプションサービス区分",
                "：オプションサービスの契約がありません。",
            )])
        }
        _ => {
            return Err(vec![error(
                "03",
                "06",
                "optServDiv",
                "オプションサービス区分",
                "の値が不正です。",
            )])
        }
    }
    if req.check_sum.is_empty() {
        return Err(vec![error(
            "06",
            "01",
            "checkSum",
            "チェックサム",
            "が未入力です。",
        )]);
    }
    if req.check_sum != check_sum(&req.member_id, &req.auth_key, access_key, &req.auth_div) {
        return Err(vec![error(
            "06",
            "06",
            "checkSum",
            "チェックサム",
            "が一致しません。",
        )]);
    }

    // Card errors: one per field, all reported at once.
    let mut errors = Vec::new();
    let card = &req.card_no;
    if card.is_empty() {
        errors.push(error("09", "01", "cardNo", "カード番号", "が未入力です。"));
    } else if !card.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(error(
            "09",
            "04",
            "cardNo",
            "カード番号",
            "に数字以外の文字が含まれています。",
        ));
    } else if !(12..=16).contains(&card.len()) {
        errors.push(error(
            "09",
            "02",
            "cardNo",
            "カード番号",
            "の桁数が不正です。",
        ));
    } else if !(luhn_ok(card) || is_dummy(card)) {
        errors.push(error(
            "09",
            "71",
            "cardNo",
            "カード番号",
            "が正しくありません。",
        ));
    }

    let owner = &req.card_owner;
    if owner.trim().is_empty() {
        errors.push(error(
            "10",
            "01",
            "cardOwner",
            "カード名義",
            "が未入力です。",
        ));
    } else if !owner
        .chars()
        .all(|c| c.is_ascii_alphabetic() || " -.,".contains(c))
    {
        errors.push(error(
            "10",
            "04",
            "cardOwner",
            "カード名義",
            "は半角英字で入力してください。",
        ));
    } else if owner.len() > 25 {
        errors.push(error(
            "10",
            "02",
            "cardOwner",
            "カード名義",
            "は25文字以内で入力してください。",
        ));
    }

    let exp = &req.card_exp;
    if exp.is_empty() {
        errors.push(error("11", "01", "cardExp", "有効期限", "が未入力です。"));
    } else {
        let month = exp.get(0..2).and_then(|m| m.parse::<u32>().ok());
        let year = exp.get(2..4).and_then(|y| y.parse::<i32>().ok());
        match (
            exp.len(),
            exp.bytes().all(|b| b.is_ascii_digit()),
            month,
            year,
        ) {
            (4, true, Some(m @ 1..=12), Some(y)) => {
                let today = now.with_timezone(&jst());
                let (this_year, this_month) = (today.year(), today.month());
                if (2000 + y, m) < (this_year, this_month) {
                    errors.push(error("11", "71", "cardExp", "有効期限", "が過ぎています。"));
                }
            }
            _ => errors.push(error(
                "11",
                "05",
                "cardExp",
                "有効期限",
                "の形式が不正です（MMYY）。",
            )),
        }
    }

    // 2 and 3 ask for the security code; 1 and 3 for 3-D Secure (the token
    // carries that choice to A08, webcollect-3ds.md §2.1).
    if matches!(req.auth_div.as_str(), "2" | "3") {
        let code = &req.security_code;
        if code.is_empty() {
            errors.push(error(
                "13",
                "01",
                "securityCode",
                "セキュリティコード",
                "が未入力です。",
            ));
        } else if !code.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(error(
                "13",
                "04",
                "securityCode",
                "セキュリティコード",
                "に数字以外の文字が含まれています。",
            ));
        } else if !(3..=4).contains(&code.len()) {
            errors.push(error(
                "13",
                "02",
                "securityCode",
                "セキュリティコード",
                "の桁数が不正です。",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// `POST …/token/issue`: validates and issues a 16-character, single-use
/// token valid for 30 minutes.
pub async fn issue(State(shared): State<Shared>, body: axum::body::Bytes) -> Json<TokenResponse> {
    let req: TokenRequest = match serde_json::from_slice(&body) {
        Ok(req) => req,
        Err(_) => {
            return Json(TokenResponse::Errors {
                error_info: vec![ErrorInfo {
                    error_code: "Z019999999".to_owned(),
                    error_msg: "リクエストの形式が不正です。".to_owned(),
                    error_item: String::new(),
                }],
            })
        }
    };
    let access_key = shared
        .config
        .trader(&req.trader_code)
        .map(|t| t.access_key.as_str());
    let mut state = shared.lock();
    let now = state.clock.now();
    if let Err(error_info) = validate(&req, access_key, now) {
        return Json(TokenResponse::Errors { error_info });
    }
    state.tokens.retain(|_, t| t.kept_at(now));
    let token = Alphanumeric.sample_string(&mut rand::rng(), 16);
    state.tokens.insert(
        token.clone(),
        TokenRecord {
            trader: req.trader_code,
            card_no: req.card_no,
            card_exp: req.card_exp,
            auth_div: req.auth_div,
            issued_at: now,
            used: false,
        },
    );
    Json(TokenResponse::Token { token })
}

#[cfg(test)]
mod tests;
