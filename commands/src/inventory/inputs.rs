//! The inputs of stock commands as the service API carries them, and the builders that
//! turn them into domain commands. Text fields are parsed here, named as the caller
//! knows them; quantities and costs are checked by the stock aggregate itself.

use constructos_domain::inventory::{stock_id, AdjustmentReason, StockChange, StockCommand};
use constructos_domain::values::{Code, Identifier, Reason, Reference, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The stock position a movement addresses: its stream id, the command there, and the
/// unit the caller counted in when not the product's stock unit.
pub(super) struct AtPosition {
    pub id: String,
    pub command: StockCommand,
    pub unit: Option<String>,
}

pub(super) fn at(
    product: &str,
    location: &str,
    change: StockChange,
) -> Result<AtPosition, ValueError> {
    let product = Code::parse("product", product)?.to_string();
    let location = Code::parse("location", location)?.to_string();
    Ok(AtPosition {
        id: stock_id(&product, &location).to_string(),
        command: StockCommand {
            product,
            location,
            change,
            source: None,
        },
        unit: None,
    })
}

impl AtPosition {
    /// Caused by another domain's event, named `source`: done at most once.
    pub(super) fn caused_by(mut self, source: String) -> Self {
        self.command.source = Some(source);
        self
    }

    /// Counted in `unit` (the product's stock unit when absent).
    pub(super) fn counted_in(mut self, unit: Option<&str>) -> Result<Self, ValueError> {
        self.unit = Code::parse_optional("unit", unit)?.map(Code::into_string);
        Ok(self)
    }
}

/// Goods received into a location at a unit cost (rand excluding VAT).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceiveStockInput {
    pub product: String,
    pub location: String,
    pub quantity: Decimal,
    pub unit_cost: Decimal,
    /// The goods receipt, delivery note or return it came in on.
    pub reference: String,
    /// The unit `quantity` and `unitCost` are in, e.g. `pallet` (the stock unit if none).
    #[serde(default)]
    pub unit: Option<String>,
}

impl ReceiveStockInput {
    pub(super) fn command(self) -> Result<AtPosition, ValueError> {
        let reference = Reference::parse("reference", &self.reference)?.to_string();
        at(
            &self.product,
            &self.location,
            StockChange::ReceiveStock {
                quantity: self.quantity,
                unit_cost: self.unit_cost,
                reference,
            },
        )?
        .counted_in(self.unit.as_deref())
    }
}

/// Goods issued from a location to a project's cost code, at weighted average cost.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssueStockInput {
    pub product: String,
    pub location: String,
    pub quantity: Decimal,
    pub project_id: String,
    pub cost_code: String,
    /// The reservation to draw on first, if the goods were reserved.
    pub reservation_id: Option<String>,
    /// The unit `quantity` is in (the stock unit if none).
    #[serde(default)]
    pub unit: Option<String>,
}

impl IssueStockInput {
    pub(super) fn command(self) -> Result<AtPosition, ValueError> {
        let change = StockChange::IssueStock {
            quantity: self.quantity,
            project_id: Identifier::parse("projectId", &self.project_id)?.to_string(),
            cost_code: Code::parse("costCode", &self.cost_code)?.to_string(),
            reservation: self
                .reservation_id
                .as_deref()
                .map(|id| reservation_id("reservationId", id))
                .transpose()?,
            // The location's rule is filled in by the service.
            allow_negative: false,
        };
        at(&self.product, &self.location, change)?.counted_in(self.unit.as_deref())
    }
}

/// Stock held for a confirmed sales order or a project requisition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReserveStockInput {
    pub product: String,
    pub location: String,
    pub quantity: Decimal,
    /// What the stock is held for, e.g. `SO-000123` or a requisition number.
    pub purpose: String,
}

impl ReserveStockInput {
    /// The command with a freshly minted reservation id, and that id.
    pub(super) fn command(self) -> Result<(AtPosition, Uuid), ValueError> {
        self.command_as(Uuid::now_v7())
    }

    /// The command under the reservation id `reservation`.
    pub(super) fn command_as(self, reservation: Uuid) -> Result<(AtPosition, Uuid), ValueError> {
        let change = StockChange::ReserveStock {
            reservation,
            quantity: self.quantity,
            purpose: Reference::parse("purpose", &self.purpose)?.to_string(),
        };
        Ok((at(&self.product, &self.location, change)?, reservation))
    }
}

/// A reservation let go.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReleaseReservationInput {
    pub product: String,
    pub location: String,
    pub reservation_id: String,
}

impl ReleaseReservationInput {
    pub(super) fn command(self) -> Result<AtPosition, ValueError> {
        let reservation = reservation_id("reservationId", &self.reservation_id)?;
        at(
            &self.product,
            &self.location,
            StockChange::ReleaseReservation { reservation },
        )
    }
}

/// A correction of the quantity on hand: `delta` is signed (a count short is negative).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AdjustStockInput {
    pub product: String,
    pub location: String,
    pub delta: Decimal,
    pub reason: AdjustmentReason,
    pub note: String,
}

impl AdjustStockInput {
    pub(super) fn command(self) -> Result<AtPosition, ValueError> {
        let change = StockChange::AdjustStock {
            delta: self.delta,
            reason: self.reason,
            note: Reason::parse("note", &self.note)?.to_string(),
            allow_negative: false,
        };
        at(&self.product, &self.location, change)
    }
}

fn reservation_id(field: &str, id: &str) -> Result<Uuid, ValueError> {
    uuid_of(field, id, "a reservation id (a UUID)")
}

/// An id the system minted (a UUID), named `field`; `expected` says what it is.
pub(super) fn uuid_of(field: &str, id: &str, expected: &'static str) -> Result<Uuid, ValueError> {
    let id = Identifier::parse(field, id)?;
    Uuid::parse_str(id.as_str()).map_err(|_| {
        ValueError::new(
            field,
            constructos_domain::values::Problem::Malformed {
                value: id.to_string(),
                expected,
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_same_product_and_location_name_the_same_stream() {
        let receive = |product: &str| ReceiveStockInput {
            product: product.into(),
            location: "WH-JHB".into(),
            quantity: dec!(1),
            unit_cost: dec!(1),
            reference: "GRN-1".into(),
            unit: None,
        };
        let a = receive("CEM-42").command().expect("command");
        let b = receive(" CEM-42 ").command().expect("command");
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, receive("CEM-43").command().expect("command").id);
    }

    #[test]
    fn each_field_is_named_as_the_caller_knows_it() {
        let issue = IssueStockInput {
            product: "CEM-42".into(),
            location: "WH-JHB".into(),
            quantity: dec!(1),
            project_id: "p".into(),
            cost_code: "03".into(),
            reservation_id: Some("not-a-uuid".into()),
            unit: None,
        };
        assert_eq!(
            issue.clone().command().err().map(|e| e.field),
            Some("reservationId".into())
        );
        let issue = IssueStockInput {
            reservation_id: None,
            ..issue
        };
        let mut bad = issue.clone();
        bad.product = "x".repeat(200);
        assert_eq!(bad.command().err().map(|e| e.field), Some("product".into()));
        let mut bad = issue;
        bad.location = "W\nH".into();
        assert_eq!(
            bad.command().err().map(|e| e.field),
            Some("location".into())
        );
    }
}
