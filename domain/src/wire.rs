//! Enums written on the wire (and stored) as one of a fixed set of names.

/// Declares a unit-only enum written as one of a fixed set of names, with
/// `ALL`, `NAMES`, `as_str`, `from_wire`, and serde through the name.
///
/// Serde's derive for such an enum also reads the `{"variant": …}` map form
/// and variant indices, none of which our API sends; reading the name alone
/// is about a third of the code in the shopper page's module.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $wire:literal,)*
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Every name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($wire),*];

            /// The name as written on the wire and stored.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }

            /// The value written as `name`, if it is one.
            pub fn from_wire(name: &str) -> Option<Self> {
                match name {
                    $($wire => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Self::from_wire(&name).ok_or_else(|| {
                    <D::Error as serde::de::Error>::unknown_variant(&name, Self::NAMES)
                })
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::openapi::names(Self::NAMES, concat!("One of ", stringify!($name), "'s names."))
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    use crate::checkout::{
        CartType, PaymentMethodCode, ShippingStatus, TimeSlot, UnavailableReason,
    };
    use crate::order::OrderOutcome;

    fn check<T>(all: &[T], written_before: &[&str])
    where
        T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
    {
        assert_eq!(all.len(), written_before.len());
        for (value, name) in all.iter().zip(written_before) {
            let json = serde_json::to_string(value).expect("writes");
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(&serde_json::from_str::<T>(&json).expect("reads"), value);
        }
        let wrong = serde_json::from_str::<T>("\"no_such_name\"").expect_err("refused");
        assert!(wrong.to_string().contains(written_before[0]), "{wrong}");
        assert!(serde_json::from_str::<T>("0").is_err());
    }

    /// The names are the ones serde's `rename_all = "snake_case"` derive
    /// wrote before, so nothing stored or sent changes.
    #[test]
    fn names_are_the_ones_written_before_and_read_back() {
        check(
            TimeSlot::ALL,
            &[
                "unspecified",
                "morning",
                "from14_to16",
                "from16_to18",
                "from18_to20",
                "from19_to21",
            ],
        );
        check(PaymentMethodCode::ALL, &["card", "bank_transfer"]);
        check(
            ShippingStatus::ALL,
            &["charged", "free", "separate", "needs_address"],
        );
        check(
            UnavailableReason::ALL,
            &[
                "disabled",
                "not_accepted_by_delivery",
                "undetermined",
                "over_limit",
                "out_of_range",
                "not_on_this_device",
            ],
        );
        check(
            OrderOutcome::ALL,
            &["complete", "pending_review", "authenticate"],
        );
        check(CartType::ALL, &["zero_step", "three_step"]);
        // Stored in bulk_jobs.kind and bulk_job_items.carrier.
        check(crate::api::admin::JobKind::ALL, &["reauth", "slips"]);
        check(crate::merchant::Carrier::ALL, &["yamato", "other"]);
    }
}
