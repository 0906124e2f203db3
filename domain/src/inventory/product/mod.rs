//! The product aggregate: one catalogue entry per SKU — what it is, the unit it is
//! stocked in and the units it is bought in, its costs and prices, VAT treatment and
//! reorder rule. Stock positions refer to it by SKU; a discontinued product takes no
//! more receipts (what is on hand can still be issued).

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{InventoryError, QUANTITY_SCALE, UNIT_COST_SCALE};
use crate::finance::VatTreatment;

/// The aggregate type of products in the event store.
pub const PRODUCT_AGGREGATE: &str = "inventory.product";

/// Decimal places of a unit conversion factor.
pub const FACTOR_SCALE: u32 = 6;

/// The stream id of the product with `sku` (a normalised SKU).
pub fn product_id(sku: &str) -> uuid::Uuid {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x9d04_7be2_3c15_4a88_b6e0_1f2a_94c3_d757);
    uuid::Uuid::new_v5(&NAMESPACE, sku.as_bytes())
}

/// What kind of goods a product is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProductCategory {
    Materials,
    Consumables,
    Ppe,
    Tools,
}

/// Another unit the product comes in: one `unit` is `factor` stock units (one pallet
/// is 40 bags).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitConversion {
    pub unit: String,
    pub factor: Decimal,
}

/// Everything the catalogue says about a product besides its SKU.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetails {
    pub description: String,
    pub category: ProductCategory,
    /// The unit stock is kept in (a bag, a metre, m³).
    pub unit: String,
    pub conversions: Vec<UnitConversion>,
    /// Cost per stock unit used for estimates (stock itself is valued at average cost).
    pub standard_cost: Decimal,
    /// List sell price per stock unit, excluding VAT.
    pub sell_price: Decimal,
    pub vat: VatTreatment,
    /// At or below this quantity available the product is low on stock.
    pub reorder_level: Decimal,
    /// How much to order when it is.
    pub reorder_quantity: Decimal,
    /// The supplier account it is usually bought from.
    pub preferred_vendor: Option<String>,
}

impl ProductDetails {
    /// The rules a catalogue entry keeps: amounts not negative and within their scale,
    /// conversions positive and each unit named once.
    fn check(&self) -> Result<(), InventoryError> {
        let money_ok = |d: Decimal| d >= Decimal::ZERO && d.normalize().scale() <= UNIT_COST_SCALE;
        if !money_ok(self.standard_cost) {
            return Err(InventoryError::InvalidPrice(
                "standardCost",
                self.standard_cost,
            ));
        }
        if !money_ok(self.sell_price) {
            return Err(InventoryError::InvalidPrice("sellPrice", self.sell_price));
        }
        let level_ok = |d: Decimal| d >= Decimal::ZERO && d.normalize().scale() <= QUANTITY_SCALE;
        if !level_ok(self.reorder_level) {
            return Err(InventoryError::InvalidLevel(
                "reorderLevel",
                self.reorder_level,
            ));
        }
        if !level_ok(self.reorder_quantity) {
            return Err(InventoryError::InvalidLevel(
                "reorderQuantity",
                self.reorder_quantity,
            ));
        }
        let mut seen = vec![self.unit.to_lowercase()];
        for conversion in &self.conversions {
            if conversion.factor <= Decimal::ZERO
                || conversion.factor.normalize().scale() > FACTOR_SCALE
            {
                return Err(InventoryError::InvalidConversion(conversion.unit.clone()));
            }
            let unit = conversion.unit.to_lowercase();
            if seen.contains(&unit) {
                return Err(InventoryError::DuplicateUnit(conversion.unit.clone()));
            }
            seen.push(unit);
        }
        Ok(())
    }

    /// How many stock units one `unit` is: 1 for the stock unit itself (unit names
    /// compare without case).
    pub fn factor(&self, unit: &str) -> Option<Decimal> {
        if unit.eq_ignore_ascii_case(&self.unit) {
            return Some(Decimal::ONE);
        }
        self.conversions
            .iter()
            .find(|c| c.unit.eq_ignore_ascii_case(unit))
            .map(|c| c.factor)
    }
}

/// What can be asked of a product.
#[derive(Debug, Clone, PartialEq)]
pub enum ProductCommand {
    DefineProduct {
        sku: String,
        details: ProductDetails,
    },
    /// Replaces the details; the SKU stays.
    ReviseProduct {
        details: ProductDetails,
    },
    DiscontinueProduct {
        reason: String,
    },
}

/// Events of a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProductEvent {
    ProductDefined {
        sku: String,
        details: ProductDetails,
    },
    ProductRevised {
        details: ProductDetails,
    },
    ProductDiscontinued {
        reason: String,
    },
}

impl DomainEvent for ProductEvent {
    fn event_type(&self) -> String {
        match self {
            ProductEvent::ProductDefined { .. } => "ProductDefined",
            ProductEvent::ProductRevised { .. } => "ProductRevised",
            ProductEvent::ProductDiscontinued { .. } => "ProductDiscontinued",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state of one catalogue entry.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    sku: Option<String>,
    details: Option<ProductDetails>,
    discontinued: bool,
}

impl Product {
    /// The details, once defined.
    pub fn details(&self) -> Option<&ProductDetails> {
        self.details.as_ref()
    }

    /// Whether it has been discontinued.
    pub fn is_discontinued(&self) -> bool {
        self.discontinued
    }

    /// The details of `sku` if it is in the catalogue, else a refusal.
    pub fn known(&self, sku: &str) -> Result<&ProductDetails, InventoryError> {
        self.details
            .as_ref()
            .ok_or_else(|| InventoryError::ProductNotFound(sku.to_string()))
    }

    /// Refuses a receipt of a product not in the catalogue or discontinued.
    pub fn accepts_receipts(&self, sku: &str) -> Result<&ProductDetails, InventoryError> {
        let details = self.known(sku)?;
        if self.discontinued {
            return Err(InventoryError::ProductDiscontinued(sku.to_string()));
        }
        Ok(details)
    }

    fn decide(&self, command: ProductCommand) -> Result<ProductEvent, InventoryError> {
        let sku = || self.sku.clone().unwrap_or_default();
        match command {
            ProductCommand::DefineProduct { sku, details } => {
                if let Some(existing) = &self.sku {
                    return Err(InventoryError::ProductExists(existing.clone()));
                }
                details.check()?;
                Ok(ProductEvent::ProductDefined { sku, details })
            }
            ProductCommand::ReviseProduct { details } => {
                self.known(&sku())?;
                if self.discontinued {
                    return Err(InventoryError::ProductDiscontinued(sku()));
                }
                details.check()?;
                Ok(ProductEvent::ProductRevised { details })
            }
            ProductCommand::DiscontinueProduct { reason } => {
                self.known(&sku())?;
                if self.discontinued {
                    return Err(InventoryError::ProductDiscontinued(sku()));
                }
                Ok(ProductEvent::ProductDiscontinued { reason })
            }
        }
    }
}

impl Aggregate for Product {
    const TYPE: &'static str = PRODUCT_AGGREGATE;
    type Command = ProductCommand;
    type Event = ProductEvent;
    type Error = InventoryError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            ProductEvent::ProductDefined { sku, details } => {
                self.sku = Some(sku);
                self.details = Some(details);
            }
            ProductEvent::ProductRevised { details } => self.details = Some(details),
            ProductEvent::ProductDiscontinued { .. } => self.discontinued = true,
        }
    }
}

impl crate::stored::Stored for Product {}

#[cfg(test)]
mod tests;
