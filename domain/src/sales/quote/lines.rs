//! A quote's lines priced: quantity × unit price, less the line's discount, rounded half
//! up to the cent (as finance rounds), then VAT on that by the line's treatment.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finance::{line_value, line_vat, round_to_cent, Rand, VatTreatment};
use crate::inventory::QUANTITY_SCALE;
use crate::sales::SalesError;

/// What inventory said about a line's availability when the version was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LineStock {
    /// A service line, or no location to supply from: nothing to check.
    NotChecked,
    Available {
        available: Decimal,
    },
    /// Not available now; enough is on its way to the location.
    InTransit {
        available: Decimal,
        in_transit: Decimal,
    },
    Short {
        available: Decimal,
        shortfall: Decimal,
    },
    /// Inventory could not say (down, slow, or it refused): the quote is saved anyway.
    Unconfirmed {
        reason: String,
    },
}

/// A line as asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteLine {
    /// The catalogue SKU; `None` for a service line.
    pub product: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    /// Rand per unit, excluding VAT.
    pub unit_price: Decimal,
    /// Percent off the line, from nought to the caller's limit.
    pub discount_percent: Decimal,
    pub vat: VatTreatment,
    pub stock: LineStock,
}

/// A line as quoted, with its amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotedLine {
    pub product: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    pub discount_percent: Decimal,
    /// After the discount, excluding VAT.
    pub net: Rand,
    pub vat_treatment: VatTreatment,
    pub vat: Rand,
    pub stock: LineStock,
}

/// A version's totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteTotals {
    pub net: Rand,
    pub vat: Rand,
    pub total: Rand,
}

/// Prices `lines` with discounts up to `limit` percent.
pub fn priced(
    lines: &[QuoteLine],
    limit: Decimal,
) -> Result<(Vec<QuotedLine>, QuoteTotals), SalesError> {
    let mut quoted = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        let amount = |d: Decimal| SalesError::InvalidLine(number, d.to_string());
        let quantity = line.quantity.normalize();
        if quantity <= Decimal::ZERO || quantity.scale() > QUANTITY_SCALE {
            return Err(amount(line.quantity));
        }
        let unit_price = Rand::from_decimal(line.unit_price)
            .ok()
            .filter(|p| !p.as_decimal().is_sign_negative())
            .ok_or_else(|| amount(line.unit_price))?;
        let discount = line.discount_percent.normalize();
        if discount.is_sign_negative() || discount.scale() > 2 || discount > Decimal::ONE_HUNDRED {
            return Err(amount(line.discount_percent));
        }
        if discount > limit {
            return Err(SalesError::DiscountAboveLimit {
                line: number,
                discount,
                limit,
            });
        }
        let gross = line_value(quantity, unit_price).map_err(|_| amount(line.quantity))?;
        let net = round_to_cent(
            gross.as_decimal() * (Decimal::ONE_HUNDRED - discount) / Decimal::ONE_HUNDRED,
        )
        .map_err(|_| amount(line.unit_price))?;
        let vat = line_vat(net, line.vat).map_err(|_| amount(line.unit_price))?;
        quoted.push(QuotedLine {
            product: line.product.clone(),
            description: line.description.clone(),
            quantity,
            unit_price,
            discount_percent: discount,
            net,
            vat_treatment: line.vat,
            vat,
            stock: line.stock.clone(),
        });
    }
    let net: Rand = quoted.iter().map(|l| l.net).sum();
    let vat: Rand = quoted.iter().map(|l| l.vat).sum();
    Ok((
        quoted,
        QuoteTotals {
            net,
            vat,
            total: net + vat,
        },
    ))
}
