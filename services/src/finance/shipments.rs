//! Invoicing completed shipments: a worker on the **orders** topic that raises and issues
//! one customer invoice per `constructos.orders.ShipmentCompleted.v1`, exactly once.
//!
//! Exactly once, in two parts. The invoice id is derived from the shipment id
//! ([`invoice_id_for_shipment`], UUID v5), and raising is idempotent on that id: an
//! invoice already issued is answered, not raised again — so the same shipment in two
//! messages (a redelivery, or orders publishing twice) gives one invoice. And the worker's
//! `apply_message` records the event id as applied in its own transaction: a message
//! seen before is skipped. If the worker dies after the invoice committed but before the
//! applied record did, the redelivered message finds the invoice issued and completes.
//!
//! **The recipient comes from finance's copy of the account**, not from the shipment's
//! snapshot: the tax invoice shows the account's registered name, VAT number and
//! address as identity's events told finance (`commands/src/finance/references.rs`).
//! That copy is fed from identity's topic, the shipment from orders' topic, so the
//! shipment may arrive first. **No invoice is lost to that race**: a shipment that
//! cannot be invoiced now is parked and retried (`parking.rs`, shared with the claims
//! worker).
//!
//! A message that breaks the contract (including a line's unknown VAT treatment) is
//! logged and skipped: no later attempt could succeed.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{invoice_id_for_shipment, FinanceCommands, RaiseInvoiceInput};
use constructos_domain::finance::{FinanceError, InvoiceLineInput, Rand, VatTreatment};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::ApplyError;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::parking::{system_context, Attempt, Parkable, Parking};

/// The CloudEvent type this worker invoices.
pub const SHIPMENT_COMPLETED: &str = "constructos.orders.ShipmentCompleted.v1";

/// The customer snapshot a shipment carries. Only the account id is used: the invoice
/// shows the account as finance knows it; the rest of the snapshot is ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct ShipmentCustomer {
    pub account_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub vat_number: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}
/// One shipped line, priced.
#[derive(Debug, Clone, Deserialize)]
pub struct ShipmentLine {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Rand,
    /// `STANDARD`, `ZERO_RATED` or `EXEMPT`; anything else is refused.
    pub vat_treatment: String,
    #[serde(default)]
    pub project_id: Option<String>,
    #[serde(default)]
    pub cost_code: Option<String>,
}

/// The `data` of `ShipmentCompleted` v1 (`schemas/events/orders/ShipmentCompleted.v1.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct ShipmentCompleted {
    pub shipment_id: String,
    pub project_id: String,
    pub customer: ShipmentCustomer,
    pub date: NaiveDate,
    pub lines: Vec<ShipmentLine>,
    #[serde(default)]
    pub retention_percent: Option<Decimal>,
}

impl ShipmentCompleted {
    /// The invoice this shipment raises; each line defaults to the shipment's project.
    pub fn invoice(self) -> Result<RaiseInvoiceInput, FinanceError> {
        let mut lines = Vec::with_capacity(self.lines.len());
        for line in self.lines {
            lines.push(InvoiceLineInput {
                description: line.description,
                quantity: line.quantity,
                unit_price: line.unit_price,
                vat_treatment: line.vat_treatment.parse::<VatTreatment>()?,
                project_id: line.project_id.or_else(|| Some(self.project_id.clone())),
                cost_code: line.cost_code,
            });
        }
        Ok(RaiseInvoiceInput {
            customer_account_id: self.customer.account_id,
            date: self.date,
            lines,
            retention_percent: self.retention_percent,
            retention_amount: None,
        })
    }
}

/// Raises a shipment's invoice (see the module docs).
#[derive(Clone)]
pub struct Shipments {
    commands: FinanceCommands,
}

/// The shipment invoicing worker: [`Shipments`] parked and retried.
pub type ShipmentInvoicing = Parking<Shipments>;

impl Parking<Shipments> {
    /// The worker invoicing shipments through `commands`.
    pub fn shipments(commands: FinanceCommands) -> Self {
        let pool = commands.pool().clone();
        Parking::new(Shipments { commands }, pool)
    }
}

impl Shipments {
    /// The shipment in `event`, or `None` when it breaks the contract (logged).
    fn shipment(event: &CloudEvent) -> Option<(String, RaiseInvoiceInput)> {
        let shipment: ShipmentCompleted = match serde_json::from_value(event.data.clone()) {
            Ok(shipment) => shipment,
            Err(e) => {
                tracing::error!(event_id = %event.id, error = %e, "skipping a ShipmentCompleted that breaks its contract");
                return None;
            }
        };
        let shipment_id = shipment.shipment_id.clone();
        match shipment.invoice() {
            Ok(input) => Some((shipment_id, input)),
            Err(e) => {
                tracing::error!(event_id = %event.id, shipment_id, error = %e, "shipment not invoiced");
                None
            }
        }
    }
}

#[async_trait]
impl Parkable for Shipments {
    const NAME: &'static str = "finance.shipment_invoicing";
    const TYPES: &'static [&'static str] = &[SHIPMENT_COMPLETED];

    fn source_id(event: &CloudEvent) -> Option<String> {
        Self::shipment(event).map(|(id, _)| id)
    }

    async fn attempt(&self, event: &CloudEvent) -> Result<Attempt, ApplyError> {
        // A shipment that breaks the contract is skipped (logged): nothing to retry.
        let Some((shipment_id, input)) = Self::shipment(event) else {
            return Ok(Attempt::Done);
        };
        let id = invoice_id_for_shipment(&shipment_id);
        let ctx = system_context(Self::NAME, event);
        let result = self.commands.raise_invoice_with_id(&ctx, &id, input).await;
        if let Ok(issued) = &result {
            tracing::info!(shipment_id, invoice_id = %issued.id, number = %issued.number, already = issued.already_issued, "shipment invoiced");
        }
        Attempt::of(result, format!("Failed to invoice shipment {shipment_id}"))
    }
}
