//! The answer to "is this quantity available at this location?" — the narrow
//! synchronous question sales' quotes ask inventory — from what the location holds.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Whether a quantity can be supplied from a location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StockStatus {
    /// Available now (on hand less reserved).
    Available,
    /// Not available now, but enough is on its way to the location.
    InTransit,
    /// Not enough, even counting what is on its way.
    Short,
}

/// What the location can supply of a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub status: StockStatus,
    /// On hand less reserved, never below nought.
    pub available: Decimal,
    /// What is on its way to the location.
    pub in_transit: Decimal,
    /// How much is missing even counting what is on its way (nought unless short).
    pub shortfall: Decimal,
}

/// The availability of `wanted` where `on_hand` less `reserved` is free and `in_transit`
/// is on its way.
pub fn availability(
    on_hand: Decimal,
    reserved: Decimal,
    in_transit: Decimal,
    wanted: Decimal,
) -> Availability {
    let available = (on_hand - reserved).max(Decimal::ZERO);
    let in_transit = in_transit.max(Decimal::ZERO);
    let (status, shortfall) = if wanted <= available {
        (StockStatus::Available, Decimal::ZERO)
    } else if wanted <= available + in_transit {
        (StockStatus::InTransit, Decimal::ZERO)
    } else {
        (StockStatus::Short, wanted - available - in_transit)
    };
    Availability {
        status,
        available,
        in_transit,
        shortfall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reserved_stock_is_not_available_and_transit_counts_only_as_transit() {
        let a = availability(dec!(10), dec!(4), dec!(5), dec!(6));
        assert_eq!((a.status, a.available), (StockStatus::Available, dec!(6)));
        let a = availability(dec!(10), dec!(4), dec!(5), dec!(9));
        assert_eq!(a.status, StockStatus::InTransit);
        let a = availability(dec!(10), dec!(4), dec!(5), dec!(12.5));
        assert_eq!((a.status, a.shortfall), (StockStatus::Short, dec!(1.5)));
        let a = availability(dec!(-3), dec!(0), dec!(0), dec!(1));
        assert_eq!((a.available, a.shortfall), (dec!(0), dec!(1)));
    }

    proptest! {
        #[test]
        fn short_means_the_shortfall_is_what_is_missing(
            on_hand in -1_000i64..10_000, reserved in 0i64..5_000, transit in 0i64..5_000, wanted in 1i64..20_000
        ) {
            let a = availability(on_hand.into(), reserved.into(), transit.into(), wanted.into());
            prop_assert!(a.available >= Decimal::ZERO);
            match a.status {
                StockStatus::Available => prop_assert!(Decimal::from(wanted) <= a.available),
                StockStatus::InTransit => prop_assert!(Decimal::from(wanted) > a.available),
                StockStatus::Short => prop_assert_eq!(a.available + a.in_transit + a.shortfall, Decimal::from(wanted)),
            }
        }
    }
}
