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
//! A message that breaks the contract, or an invoice the finance domain refuses (e.g. its
//! date falls in a closed period), is logged and skipped rather than retried for ever:
//! it would block every later message on the partition.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{invoice_id_for_shipment, FinanceCommands, RaiseInvoiceInput};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::finance::{Customer, FinanceError, InvoiceLineInput, Rand, VatTreatment};
use constructos_infra::auth::Caller;
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::Projection;
use rust_decimal::Decimal;
use serde::Deserialize;
use sqlx::{Postgres, Transaction};

/// The CloudEvent type this worker invoices.
pub const SHIPMENT_COMPLETED: &str = "constructos.orders.ShipmentCompleted.v1";

/// The customer snapshot a shipment carries; only the id and name are required.
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
            customer: Customer {
                account_id: self.customer.account_id,
                name: self.customer.name,
                vat_number: self.customer.vat_number,
                address: self.customer.address,
            },
            date: self.date,
            lines,
            retention_percent: self.retention_percent,
        })
    }
}

/// The worker's handler: raises the shipment's invoice (see the module docs).
#[derive(Clone)]
pub struct ShipmentInvoicing {
    commands: FinanceCommands,
}

impl ShipmentInvoicing {
    /// Invoices shipments through `commands`.
    pub fn new(commands: FinanceCommands) -> Self {
        Self { commands }
    }

    fn context(event: &CloudEvent) -> CommandContext {
        let caller = Caller {
            subject: "system:finance.shipment_invoicing".to_string(),
            object_id: None,
            tenant_id: None,
            name: Some("Shipment invoicing".to_string()),
            username: None,
            roles: vec![Role::FinanceUser],
        };
        let correlation = event
            .correlationid
            .clone()
            .unwrap_or_else(|| event.id.to_string());
        CommandContext::new(caller, correlation).caused_by(event.id.to_string())
    }
}

#[async_trait]
impl Projection for ShipmentInvoicing {
    fn name(&self) -> &'static str {
        "finance.shipment_invoicing"
    }

    async fn apply(
        &self,
        _tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> anyhow::Result<()> {
        if event.event_type != SHIPMENT_COMPLETED {
            return Ok(());
        }
        let shipment: ShipmentCompleted = match serde_json::from_value(event.data.clone()) {
            Ok(shipment) => shipment,
            Err(e) => {
                tracing::error!(event_id = %event.id, error = %e, "skipping a ShipmentCompleted that breaks its contract");
                return Ok(());
            }
        };
        let id = invoice_id_for_shipment(&shipment.shipment_id);
        let shipment_id = shipment.shipment_id.clone();
        let input = match shipment.invoice() {
            Ok(input) => input,
            Err(e) => {
                tracing::error!(event_id = %event.id, shipment_id, error = %e, "shipment not invoiced");
                return Ok(());
            }
        };
        let ctx = Self::context(event);
        match self.commands.raise_invoice_with_id(&ctx, &id, input).await {
            Ok(issued) => {
                tracing::info!(shipment_id, invoice_id = %issued.id, number = %issued.number, already = issued.already_issued, "shipment invoiced");
                Ok(())
            }
            Err(CommandError::Rejected(reason) | CommandError::NotFound(reason)) => {
                tracing::error!(event_id = %event.id, shipment_id, reason, "shipment not invoiced: refused");
                Ok(())
            }
            Err(e) => Err(anyhow::anyhow!(
                "Failed to invoice shipment {shipment_id}: {e}"
            )),
        }
    }
}
