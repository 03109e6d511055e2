//! The inputs of the purchase page that can be invalid, in page order.

/// Every input of the page that can be invalid, in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// ご注文者: 姓.
    BuyerFamily,
    /// ご注文者: 名.
    BuyerGiven,
    /// ご注文者: セイ.
    BuyerFamilyKana,
    /// ご注文者: メイ.
    BuyerGivenKana,
    /// メールアドレス.
    Email,
    /// ご注文者: 電話番号.
    BuyerPhone,
    /// ご注文者: 郵便番号.
    BuyerPostal,
    /// ご注文者: 都道府県.
    BuyerPrefecture,
    /// ご注文者: 市区町村.
    BuyerCity,
    /// ご注文者: 番地.
    BuyerLine1,
    /// ご注文者: 建物名.
    BuyerLine2,
    /// お届け先: 姓.
    ShipFamily,
    /// お届け先: 名.
    ShipGiven,
    /// お届け先: 電話番号.
    ShipPhone,
    /// お届け先: 郵便番号.
    ShipPostal,
    /// お届け先: 都道府県.
    ShipPrefecture,
    /// お届け先: 市区町村.
    ShipCity,
    /// お届け先: 番地.
    ShipLine1,
    /// お届け先: 建物名.
    ShipLine2,
    /// お支払い方法.
    Payment,
}

impl Field {
    /// Page order: the first invalid one takes focus on submit.
    pub const ORDER: [Field; 20] = [
        Field::BuyerFamily,
        Field::BuyerGiven,
        Field::BuyerFamilyKana,
        Field::BuyerGivenKana,
        Field::Email,
        Field::BuyerPhone,
        Field::BuyerPostal,
        Field::BuyerPrefecture,
        Field::BuyerCity,
        Field::BuyerLine1,
        Field::BuyerLine2,
        Field::ShipFamily,
        Field::ShipGiven,
        Field::ShipPhone,
        Field::ShipPostal,
        Field::ShipPrefecture,
        Field::ShipCity,
        Field::ShipLine1,
        Field::ShipLine2,
        Field::Payment,
    ];

    /// The element id of its input.
    pub fn id(self) -> &'static str {
        match self {
            Field::BuyerFamily => "buyer-family",
            Field::BuyerGiven => "buyer-given",
            Field::BuyerFamilyKana => "buyer-family-kana",
            Field::BuyerGivenKana => "buyer-given-kana",
            Field::Email => "buyer-email",
            Field::BuyerPhone => "buyer-phone",
            Field::BuyerPostal => "buyer-postal",
            Field::BuyerPrefecture => "buyer-prefecture",
            Field::BuyerCity => "buyer-city",
            Field::BuyerLine1 => "buyer-line1",
            Field::BuyerLine2 => "buyer-line2",
            Field::ShipFamily => "ship-family",
            Field::ShipGiven => "ship-given",
            Field::ShipPhone => "ship-phone",
            Field::ShipPostal => "ship-postal",
            Field::ShipPrefecture => "ship-prefecture",
            Field::ShipCity => "ship-city",
            Field::ShipLine1 => "ship-line1",
            Field::ShipLine2 => "ship-line2",
            Field::Payment => "payment-method",
        }
    }

    /// The id of its error message (for `aria-describedby`).
    pub fn error_id(self) -> String {
        format!("{}-error", self.id())
    }

    pub(super) fn is_shipping(self) -> bool {
        matches!(
            self,
            Field::ShipFamily
                | Field::ShipGiven
                | Field::ShipPhone
                | Field::ShipPostal
                | Field::ShipPrefecture
                | Field::ShipCity
                | Field::ShipLine1
                | Field::ShipLine2
        )
    }
}
