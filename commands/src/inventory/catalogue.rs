//! The inputs of the catalogue's commands — products and locations — as the service API
//! carries them, parsed into domain commands; the aggregates check the numbers.

use constructos_domain::finance::VatTreatment;
use constructos_domain::inventory::{
    location_id, product_id, LocationCommand, LocationKind, ProductCategory, ProductCommand,
    ProductDetails, UnitConversion,
};
use constructos_domain::values::{Code, Identifier, Name, Reason, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A command addressed to one catalogue stream.
pub(super) struct AtStream<C> {
    pub id: String,
    pub command: C,
}

/// Another unit a product comes in: one `unit` is `factor` stock units.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitConversionInput {
    pub unit: String,
    pub factor: Decimal,
}

/// A product's catalogue entry, besides its SKU.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProductDetailsInput {
    pub description: String,
    pub category: ProductCategory,
    pub unit: String,
    #[serde(default)]
    pub conversions: Vec<UnitConversionInput>,
    pub standard_cost: Decimal,
    pub sell_price: Decimal,
    pub vat: VatTreatment,
    pub reorder_level: Decimal,
    pub reorder_quantity: Decimal,
    /// The supplier account it is usually bought from.
    pub preferred_vendor_id: Option<String>,
}

impl ProductDetailsInput {
    fn details(self) -> Result<ProductDetails, ValueError> {
        let conversions = self
            .conversions
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                Ok(UnitConversion {
                    unit: Code::parse(&format!("conversions[{i}].unit"), &c.unit)?.into_string(),
                    factor: c.factor,
                })
            })
            .collect::<Result<_, ValueError>>()?;
        Ok(ProductDetails {
            description: Name::parse("description", &self.description)?.into_string(),
            category: self.category,
            unit: Code::parse("unit", &self.unit)?.into_string(),
            conversions,
            standard_cost: self.standard_cost,
            sell_price: self.sell_price,
            vat: self.vat,
            reorder_level: self.reorder_level,
            reorder_quantity: self.reorder_quantity,
            preferred_vendor: Identifier::parse_optional(
                "preferredVendorId",
                self.preferred_vendor_id.as_deref(),
            )?
            .map(Identifier::into_string),
        })
    }
}

/// A new catalogue entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DefineProductInput {
    pub sku: String,
    pub details: ProductDetailsInput,
}

impl DefineProductInput {
    pub(super) fn command(self) -> Result<AtStream<ProductCommand>, ValueError> {
        let sku = Code::parse("sku", &self.sku)?.into_string();
        Ok(AtStream {
            id: product_id(&sku).to_string(),
            command: ProductCommand::DefineProduct {
                sku,
                details: self.details.details()?,
            },
        })
    }
}

/// New details for an existing entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviseProductInput {
    pub sku: String,
    pub details: ProductDetailsInput,
}

impl ReviseProductInput {
    pub(super) fn command(self) -> Result<(String, AtStream<ProductCommand>), ValueError> {
        let sku = Code::parse("sku", &self.sku)?.into_string();
        let details = self.details.details()?;
        Ok((
            sku.clone(),
            AtStream {
                id: product_id(&sku).to_string(),
                command: ProductCommand::ReviseProduct { details },
            },
        ))
    }
}

/// A product no longer stocked.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiscontinueProductInput {
    pub sku: String,
    pub reason: String,
}

impl DiscontinueProductInput {
    pub(super) fn command(self) -> Result<(String, AtStream<ProductCommand>), ValueError> {
        let sku = Code::parse("sku", &self.sku)?.into_string();
        let reason = Reason::parse("reason", &self.reason)?.into_string();
        Ok((
            sku.clone(),
            AtStream {
                id: product_id(&sku).to_string(),
                command: ProductCommand::DiscontinueProduct { reason },
            },
        ))
    }
}

/// A new warehouse or site store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenLocationInput {
    pub code: String,
    pub name: String,
    pub kind: LocationKind,
    /// The project a site store belongs to (none for a warehouse).
    pub project_id: Option<String>,
    #[serde(default)]
    pub allow_negative: bool,
}

impl OpenLocationInput {
    pub(super) fn command(self) -> Result<AtStream<LocationCommand>, ValueError> {
        let code = Code::parse("code", &self.code)?.into_string();
        Ok(AtStream {
            id: location_id(&code).to_string(),
            command: LocationCommand::OpenLocation {
                code,
                name: Name::parse("name", &self.name)?.into_string(),
                kind: self.kind,
                project_id: Identifier::parse_optional("projectId", self.project_id.as_deref())?
                    .map(Identifier::into_string),
                allow_negative: self.allow_negative,
            },
        })
    }
}

/// Whether stock may go below zero at a location.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetNegativeStockInput {
    pub code: String,
    pub allowed: bool,
}

impl SetNegativeStockInput {
    pub(super) fn command(self) -> Result<(String, AtStream<LocationCommand>), ValueError> {
        let code = Code::parse("code", &self.code)?.into_string();
        Ok((
            code.clone(),
            AtStream {
                id: location_id(&code).to_string(),
                command: LocationCommand::SetNegativeStock {
                    allowed: self.allowed,
                },
            },
        ))
    }
}

/// A location closed for good.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloseLocationInput {
    pub code: String,
    pub reason: String,
}

impl CloseLocationInput {
    pub(super) fn command(self) -> Result<(String, AtStream<LocationCommand>), ValueError> {
        let code = Code::parse("code", &self.code)?.into_string();
        let reason = Reason::parse("reason", &self.reason)?.into_string();
        Ok((
            code.clone(),
            AtStream {
                id: location_id(&code).to_string(),
                command: LocationCommand::CloseLocation { reason },
            },
        ))
    }
}
