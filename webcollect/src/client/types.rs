//! The requests and replies of the gateway's functions, typed.

use zerostep_domain::order::GatewayStatus;

use crate::three_d::{RiskData, ThreeDReturn};

/// 端末区分: which device the shopper used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceDiv {
    /// `1` スマートフォン.
    Smartphone,
    /// `2` パソコン.
    Pc,
}

impl DeviceDiv {
    /// The device a browser's `User-Agent` names: a smartphone when it says
    /// iPhone, Android, iPod or Mobile, else a PC.
    pub fn from_user_agent(user_agent: &str) -> DeviceDiv {
        let ua = user_agent.to_ascii_lowercase();
        if ["iphone", "android", "mobile", "ipod"]
            .iter()
            .any(|k| ua.contains(k))
        {
            DeviceDiv::Smartphone
        } else {
            DeviceDiv::Pc
        }
    }

    /// The `device_div` value (`1` or `2`).
    pub fn code(self) -> &'static str {
        match self {
            DeviceDiv::Smartphone => "1",
            DeviceDiv::Pc => "2",
        }
    }
}

/// 配送サービス: whose slip confirms the sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryService {
    /// `00` ヤマト運輸: a 12-digit Yamato slip; confirmed on the pickup scan.
    Yamato,
    /// `99` その他: another carrier or no delivery; any reference.
    Other,
}

impl DeliveryService {
    /// The `delivery_service_code`.
    pub fn code(self) -> &'static str {
        match self {
            DeliveryService::Yamato => "00",
            DeliveryService::Other => "99",
        }
    }
}

/// A08: authorize with a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditToken {
    /// 端末区分.
    pub device_div: DeviceDiv,
    /// 受付番号: ≤ 23 of `0-9 A-Z # - * / < > : @`, unique per merchant.
    pub order_no: String,
    /// 決済金額 in yen.
    pub settle_price: u64,
    /// 購入者名 (漢字).
    pub buyer_name_kanji: String,
    /// 購入者電話番号.
    pub buyer_tel: String,
    /// 購入者メールアドレス.
    pub buyer_email: String,
    /// 支払回数 (1 一括, 0 リボ, 2–24 分割).
    pub pay_way: u8,
    /// 商品名 (optional).
    pub goods_name: Option<String>,
    /// The token from `WebcollectTokenLib.createToken`.
    pub token: String,
    /// Test gateway only: force this error code.
    pub reserve_1: Option<String>,
}

/// What a 3-D Secure A08 adds: where the browser comes back to, and the
/// risk data the card brands ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeDRequest {
    /// `trader_ec_url`: `https://`, at most 128 characters, no query needed.
    pub trader_ec_url: String,
    /// The `x3ds2_*` fields.
    pub risk: RiskData,
}

/// What an A08 with 3-D Secure asked for answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum A08Reply {
    /// The token was not a 3-D Secure one: authorized at once.
    Authorized(Authorized),
    /// The cardholder must authenticate first: nothing is authorized yet.
    ThreeDSecure(ThreeDSecureStart),
}

/// An authentication under way: the page to show and the key A09 needs.
#[derive(Clone, PartialEq, Eq)]
pub struct ThreeDSecureStart {
    /// `threeDAuthHtml` without its CDATA markers: a whole HTML document
    /// (declared Shift_JIS) that must be the browser's top-level page.
    pub html: String,
    /// `threeDToken` (32 characters): the server-to-server secret of A09.
    pub three_d_token: String,
    /// `returnDate` (`yyyyMMddHHmmss`, JST).
    pub return_date: String,
}

impl std::fmt::Debug for ThreeDSecureStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreeDSecureStart")
            .field("html_bytes", &self.html.len())
            .field("return_date", &self.return_date)
            .finish_non_exhaustive()
    }
}

/// A09: authorize after the authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditToken3D {
    /// The 受付番号 the A08 used.
    pub order_no: String,
    /// The `threeDToken` the A08 answered (never from the browser).
    pub three_d_token: String,
    /// The browser's return POST, forwarded unchanged.
    pub result: ThreeDReturn,
    /// Test gateway only: force this error code.
    pub reserve_1: Option<String>,
}

/// A successful A08 or A09.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorized {
    /// 与信承認番号.
    pub crd_c_res_cd: String,
    /// `returnDate` (`yyyyMMddHHmmss`, JST).
    pub return_date: String,
}

/// A successful E01.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentEntered {
    /// Tracking URL for PCs (Yamato slips only).
    pub slip_url_pc: Option<String>,
    /// Tracking URL for phones (Yamato slips only).
    pub slip_url_mobile: Option<String>,
}

/// One transaction as E04 reports it (the fields Zerostep uses, and the rest raw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TradeInfo {
    /// 受付番号.
    pub order_no: String,
    /// 取引状況 (`statusInfo`): 4 与信完了, 17 金額変更NG, 30 精算確定待ち, 31 精算確定, 40 取消, ….
    pub status_info: u8,
    /// Current amount.
    pub settle_price: u64,
    /// 与信承認番号.
    pub crd_c_res_cd: Option<String>,
    /// Registered slip numbers.
    pub slip_nos: Vec<String>,
    /// Every element of the `resultData` group, as sent.
    pub raw: Vec<(String, String)>,
}

impl TradeInfo {
    /// The 取引状況 as a [`GatewayStatus`].
    pub fn status(&self) -> GatewayStatus {
        GatewayStatus::from_code(self.status_info)
    }
}
