//! EMV 3-D Secure as the merchant reads it on an order (受注明細): where the
//! cardholder's authentication stands, and the issuer's 4-digit result in
//! words (reference/webcollect-3ds.md §8.3).

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

wire_enum! {
    /// Where an order's authentication stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum AuthenticationState {
        /// The shopper is on the issuer's pages.
        Pending => "pending",
        /// The result came back; A09's answer is awaited (or was lost).
        Sent => "a09_sent",
        /// Authenticated and authorized.
        Authorized => "authorized",
        /// Failed, cancelled, or declined after it.
        Failed => "failed",
        /// The shopper never came back.
        Abandoned => "abandoned",
    }
}

impl AuthenticationState {
    /// In Japanese, as the admin shows it.
    pub fn ja(self) -> &'static str {
        match self {
            AuthenticationState::Pending => "本人認証中",
            AuthenticationState::Sent => "認証結果の確認中",
            AuthenticationState::Authorized => "認証済み・与信完了",
            AuthenticationState::Failed => "認証または与信ができませんでした",
            AuthenticationState::Abandoned => "中断（購入者が戻りませんでした）",
        }
    }

    /// In English.
    pub fn en(self) -> &'static str {
        match self {
            AuthenticationState::Pending => "authenticating",
            AuthenticationState::Sent => "result being confirmed",
            AuthenticationState::Authorized => "authenticated and authorized",
            AuthenticationState::Failed => "authentication or authorization failed",
            AuthenticationState::Abandoned => "abandoned by the shopper",
        }
    }
}

wire_enum! {
    /// The authDiv of card tokens when payments are authenticated.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ThreeDAuthDiv {
        /// 3Dセキュア and the security code.
        WithSecurityCode => "3",
        /// 3Dセキュア only.
        WithoutSecurityCode => "1",
    }
}

/// `GET` / `PUT /api/admin/settings/three-d-secure`: 3Dセキュア 利用する /
/// 利用しない, and the authDiv of the tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ThreeDSecureSetting {
    /// 利用する.
    pub enabled: bool,
    /// With or without the security code.
    pub auth_div: ThreeDAuthDiv,
}

impl ThreeDSecureSetting {
    /// The `authDiv` tokens are made with when it is on; `None` when off.
    pub fn auth_div_when_on(&self) -> Option<&'static str> {
        self.enabled.then(|| self.auth_div.as_str())
    }
}

/// An order's 3-D Secure authentication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreeDSecureResult {
    /// Where it stands.
    pub state: AuthenticationState,
    /// The issuer's result (`CRD_RES_CD`, `0000` authenticated), once it came back.
    pub result_code: Option<String>,
}

/// The issuer's 4-digit result in words, Japanese and English.
pub fn result_text(code: &str) -> (&'static str, &'static str) {
    match code {
        "0000" | "0001" => ("認証成功", "authenticated"),
        "0002" => ("認証失敗またはキャンセル", "failed or cancelled"),
        "0003" | "0004" => ("アテンプト（認証を試行）", "attempted"),
        "0005" | "0998" => ("3Dセキュア対象外のブランド", "brand outside 3-D Secure"),
        "0006" => ("未参加（認証を迂回）", "not enrolled (bypassed)"),
        "0007" | "0008" | "0009" | "0010" => ("認証実行不能", "authentication could not run"),
        "0011" | "0012" => ("署名検証失敗", "signature not verified"),
        _ => ("その他", "other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_keep_their_stored_names_and_results_read_in_words() {
        let names: Vec<&str> = AuthenticationState::ALL
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(
            names,
            ["pending", "a09_sent", "authorized", "failed", "abandoned"]
        );
        for state in AuthenticationState::ALL {
            assert!(!state.ja().is_empty() && !state.en().is_empty());
        }
        assert_eq!(result_text("0000").0, "認証成功");
        assert_eq!(result_text("0006").1, "not enrolled (bypassed)");
        assert_eq!(result_text("9999").0, "その他");
    }
}
