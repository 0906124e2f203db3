//! The inputs of sales and purchase order commands as the service API carries them,
//! and their parsing into value types: every field named as the caller knows it
//! (`input.lines[1].quantity`), before anything is read or written.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use constructos_domain::finance::{Rand, VatTreatment};
use constructos_domain::orders::lines::{unit_price, LineInput, LineQuantities, Quantity, Sku};
use constructos_domain::values::{
    BusinessDate, Code, Identifier, Name, Problem, Reason, ValueError,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One order line as asked for: a product (with a SKU) or a service (without).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderLineInput {
    pub sku: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    /// Rand excl. VAT.
    pub unit_price: Decimal,
    pub vat_treatment: VatTreatment,
}

/// A quantity of one order line, on a shipment or a goods received note.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LineQuantityInput {
    pub line_no: u32,
    pub quantity: Decimal,
}

/// A new sales order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlaceSalesOrderInput {
    pub customer_account_id: String,
    pub project_id: String,
    pub date: NaiveDate,
    pub lines: Vec<OrderLineInput>,
    pub retention_percent: Option<Decimal>,
    /// The stock location (its code) the products are supplied from.
    #[serde(default)]
    pub ship_from: Option<String>,
}

/// A shipment of a sales order, named by the caller's delivery note.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShipSalesOrderInput {
    pub sales_order_id: String,
    pub delivery_note: String,
    pub date: NaiveDate,
    pub lines: Vec<LineQuantityInput>,
}

/// A new purchase order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RaisePurchaseOrderInput {
    pub vendor_account_id: String,
    pub project_id: String,
    pub cost_code: String,
    pub date: NaiveDate,
    pub lines: Vec<OrderLineInput>,
}

/// A goods received note against a purchase order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceiveGoodsInput {
    pub purchase_order_id: String,
    pub date: NaiveDate,
    pub lines: Vec<LineQuantityInput>,
    /// The stock location (its code) the goods go into; none: straight to the project.
    #[serde(default)]
    pub into_location: Option<String>,
}

/// The validated parts of a new order.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedOrder {
    pub account_id: Identifier,
    pub project_id: Identifier,
    pub date: BusinessDate,
    pub lines: Vec<LineInput>,
    pub ship_from: Option<Code>,
}

fn lines(raw: Vec<OrderLineInput>) -> Result<Vec<LineInput>, ValueError> {
    raw.into_iter()
        .enumerate()
        .map(|(i, line)| {
            let field = |name: &str| format!("input.lines[{i}].{name}");
            let price = Rand::from_decimal(line.unit_price).map_err(|e| {
                ValueError::new(
                    field("unitPrice"),
                    Problem::Malformed {
                        value: e.to_string(),
                        expected: "an amount in rand with at most two decimal places",
                    },
                )
            })?;
            Ok(LineInput {
                sku: Sku::parse_optional(&field("sku"), line.sku.as_deref())?,
                description: Name::parse(&field("description"), &line.description)?,
                quantity: Quantity::from_decimal(&field("quantity"), line.quantity)?,
                unit_price: unit_price(&field("unitPrice"), price)?,
                vat_treatment: line.vat_treatment,
            })
        })
        .collect()
}

/// Quantities per line, each line at most once.
pub fn line_quantities(raw: &[LineQuantityInput]) -> Result<LineQuantities, ValueError> {
    let mut parsed = BTreeMap::new();
    for (i, line) in raw.iter().enumerate() {
        let quantity =
            Quantity::from_decimal(&format!("input.lines[{i}].quantity"), line.quantity)?;
        if line.line_no == 0 || parsed.insert(line.line_no, quantity).is_some() {
            return Err(ValueError::new(
                format!("input.lines[{i}].lineNo"),
                Problem::Malformed {
                    value: line.line_no.to_string(),
                    expected: "a line number of the order (from 1), each at most once",
                },
            ));
        }
    }
    Ok(parsed)
}

impl PlaceSalesOrderInput {
    /// The validated order and its retention percentage.
    pub fn parse(self) -> Result<(ParsedOrder, Option<Decimal>), ValueError> {
        Ok((
            ParsedOrder {
                account_id: Identifier::parse(
                    "input.customerAccountId",
                    &self.customer_account_id,
                )?,
                project_id: Identifier::parse("input.projectId", &self.project_id)?,
                date: BusinessDate::parse("input.date", self.date)?,
                lines: lines(self.lines)?,
                ship_from: Code::parse_optional("input.shipFrom", self.ship_from.as_deref())?,
            },
            self.retention_percent,
        ))
    }
}

impl ShipSalesOrderInput {
    /// The order's id, the delivery note, the date and the quantities.
    pub fn parse(&self) -> Result<(Identifier, Code, BusinessDate, LineQuantities), ValueError> {
        Ok((
            Identifier::parse("input.salesOrderId", &self.sales_order_id)?,
            Code::parse("input.deliveryNote", &self.delivery_note)?,
            BusinessDate::parse("input.date", self.date)?,
            line_quantities(&self.lines)?,
        ))
    }
}

impl RaisePurchaseOrderInput {
    /// The validated order and its cost code.
    pub fn parse(self) -> Result<(ParsedOrder, Code), ValueError> {
        Ok((
            ParsedOrder {
                account_id: Identifier::parse("input.vendorAccountId", &self.vendor_account_id)?,
                project_id: Identifier::parse("input.projectId", &self.project_id)?,
                date: BusinessDate::parse("input.date", self.date)?,
                lines: lines(self.lines)?,
                ship_from: None,
            },
            Code::parse("input.costCode", &self.cost_code)?,
        ))
    }
}

impl ReceiveGoodsInput {
    /// The order's id, the date, the quantities and the stock location.
    pub fn parse(&self) -> Result<ParsedReceipt, ValueError> {
        Ok(ParsedReceipt {
            order: Identifier::parse("input.purchaseOrderId", &self.purchase_order_id)?,
            date: BusinessDate::parse("input.date", self.date)?,
            lines: line_quantities(&self.lines)?,
            into_location: Code::parse_optional(
                "input.intoLocation",
                self.into_location.as_deref(),
            )?,
        })
    }
}

/// A goods received note's validated parts.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedReceipt {
    pub order: Identifier,
    pub date: BusinessDate,
    pub lines: LineQuantities,
    pub into_location: Option<Code>,
}

/// An order id the caller gives.
pub fn order_id(id: &str) -> Result<Identifier, ValueError> {
    Identifier::parse("id", id)
}

/// A required reason.
pub fn reason(text: &str) -> Result<Reason, ValueError> {
    Reason::parse("reason", text)
}

/// An optional reason.
pub fn optional_reason(text: Option<&str>) -> Result<Option<Reason>, ValueError> {
    Reason::parse_optional("reason", text)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn line() -> OrderLineInput {
        OrderLineInput {
            sku: Some("CEM-50KG".into()),
            description: "Cement 50 kg".into(),
            quantity: Decimal::from(10),
            unit_price: Decimal::new(9_500, 2),
            vat_treatment: VatTreatment::Standard,
        }
    }

    fn raise() -> RaisePurchaseOrderInput {
        RaisePurchaseOrderInput {
            vendor_account_id: "acc-v".into(),
            project_id: "prj-1".into(),
            cost_code: "CC-300".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            lines: vec![line(), line()],
        }
    }

    fn field(result: Result<impl Sized, ValueError>) -> Result<(), String> {
        result.map(|_| ()).map_err(|e| e.field)
    }

    #[test]
    fn each_field_is_named_as_the_caller_knows_it() {
        type Spoil = fn(&mut RaisePurchaseOrderInput);
        let cases: [(&str, Spoil); 10] = [
            ("input.vendorAccountId", |i| {
                i.vendor_account_id = "a b".into()
            }),
            ("input.projectId", |i| i.project_id = "".into()),
            ("input.costCode", |i| i.cost_code = "C".repeat(41)),
            ("input.date", |i| {
                i.date = NaiveDate::from_ymd_opt(1, 1, 1).expect("d")
            }),
            ("input.lines[1].sku", |i| {
                i.lines[1].sku = Some("CEM 50".into())
            }),
            ("input.lines[0].description", |i| {
                i.lines[0].description = " ".into()
            }),
            ("input.lines[1].quantity", |i| {
                i.lines[1].quantity = Decimal::ZERO
            }),
            ("input.lines[0].quantity", |i| {
                i.lines[0].quantity = Decimal::new(1, 5)
            }),
            ("input.lines[1].unitPrice", |i| {
                i.lines[1].unit_price = Decimal::new(-1, 0)
            }),
            ("input.lines[0].unitPrice", |i| {
                i.lines[0].unit_price = Decimal::new(1, 3)
            }),
        ];
        for (name, spoil) in cases {
            let mut bad = raise();
            spoil(&mut bad);
            assert_eq!(field(bad.parse()), Err(name.to_string()), "{name}");
        }
        let mut service = raise();
        service.lines[0].sku = None;
        assert!(service.parse().is_ok(), "a line without a SKU is a service");
        let mut sale = PlaceSalesOrderInput {
            customer_account_id: "acc\n1".into(),
            project_id: "prj-1".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            lines: vec![line()],
            retention_percent: None,
            ship_from: None,
        };
        assert_eq!(
            field(sale.clone().parse()),
            Err("input.customerAccountId".into())
        );
        sale.customer_account_id = "acc-1".into();
        assert!(sale.parse().is_ok());
    }

    #[test]
    fn shipments_and_receipts_name_their_fields() {
        let ship = |note: &str, lines: Vec<LineQuantityInput>| ShipSalesOrderInput {
            sales_order_id: "so-1".into(),
            delivery_note: note.into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            lines,
        };
        let q = |line_no, n| LineQuantityInput {
            line_no,
            quantity: Decimal::from(n),
        };
        assert!(ship("DN-1", vec![q(1, 2), q(2, 1)]).parse().is_ok());
        assert_eq!(
            field(ship("", vec![q(1, 2)]).parse()),
            Err("input.deliveryNote".into())
        );
        assert_eq!(
            field(ship("DN-1", vec![q(1, 2), q(1, 1)]).parse()),
            Err("input.lines[1].lineNo".into())
        );
        assert_eq!(
            field(ship("DN-1", vec![q(0, 2)]).parse()),
            Err("input.lines[0].lineNo".into())
        );
        assert_eq!(
            field(ship("DN-1", vec![q(1, -2)]).parse()),
            Err("input.lines[0].quantity".into())
        );
        let receipt = ReceiveGoodsInput {
            purchase_order_id: "po 1".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            lines: vec![q(1, 1)],
            into_location: None,
        };
        assert_eq!(field(receipt.parse()), Err("input.purchaseOrderId".into()));
        assert_eq!(field(reason(" ")), Err("reason".into()));
        assert_eq!(optional_reason(Some("")).map_err(|e| e.field), Ok(None));
    }

    proptest! {
        /// Any texts and numbers in: an order, or a refusal naming one of its fields.
        #[test]
        fn any_input_is_an_order_or_a_named_refusal(
            vendor in any::<String>(), cost in any::<String>(),
            sku in proptest::option::of(any::<String>()), description in any::<String>(),
            quantity in any::<i64>(), scale in 0u32..8, price in any::<i64>(),
        ) {
            let input = RaisePurchaseOrderInput {
                vendor_account_id: vendor, project_id: "prj-1".into(), cost_code: cost,
                date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
                lines: vec![OrderLineInput {
                    sku, description, quantity: Decimal::new(quantity, scale),
                    unit_price: Decimal::new(price, scale), vat_treatment: VatTreatment::Exempt,
                }],
            };
            if let Err(e) = input.parse() {
                prop_assert!(e.field.starts_with("input."), "{}", e);
            }
        }
    }
}
