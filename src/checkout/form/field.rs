//! The inputs of the purchase page that can be invalid, in page order.

/// Declares [`Field`] from one line per input, in page order: its name and
/// the element id of its input.
macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident => $id:literal,)*) => {
        /// Every input of the page that can be invalid, in page order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($(#[$doc])* $name,)*
        }

        impl Field {
            /// Page order: the first invalid one takes focus on submit.
            pub const ORDER: &'static [Field] = &[$(Field::$name),*];

            /// The element id of its input.
            pub fn id(self) -> &'static str {
                match self {
                    $(Field::$name => $id,)*
                }
            }
        }
    };
}

fields! {
    /// ご注文者: 姓.
    BuyerFamily => "buyer-family",
    /// ご注文者: 名.
    BuyerGiven => "buyer-given",
    /// ご注文者: セイ.
    BuyerFamilyKana => "buyer-family-kana",
    /// ご注文者: メイ.
    BuyerGivenKana => "buyer-given-kana",
    /// メールアドレス.
    Email => "buyer-email",
    /// ご注文者: 電話番号.
    BuyerPhone => "buyer-phone",
    /// ご注文者: 郵便番号.
    BuyerPostal => "buyer-postal",
    /// ご注文者: 都道府県.
    BuyerPrefecture => "buyer-prefecture",
    /// ご注文者: 市区町村.
    BuyerCity => "buyer-city",
    /// ご注文者: 番地.
    BuyerLine1 => "buyer-line1",
    /// ご注文者: 建物名.
    BuyerLine2 => "buyer-line2",
    /// お届け先: 姓.
    ShipFamily => "ship-family",
    /// お届け先: 名.
    ShipGiven => "ship-given",
    /// お届け先: 電話番号.
    ShipPhone => "ship-phone",
    /// お届け先: 郵便番号.
    ShipPostal => "ship-postal",
    /// お届け先: 都道府県.
    ShipPrefecture => "ship-prefecture",
    /// お届け先: 市区町村.
    ShipCity => "ship-city",
    /// お届け先: 番地.
    ShipLine1 => "ship-line1",
    /// お届け先: 建物名.
    ShipLine2 => "ship-line2",
    /// お支払い方法.
    Payment => "payment-method",
}

/// The prefix of the recipient's inputs' ids.
const SHIPPING: &str = "ship-";

impl Field {
    /// The id of its error message (for `aria-describedby`).
    pub fn error_id(self) -> String {
        format!("{}-error", self.id())
    }

    /// Whether it is one of the recipient's inputs (お届け先), which count
    /// only when delivering elsewhere.
    pub(super) fn is_shipping(self) -> bool {
        self.id().starts_with(SHIPPING)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_the_recipients_are_told_apart() {
        let ids: std::collections::HashSet<_> = Field::ORDER.iter().map(|f| f.id()).collect();
        assert_eq!(ids.len(), Field::ORDER.len());
        let shipping: Vec<_> = Field::ORDER.iter().filter(|f| f.is_shipping()).collect();
        assert_eq!(shipping.len(), 8);
        assert!(shipping
            .iter()
            .all(|f| format!("{f:?}").starts_with("Ship")));
        assert_eq!(Field::ORDER.first(), Some(&Field::BuyerFamily));
        assert_eq!(Field::ORDER.last(), Some(&Field::Payment));
    }
}
