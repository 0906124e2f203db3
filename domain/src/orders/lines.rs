//! What sales and purchase orders are made of: SKUs, exact quantities, priced lines and
//! their values. Amounts are [`Rand`], quantities exact decimals; a line's value is
//! round-half-up(quantity × unit price) to the cent, as on finance's invoices.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finance::{line_value, Rand, VatTreatment};
use crate::values::{strict_decimal, Code, Name, Problem, ValueError};

/// A product's stock-keeping unit, e.g. `CEM-42.5N-50KG`: 2 to 40 capital letters,
/// digits and `- . /`; trimmed and upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Sku(String);

impl Sku {
    /// Parses `value` for `field`.
    pub fn parse(field: &str, value: &str) -> Result<Self, ValueError> {
        let sku = Code::parse(field, value)?.into_string().to_uppercase();
        let valid = (2..=40).contains(&sku.len())
            && sku.chars().all(|c| {
                c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '/')
            });
        if valid {
            Ok(Self(sku))
        } else {
            Err(ValueError::new(
                field,
                Problem::Malformed {
                    value: sku,
                    expected: "a SKU (2 to 40 capital letters, digits and - . /)",
                },
            ))
        }
    }

    /// An optional SKU: absent or blank is `None` (a service line).
    pub fn parse_optional(field: &str, value: Option<&str>) -> Result<Option<Self>, ValueError> {
        match value.map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => Self::parse(field, v).map(Some),
        }
    }

    /// The SKU.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sku {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The most decimal places a quantity may have (e.g. 0.125 m³ needs three).
const QUANTITY_SCALE: u32 = 4;

/// The largest quantity accepted on one line.
const QUANTITY_MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// An exact quantity more than nought, with at most four decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(Decimal);

impl Quantity {
    /// Parses a decimal string (`"2.5"`) for `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self, ValueError> {
        Self::from_decimal(field, strict_decimal(field, text, QUANTITY_SCALE)?)
    }

    /// Checks a decimal for `field`: more than nought, at most four places, at most
    /// 1 000 000 000.
    pub fn from_decimal(field: &str, value: Decimal) -> Result<Self, ValueError> {
        let value = value.normalize();
        if value.scale() > QUANTITY_SCALE {
            return Err(ValueError::new(
                field,
                Problem::TooPrecise {
                    value: value.to_string(),
                    max: QUANTITY_SCALE,
                },
            ));
        }
        if value <= Decimal::ZERO {
            return Err(ValueError::new(
                field,
                Problem::Malformed {
                    value: value.to_string(),
                    expected: "a quantity more than nought",
                },
            ));
        }
        if value > QUANTITY_MAX {
            return Err(ValueError::new(field, Problem::TooLarge(value.to_string())));
        }
        Ok(Self(value))
    }

    /// The exact value.
    pub fn value(self) -> Decimal {
        self.0
    }
}

/// A unit price excl. VAT for `field`: more than nought.
pub fn unit_price(field: &str, price: Rand) -> Result<Rand, ValueError> {
    if price.is_positive() {
        Ok(price)
    } else {
        Err(ValueError::new(
            field,
            Problem::Malformed {
                value: price.to_string(),
                expected: "a unit price more than nought",
            },
        ))
    }
}

/// A line of an order as asked for, validated: a product (with a SKU) or a service.
#[derive(Debug, Clone, PartialEq)]
pub struct LineInput {
    pub sku: Option<Sku>,
    pub description: Name,
    pub quantity: Quantity,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
}

/// A line as an order's events record it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderLine {
    /// From 1, in the order given.
    pub line_no: u32,
    pub sku: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub vat_treatment: VatTreatment,
}

impl OrderLine {
    /// Numbers validated lines from 1.
    pub fn numbered(lines: Vec<LineInput>) -> Vec<OrderLine> {
        lines
            .into_iter()
            .zip(1..)
            .map(|(line, line_no)| OrderLine {
                line_no,
                sku: line.sku.map(|s| s.0),
                description: line.description.into(),
                quantity: line.quantity.value(),
                unit_price: line.unit_price,
                vat_treatment: line.vat_treatment,
            })
            .collect()
    }

    /// The value of `quantity` of this line excl. VAT, rounded half up to the cent.
    pub fn value_of(&self, quantity: Decimal) -> Option<Rand> {
        line_value(quantity, self.unit_price).ok()
    }
}

/// Σ each line's rounded value excl. VAT; `None` when it exceeds what a [`Rand`] holds.
pub fn total_excl_vat(lines: &[OrderLine]) -> Option<Rand> {
    lines.iter().try_fold(Rand::ZERO, |sum, line| {
        sum.checked_add(line.value_of(line.quantity)?)
            .filter(|t| t.abs_le_largest())
    })
}

/// A quantity per line number, as a shipment or a goods receipt names them; each line
/// at most once.
pub type LineQuantities = BTreeMap<u32, Quantity>;

/// Why a delivery against an order's lines is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverDelivery {
    /// No such line on the order.
    UnknownLine(u32),
    /// More than what is still open on the line.
    TooMuch {
        line_no: u32,
        open: Decimal,
        asked: Decimal,
    },
}

/// Checks that `asked` fits what is still open on each line: delivered to date plus
/// this delivery never exceeds ordered.
pub fn check_delivery(
    lines: &[OrderLine],
    delivered: &BTreeMap<u32, Decimal>,
    asked: &LineQuantities,
) -> Result<(), OverDelivery> {
    for (line_no, quantity) in asked {
        let line = lines
            .iter()
            .find(|l| l.line_no == *line_no)
            .ok_or(OverDelivery::UnknownLine(*line_no))?;
        let so_far = delivered.get(line_no).copied().unwrap_or_default();
        let open = line.quantity - so_far;
        if quantity.value() > open {
            return Err(OverDelivery::TooMuch {
                line_no: *line_no,
                open: open.normalize(),
                asked: quantity.value(),
            });
        }
    }
    Ok(())
}

/// Whether every line is delivered in full.
pub fn fully_delivered(lines: &[OrderLine], delivered: &BTreeMap<u32, Decimal>) -> bool {
    lines
        .iter()
        .all(|l| delivered.get(&l.line_no).copied().unwrap_or_default() >= l.quantity)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn skus_normalise_and_refuse_what_is_not_one() {
        assert_eq!(
            Sku::parse("sku", " cem-42.5n/50kg ").map(|s| s.0),
            Ok("CEM-42.5N/50KG".to_string())
        );
        for bad in ["A", "CEM 42", "CEM_1", &"X".repeat(41), "CEM\u{202E}1", ""] {
            assert_eq!(
                Sku::parse("lines[0].sku", bad).map_err(|e| e.field),
                Err("lines[0].sku".to_string()),
                "{bad:?}"
            );
        }
        assert_eq!(Sku::parse_optional("sku", Some("  ")), Ok(None));
    }

    #[test]
    fn quantities_are_exact_and_more_than_nought() {
        assert_eq!(
            Quantity::parse("q", "2.500").map(Quantity::value),
            Ok(Decimal::new(25, 1))
        );
        for bad in ["0", "-1", "0.00001", "1e3", "1.", "2000000000", "abc"] {
            assert!(Quantity::parse("q", bad).is_err(), "{bad}");
        }
    }

    fn line(line_no: u32, quantity: i64, cents: i64) -> OrderLine {
        OrderLine {
            line_no,
            sku: None,
            description: "Item".into(),
            quantity: Decimal::from(quantity),
            unit_price: Rand::cents(cents),
            vat_treatment: VatTreatment::Standard,
        }
    }

    #[test]
    fn the_total_is_the_sum_of_rounded_line_values() {
        let mut third = line(2, 1, 1);
        third.quantity = Decimal::new(5, 1); // 0.5 × R0.01 = 0.005 → 0.01
        assert_eq!(
            total_excl_vat(&[line(1, 3, 1_000), third]),
            Some(Rand::cents(3_001))
        );
    }

    proptest! {
        /// Deliveries accepted one after another never take a line past its quantity.
        #[test]
        fn accepted_deliveries_never_exceed_ordered(asks in proptest::collection::vec((1u32..4, 1i64..8), 0..30)) {
            let lines = vec![line(1, 5, 100), line(2, 7, 100), line(3, 1, 100)];
            let mut delivered = BTreeMap::new();
            for (line_no, quantity) in asks {
                let asked = LineQuantities::from([(line_no, Quantity::from_decimal("q", Decimal::from(quantity)).expect("positive"))]);
                if check_delivery(&lines, &delivered, &asked).is_ok() {
                    *delivered.entry(line_no).or_default() += Decimal::from(quantity);
                }
            }
            for l in &lines {
                prop_assert!(delivered.get(&l.line_no).copied().unwrap_or_default() <= l.quantity);
            }
        }
    }
}
