//! The shop's purchase-page settings: payment methods (seed section 3),
//! delivery methods with their accepted payment methods (対応可能な支払方法),
//! and shipping fees. Defaults are seeded so a new shop works at once; the
//! admin screens edit the same tables.

pub use crate::store::catalogue;

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use zerostep_domain::checkout::{
    CartType, DeliveryDate, DeliveryMethodInfo, PaymentMethodCode, PaymentMethodInfo, ShippingRule,
    TimeSlot, CARD_LIMIT,
};
use zerostep_domain::{Prefecture, Product, Sku, Yen};

use zerostep_domain::api::admin::ShippingNoticeMode;
use zerostep_domain::merchant::{AccessKey, Channel};

use crate::error::ApiError;
use crate::store::catalogue::ProductRow;
use crate::store::shop_profile;
use crate::store::shop_settings::{self, PaymentRow};

/// How many days past the earliest one a shopper may choose.
const DATE_WINDOW_DAYS: i64 = 14;

/// The demo shop's name, given to a new shop with the demo's settings (the
/// merchant renames it in 基本設定).
const DEMO_SHOP_NAME: &str = "Zerostep 茶舗";

/// Inserts the default settings when the shop has none (a 宅配便 with the
/// demo's fees, the demo's name). Returns whether it did.
pub async fn seed_defaults(pool: &crate::store::Pool) -> Result<bool, sqlx::Error> {
    let fees: Vec<(i64, Option<i64>)> = Prefecture::all()
        .map(|p| (i64::from(p.code()), default_fee(p)))
        .collect();
    shop_settings::seed_defaults(pool, &fees, DEMO_SHOP_NAME).await
}

/// 基本設定 as the pages and mails use it.
#[derive(Debug, Clone)]
pub struct Profile {
    /// カートタイプ.
    pub cart_type: CartType,
    /// ショップ名 (empty until named).
    pub shop_name: String,
    /// メール署名 as saved (empty: the shop name).
    pub mail_signature: String,
    /// サンクスメールの冒頭文 as saved (empty: the standard wording).
    pub thanks_message: String,
    /// 配送通知メールの冒頭文 as saved (empty: the standard wording).
    pub shipping_message: String,
    /// When the 配送通知メール goes out.
    pub shipping_notice: ShippingNoticeMode,
}

impl Profile {
    fn from_row(r: shop_profile::ProfileRow) -> Self {
        // A value the table's check let through but this build does not
        // know (a newer build's) reads as the default.
        Profile {
            cart_type: CartType::from_wire(&r.cart_type).unwrap_or_default(),
            shop_name: r.shop_name,
            mail_signature: r.mail_signature,
            thanks_message: r.thanks_message,
            shipping_message: r.shipping_message,
            shipping_notice: ShippingNoticeMode::from_wire(&r.shipping_notice).unwrap_or_default(),
        }
    }

    /// What the mails to shoppers say of the shop.
    pub fn mail_texts(&self) -> crate::mail::MailTexts {
        crate::mail::MailTexts::new(
            &self.shop_name,
            &self.mail_signature,
            &self.thanks_message,
            &self.shipping_message,
        )
    }
}

/// The demo's tax-included 宅配便 fees by region; Okinawa is 別途連絡 (remote area).
fn default_fee(prefecture: Prefecture) -> Option<i64> {
    match prefecture.code() {
        1 => Some(1_320),
        2..=7 => Some(990),
        8..=24 => Some(880),
        25..=30 => Some(935),
        31..=39 => Some(990),
        40..=46 => Some(1_100),
        _ => None,
    }
}

/// A delivery method as stored, with the payment methods it accepts.
#[derive(Debug, Clone)]
struct DeliveryRow {
    code: String,
    name: String,
    name_en: Option<String>,
    lead_days: i64,
    free_shipping_from: Option<i64>,
    accepts: Vec<PaymentMethodCode>,
}

/// The shop's settings as the purchase page, pricing and the gateway client
/// read them: payment and delivery methods, shipping fees, the products on
/// sale, and the 加盟店コード and アクセスキー saved in the admin. Loaded together
/// and kept in memory by [`ShopCache`] until the settings change.
#[derive(Debug)]
pub struct Shop {
    revision: i64,
    payment_methods: Vec<PaymentMethodInfo>,
    card_pay_ways: Vec<u8>,
    delivery_methods: Vec<DeliveryRow>,
    /// (delivery method, prefecture code) → fee; `None` is 別途連絡.
    fees: HashMap<(String, u8), Option<i64>>,
    products: Vec<ProductRow>,
    /// SKU → index in `products`.
    product_index: HashMap<String, usize>,
    access_key: Option<AccessKey>,
    trader_code: Option<String>,
    profile: Profile,
    /// The card tokens' authDiv when payments are authenticated with 3-D Secure.
    three_d_auth_div: Option<String>,
    /// Failed card attempts, shop-wide, from which card orders need a proof of work.
    challenge_after: i64,
}

impl Shop {
    /// Reads every setting, labelled with `revision` (read before them, so
    /// the settings are at least that new).
    async fn load(
        pool: &crate::store::Pool,
        sealer: &crate::store::sealed::Sealer,
        revision: i64,
    ) -> Result<Shop, ApiError> {
        let rows = shop_settings::payment_methods(pool).await?;
        let card_pay_ways = card_pay_ways(
            rows.iter()
                .find(|r| r.code == PaymentMethodCode::Card.as_str())
                .map_or("", |r| r.pay_ways.as_str()),
        );
        let payment_methods = rows
            .into_iter()
            .map(payment_method)
            .collect::<Result<_, _>>()?;
        let methods = shop_settings::delivery_methods(pool).await?;
        let links = shop_settings::delivery_method_payments(pool).await?;
        let delivery_methods = methods
            .into_iter()
            .map(|m| DeliveryRow {
                accepts: links
                    .iter()
                    .filter(|(d, _)| *d == m.code)
                    .filter_map(|(_, p)| PaymentMethodCode::from_wire(p))
                    .collect(),
                code: m.code,
                name: m.name,
                name_en: blank_to_none(m.name_en),
                lead_days: m.lead_days,
                free_shipping_from: m.free_shipping_from,
            })
            .collect();
        let fee_rows = shop_settings::shipping_fees(pool).await?;
        let fees = fee_rows
            .into_iter()
            .filter_map(|(code, prefecture, fee)| {
                Some(((code, u8::try_from(prefecture).ok()?), fee))
            })
            .collect();
        let products = crate::shop::catalogue::load_on_sale(pool).await?;
        let product_index = products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.sku().to_owned(), i))
            .collect();
        // A stored key that breaks the rule is ignored (the configured one is used).
        let access_key = shop_settings::saved_access_key(pool, sealer)
            .await?
            .and_then(|key| AccessKey::parse(&key).ok());
        let trader_code = shop_settings::saved_trader_code(pool).await?;
        let profile = Profile::from_row(shop_profile::profile(pool).await?);
        let three_d_auth_div = crate::store::three_d_sessions::setting(pool).await?;
        let challenge_after = crate::store::card_guard::challenge_after(pool).await?;
        Ok(Shop {
            revision,
            payment_methods,
            card_pay_ways,
            delivery_methods,
            fees,
            products,
            product_index,
            access_key,
            trader_code,
            profile,
            three_d_auth_div,
            challenge_after,
        })
    }

    /// Payment methods, in display order.
    pub fn payment_methods(&self) -> &[PaymentMethodInfo] {
        &self.payment_methods
    }

    /// Delivery methods with their dates from `today` (JST) and time slots.
    pub fn delivery_methods(&self, today: NaiveDate) -> Vec<DeliveryMethodInfo> {
        self.delivery_methods
            .iter()
            .map(|d| {
                let first = today + Duration::days(d.lead_days);
                let dates = (0..=DATE_WINDOW_DAYS)
                    .map(|i| first + Duration::days(i))
                    .map(|d| DeliveryDate {
                        date: d.format("%Y-%m-%d").to_string(),
                        weekday: u8::try_from(d.weekday().num_days_from_sunday()).unwrap_or(0),
                    })
                    .collect();
                DeliveryMethodInfo {
                    code: d.code.clone(),
                    name: d.name.clone(),
                    name_en: d.name_en.clone(),
                    accepts: d.accepts.clone(),
                    dates,
                    time_slots: TimeSlot::ALL.to_vec(),
                }
            })
            .collect()
    }

    /// The payment method stored as `code`, if the shop has it.
    pub fn payment_method(&self, code: &str) -> Option<&PaymentMethodInfo> {
        self.payment_methods
            .iter()
            .find(|m| m.code.as_str() == code)
    }

    /// The name of the delivery method stored as `code` (宅配便基本設定).
    pub fn delivery_method_name(&self, code: &str) -> Option<&str> {
        self.delivery_methods
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.name.as_str())
    }

    /// The 支払回数 the card method offers (一括 always).
    pub fn card_pay_ways(&self) -> &[u8] {
        &self.card_pay_ways
    }

    /// The アクセスキー saved in the admin, if any (never sent to a browser as
    /// such; its checkSum is, which reveals a 7-digit key: see `gateway`).
    pub fn saved_access_key(&self) -> Option<&str> {
        self.access_key.as_ref().map(AccessKey::expose)
    }

    /// 3Dセキュア: the `authDiv` of card tokens (`3` or `1`) when payments
    /// are authenticated, `None` when they are not (`2`, security code only).
    pub fn three_d_auth_div(&self) -> Option<&str> {
        self.three_d_auth_div.as_deref()
    }

    /// The shop-wide velocity guard's threshold: failed card attempts within
    /// the window from which a card order needs a proof of work.
    pub fn challenge_after(&self) -> i64 {
        self.challenge_after
    }

    /// カートタイプ (基本設定).
    pub fn cart_type(&self) -> CartType {
        self.profile.cart_type
    }

    /// 基本設定: the shop's name, mail texts and choices.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The 加盟店コード saved in the admin, if any.
    pub fn saved_trader_code(&self) -> Option<&str> {
        self.trader_code.as_deref()
    }

    /// The product on sale under `sku`, as pricing needs it (with whether its
    /// shipping is 別途連絡), or `None` when the SKU is unknown or not on sale.
    pub fn product_for_pricing(&self, sku: &Sku) -> Result<Option<(Product, bool)>, ApiError> {
        self.product_index
            .get(sku.as_ref())
            .map(|&i| {
                let row = &self.products[i];
                Ok((row.to_product()?, row.separate_shipping))
            })
            .transpose()
    }

    /// The products on sale, in catalogue order.
    pub fn products(&self) -> Result<Vec<Product>, ApiError> {
        self.products.iter().map(ProductRow::to_product).collect()
    }

    /// How `delivery_code` charges shipping to `prefecture`.
    pub fn shipping_rule(
        &self,
        delivery_code: &str,
        prefecture: Option<Prefecture>,
    ) -> Result<ShippingRule, ApiError> {
        let Some(prefecture) = prefecture else {
            return Ok(ShippingRule::NeedsAddress);
        };
        let free_from = self
            .delivery_methods
            .iter()
            .find(|d| d.code == delivery_code)
            .and_then(|d| d.free_shipping_from);
        let fee = self
            .fees
            .get(&(delivery_code.to_owned(), prefecture.code()))
            .copied()
            .flatten();
        let money =
            |v: i64| Yen::new(v).map_err(|e| ApiError::internal(format!("shipping settings: {e}")));
        match fee {
            None => Ok(ShippingRule::Separate),
            Some(fee) => Ok(ShippingRule::Fee {
                fee: money(fee)?,
                free_from: free_from.map(money).transpose()?,
            }),
        }
    }
}

/// The card method's limit (カード決済上限).
pub fn card_limit() -> Result<Yen, ApiError> {
    Yen::new(i64::try_from(CARD_LIMIT).unwrap_or(i64::MAX)).map_err(ApiError::internal)
}

fn payment_method(r: PaymentRow) -> Result<PaymentMethodInfo, ApiError> {
    let code = PaymentMethodCode::from_wire(&r.code).ok_or_else(|| {
        ApiError::internal(format!("unknown payment method {:?} in settings", r.code))
    })?;
    let money = |v: Option<i64>| v.and_then(|v| Yen::new(v).ok());
    let channels = Channel::parse_list(&r.channels);
    let shows_notes = r.show_notes != 0;
    let has_logo = r.logo_url.as_deref().is_some_and(|u| !u.trim().is_empty());
    Ok(PaymentMethodInfo {
        code,
        name: r.name,
        notes: blank_to_none(r.notes).filter(|_| shows_notes),
        name_en: blank_to_none(r.name_en),
        notes_en: blank_to_none(r.notes_en).filter(|_| shows_notes),
        logo_alt_en: blank_to_none(r.logo_alt_en).filter(|_| has_logo),
        card_notice_en: blank_to_none(r.card_notice_en),
        logo_url: blank_to_none(r.logo_url),
        logo_alt: blank_to_none(r.logo_alt),
        card_notice: blank_to_none(r.card_notice),
        enabled: r.enabled != 0,
        min_amount: money(r.min_amount),
        max_amount: money(r.max_amount),
        on_pc: channels.contains(&Channel::Pc),
        on_smartphone: channels.contains(&Channel::Smartphone),
    })
}

/// A text the merchant left blank is none.
fn blank_to_none(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// The 支払回数 in the card method's `pay_ways` (一括 always).
fn card_pay_ways(text: &str) -> Vec<u8> {
    let mut ways: Vec<u8> = text
        .split(',')
        .filter_map(|w| w.trim().parse().ok())
        .filter(|w| zerostep_domain::order::PayWay::new(*w).is_ok())
        .collect();
    if !ways.contains(&1) {
        ways.insert(0, 1);
    }
    ways
}

mod cache;
pub use cache::ShopCache;

pub use crate::store::time::today_jst;
