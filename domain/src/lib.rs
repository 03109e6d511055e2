//! Zerostep's domain: the validated types that both the checkout SPA and the
//! server use, and the JSON shapes (DTOs) of the public API.
//!
//! Every value with rules is a newtype whose constructor is the only way in,
//! and whose `Deserialize` goes through that constructor: decoding JSON *is*
//! validation, on both sides of the wire. This crate does no I/O and depends
//! on no web crate, so its tests run in about a second.
//!
//! # Glossary
//!
//! The guide's Japanese terms, the English names used in code and docs, the
//! identifiers that carry them, and the gateway's own field or function.
//!
//! | 日本語 | English | identifier | gateway |
//! |---|---|---|---|
//! | ゼロステップカート / 3ステップカート | zero-step cart / 3-step cart | the checkout SPA's routes | — |
//! | カゴ（カート） | cart | `checkout::CartLine` | — |
//! | 購入手続き画面 | purchase page | `/checkout` | — |
//! | 注文確認する / 注文する | review the order / place the order | `POST /api/orders` | — |
//! | 注文番号 | order number (ours) | `orders.order_number`, `OrderPlaced::order_number` | — |
//! | 受付番号 | receipt number (the gateway's order number) | `orders.receipt_no` | `order_no` |
//! | トークン | payment token | [`order::PaymentToken`] | `token` (from `createToken`) |
//! | 認証区分 / チェックサム | auth division / checksum | `TokenConfig::{auth_div, check_sum}` | `authDiv`, `checkSum` |
//! | 与信 | authorization | `webcollect::Client::credit_token` | A08 `creditToken` |
//! | 与信承認番号 | authorization code | `orders.crd_c_res_cd` | `crdCResCd` |
//! | 与信NG / 決済失敗 / 確認中 | declined / failed / pending review | [`order::OrderStatus`] | — |
//! | エラーコード / メッセージ | error code / message | [`api::ErrorCode`], [`api::Text`] (`{ja, en}`) | — (ours; Yamato's are `errorCode`) |
//! | 取引状況 | gateway status | [`order::GatewayStatus`], `orders.gateway_status` | `statusInfo` |
//! | 決済状況 | payment status (the admin's word) | [`order::PaymentStatus`] | — |
//! | 与信完了 | authorized | `OrderStatus::Authorized`, `GatewayStatus::Authorized` | `statusInfo` 4 |
//! | 精算確定待ち / 精算確定 | awaiting settlement / settled | `GatewayStatus::{AwaitingSettlement, Settled}` | `statusInfo` 30 / 31 |
//! | 問い合わせ番号（送り状番号） | slip number | [`merchant::SlipNo`], `orders.slip_no` | `slip_no` |
//! | 売上確定（出荷情報登録） | sale confirmation (shipment entry) | `Client::shipment_entry` | E01 `shipmentEntry` |
//! | 出荷情報取消 | shipment cancel | `Client::shipment_cancel` | E02 `shipmentCancel` |
//! | 再与信 | re-authorization | `Client::re_auth` | A11 `reAuth` |
//! | 取消 | cancel | `Client::credit_cancel`, `GatewayStatus::Cancelled` | A06 `creditCancel`, `statusInfo` 40 |
//! | 金額変更（金額変更NG） | amount change (failed) | `Client::credit_change_price`, `GatewayStatus::AmountChangeFailed` | A07 `creditChangePrice`, `statusInfo` 17 |
//! | 取引情報照会 | trade inquiry | `Client::trade_info` | E04 `tradeInfo` |
//! | 機能区分 | function code | `gateway_operations.function_div` | `function_div` |
//! | API操作履歴 | operation history | `gateway_operations` | — |
//! | 支払回数 | instalments (pay way) | [`order::PayWay`] | `pay_way` |
//! | 端末区分 / 対応種別 | device division / channels | `webcollect::DeviceDiv`, [`merchant::Channel`] | `device_div` |
//! | 加盟店コード | trader code | [`merchant::TraderCode`], the server's `GatewayConfig::trader_code` | `trader_code` |
//! | アクセスキー | access key | [`merchant::AccessKey`] (secret; `Debug` shows nothing), the server's `GatewayConfig::access_key` | `access_key` (only in the checksum) |
//! | 配送サービス | delivery service (carrier) | `webcollect::DeliveryService`, [`merchant::Carrier`] | `delivery_service_code` (00 / 99) |
//! | 宅配便 / 配送方法 | delivery method | `checkout::DeliveryMethodInfo` | — |
//! | 支払方法 / 使用決済 | payment method | `checkout::PaymentMethodCode` | — |
//! | 別途連絡 | shipping fee to be advised | `checkout::ShippingRule::Separate` | — |
//! | 外部決済一括処理 | bulk re-authorization | `bulk_jobs`, the server's `bulk` module | A11 per order |
//! | 操作ログ | job log | `GET /api/admin/bulk/jobs` | — |
//! | サンクスメール / 受注通知メール / 配送通知メール | thanks mail / shop notice / shipping notice | `outbox.kind` `thanks`, `shop_notice`, `shipping_notice` | — |
//! | 注文不成立のお知らせ | an order left 確認中 and not charged | `outbox.kind` `not_completed`, `shop_not_completed` | — |
//! | 出荷情報取消 | slip withdrawal | `payments::withdraw_slip` (server) | E02 |
//! | 取消を取り消して再与信 | undoing a cancellation | `payments::undo_cancel` (server) | A11 on status 40 |

pub mod address;
pub mod api;
pub mod card;
pub mod checkout;
pub mod contact;
mod jis_codes;
pub mod merchant;
pub mod money;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod order;
pub mod person;
pub mod product;
pub mod search;
pub mod sku;
#[cfg(feature = "slip-csv")]
pub mod slip_csv;
pub mod text;
mod wire;

pub use address::{
    Address, AddressLine, AddressLineError, PostalCode, PostalCodeError, Prefecture,
    PrefectureError,
};
pub use api::{ApiErrorBody, Health};
pub use contact::{Email, EmailError, Phone, PhoneError};
pub use money::{TaxRate, TaxRateError, Yen, YenError};
pub use person::{Kana, KanaError, NamePart, NamePartError, PersonName, PersonNameError};
pub use product::{Product, ProductName, ProductNameError};
pub use sku::{Sku, SkuError};
