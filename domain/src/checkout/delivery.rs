//! Delivery methods, their dates and the time slots of Yamato's 宅急便.

use super::payment::PaymentMethodCode;
use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

wire_enum! {
    /// Yamato's delivery time slots (お届け時間帯), in display order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum TimeSlot {
        /// 指定なし.
        Unspecified => "unspecified",
        /// 午前中.
        Morning => "morning",
        /// 14〜16時.
        From14To16 => "from14_to16",
        /// 16〜18時.
        From16To18 => "from16_to18",
        /// 18〜20時.
        From18To20 => "from18_to20",
        /// 19〜21時.
        From19To21 => "from19_to21",
    }
}

impl TimeSlot {
    /// The Japanese label.
    pub fn label_ja(self) -> &'static str {
        match self {
            TimeSlot::Unspecified => "指定なし",
            TimeSlot::Morning => "午前中",
            TimeSlot::From14To16 => "14〜16時",
            TimeSlot::From16To18 => "16〜18時",
            TimeSlot::From18To20 => "18〜20時",
            TimeSlot::From19To21 => "19〜21時",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            TimeSlot::Unspecified => "No preference",
            TimeSlot::Morning => "Morning (until 12:00)",
            TimeSlot::From14To16 => "14:00–16:00",
            TimeSlot::From16To18 => "16:00–18:00",
            TimeSlot::From18To20 => "18:00–20:00",
            TimeSlot::From19To21 => "19:00–21:00",
        }
    }
}

/// A day the parcel may arrive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryDate {
    /// ISO date, `2026-12-01`.
    pub date: String,
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: u8,
}

/// A delivery method as the purchase page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryMethodInfo {
    /// Its code (`takkyubin`).
    pub code: String,
    /// Its name (宅配便).
    pub name: String,
    /// Its name in English, when the shop gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// 対応可能な支払方法.
    pub accepts: Vec<PaymentMethodCode>,
    /// お届け希望日 choices, earliest first.
    pub dates: Vec<DeliveryDate>,
    /// お届け時間帯 choices.
    pub time_slots: Vec<TimeSlot>,
}
