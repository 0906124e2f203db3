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
//! shipment may arrive first (and a line's project may not have reached finance's copy
//! of orders' projects yet). **No invoice is lost to that race**:
//!
//! 1. a shipment that cannot be invoiced now — its account or project unknown
//!    (`NOT_FOUND`), or any other refusal (a closed period, an archived account) — is
//!    **parked** in `read_model.parked_shipments` with the reason, in the same
//!    transaction that records the message as applied, and the worker moves on: one
//!    unknown account must not stall every later shipment on the partition;
//! 2. [`ShipmentInvoicing::run_parked`] (started beside the worker) tries each parked
//!    shipment again with back-off — 200 ms, doubling, at most a minute apart — for as
//!    long as it takes; invoiced, it leaves the table. The usual lag between the topics
//!    is well under a second, so a parked shipment is usually invoiced on its first
//!    retry. One still parked after [`LOUD_AFTER`] is logged as an error at each retry:
//!    the table says what is waiting and why.
//!
//! Why not wait inside the worker: `apply` runs in a transaction that has already
//! written (the applied-event record), and a transaction held open holds back finance's
//! relay (it never passes an open transaction) and the day's ledger anchor. So the
//! waiting happens outside it, from the parked table.
//!
//! A message that breaks the contract (including a line's unknown VAT treatment) is
//! logged and skipped: no later attempt could succeed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{invoice_id_for_shipment, FinanceCommands, RaiseInvoiceInput};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::finance::{FinanceError, InvoiceLineInput, Rand, VatTreatment};
use constructos_infra::auth::Caller;
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{ApplyError, Projection};
use rust_decimal::Decimal;
use serde::Deserialize;
use sqlx::{PgPool, Postgres, Transaction};
use tokio_util::sync::CancellationToken;

/// The CloudEvent type this worker invoices.
pub const SHIPMENT_COMPLETED: &str = "constructos.orders.ShipmentCompleted.v1";

/// How long a shipment may stay parked before each retry is logged as an error.
pub const LOUD_AFTER: Duration = Duration::from_secs(60);

/// The first retry of a parked shipment; each later one waits twice as long, at most
/// [`RETRY_AT_MOST`].
const FIRST_RETRY: Duration = Duration::from_millis(200);
const RETRY_AT_MOST: Duration = Duration::from_secs(60);

/// How often the parked table is looked at when nothing is known to be parked: a safety
/// net (e.g. rows parked before a restart). While something is parked it is looked at
/// every [`FIRST_RETRY`]. The finance database is not polled more often than that when
/// idle: every statement in flight is an open transaction the daily anchor must wait for.
const IDLE_LOOK: Duration = Duration::from_secs(30);

/// The wait before the retry after `attempts` attempts.
fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    FIRST_RETRY
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(RETRY_AT_MOST)
}

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

/// The worker's handler: raises the shipment's invoice (see the module docs).
#[derive(Clone)]
pub struct ShipmentInvoicing {
    commands: FinanceCommands,
    /// Whether something may be parked: set when this process parks a shipment, and
    /// while the table holds rows.
    parked: Arc<AtomicBool>,
}

/// What one attempt at invoicing a shipment came to.
enum Outcome {
    Invoiced,
    /// Refused, with the reason (a reference not known yet is one).
    Refused(String),
}

impl ShipmentInvoicing {
    /// Invoices shipments through `commands`.
    pub fn new(commands: FinanceCommands) -> Self {
        Self {
            commands,
            parked: Arc::new(AtomicBool::new(true)),
        }
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

    /// One attempt; an error is a failure outside the domain (the database), retried
    /// by the caller ([`ApplyError::Command`], transient).
    async fn attempt(
        &self,
        event: &CloudEvent,
        shipment_id: &str,
        input: &RaiseInvoiceInput,
    ) -> Result<Outcome, ApplyError> {
        let id = invoice_id_for_shipment(shipment_id);
        let ctx = Self::context(event);
        match self
            .commands
            .raise_invoice_with_id(&ctx, &id, input.clone())
            .await
        {
            Ok(issued) => {
                tracing::info!(shipment_id, invoice_id = %issued.id, number = %issued.number, already = issued.already_issued, "shipment invoiced");
                Ok(Outcome::Invoiced)
            }
            Err(CommandError::NotFound(reason) | CommandError::Rejected(reason)) => {
                Ok(Outcome::Refused(reason))
            }
            Err(e) => Err(ApplyError::Command {
                what: format!("Failed to invoice shipment {shipment_id}"),
                source: Box::new(e),
            }),
        }
    }

    /// Tries every parked shipment that is due once; returns how many were invoiced
    /// (and left the table).
    pub async fn retry_parked(&self) -> anyhow::Result<usize> {
        let pool: &PgPool = self.commands.pool();
        let parked: Vec<(String, serde_json::Value, i32, bool)> = sqlx::query_as(
            "SELECT shipment_id, event, attempts, parked_at < now() - $1::interval
               FROM read_model.parked_shipments
              WHERE next_try_at <= now()
              ORDER BY parked_at",
        )
        .bind(format!("{} seconds", LOUD_AFTER.as_secs()))
        .fetch_all(pool)
        .await
        .map_err(|e| anyhow::anyhow!("Failed to read parked shipments: {e}"))?;
        let mut invoiced = 0;
        let tried = parked.len();
        for (shipment_id, event, attempts, overdue) in parked {
            let event: CloudEvent = serde_json::from_value(event)
                .map_err(|e| anyhow::anyhow!("parked shipment {shipment_id} is unreadable: {e}"))?;
            let Some((_, input)) = Self::shipment(&event) else {
                continue;
            };
            match self.attempt(&event, &shipment_id, &input).await? {
                Outcome::Invoiced => {
                    sqlx::query("DELETE FROM read_model.parked_shipments WHERE shipment_id = $1")
                        .bind(&shipment_id)
                        .execute(pool)
                        .await
                        .map_err(|e| anyhow::anyhow!("Failed to unpark {shipment_id}: {e}"))?;
                    invoiced += 1;
                }
                Outcome::Refused(reason) => {
                    if overdue {
                        tracing::error!(
                            shipment_id,
                            reason,
                            attempts,
                            "parked shipment still not invoiced"
                        );
                    } else {
                        tracing::info!(shipment_id, reason, "parked shipment not invoiced yet");
                    }
                    let wait = backoff(attempts + 1);
                    sqlx::query(
                        "UPDATE read_model.parked_shipments
                            SET reason = $2, attempts = attempts + 1, last_tried_at = now(),
                                next_try_at = now() + $3::interval
                          WHERE shipment_id = $1",
                    )
                    .bind(&shipment_id)
                    .bind(&reason)
                    .bind(format!("{} milliseconds", wait.as_millis()))
                    .execute(pool)
                    .await
                    .map_err(|e| anyhow::anyhow!("Failed to note a parked shipment: {e}"))?;
                }
            }
        }
        if tried == invoiced {
            // Nothing was due and still parked; are rows waiting for a later retry?
            let waiting: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM read_model.parked_shipments)")
                    .fetch_one(pool)
                    .await
                    .map_err(|e| anyhow::anyhow!("Failed to read parked shipments: {e}"))?;
            self.parked.store(waiting, Ordering::Relaxed);
        }
        Ok(invoiced)
    }

    /// Tries the parked shipments as they fall due, until `shutdown`.
    pub async fn run_parked(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let mut idle = Duration::ZERO;
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return Ok(()),
                _ = tokio::time::sleep(FIRST_RETRY) => {}
            }
            idle += FIRST_RETRY;
            if !self.parked.load(Ordering::Relaxed) && idle < IDLE_LOOK {
                continue;
            }
            idle = Duration::ZERO;
            match self.retry_parked().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(invoiced = n, "parked shipments invoiced"),
                Err(e) => tracing::error!(error = ?e, "retrying parked shipments failed"),
            }
        }
    }
}

/// Records a shipment that could not be invoiced, in the worker's transaction. A
/// failure to park is retried, as a failure to invoice is ([`ApplyError::Command`]).
async fn park(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    shipment_id: &str,
    reason: &str,
) -> Result<(), ApplyError> {
    tracing::warn!(event_id = %event.id, shipment_id, reason, "shipment not invoiced yet: parked and retried");
    let body = serde_json::to_value(event).map_err(|source| ApplyError::Event {
        what: format!("Failed to encode shipment {shipment_id}'s event"),
        source,
    })?;
    sqlx::query(
        "INSERT INTO read_model.parked_shipments
             (shipment_id, event, reason, attempts, parked_at, last_tried_at, next_try_at)
         VALUES ($1, $2, $3, 1, now(), now(), now() + $4::interval)
         ON CONFLICT (shipment_id) DO NOTHING",
    )
    .bind(shipment_id)
    .bind(body)
    .bind(reason)
    .bind(format!("{} milliseconds", FIRST_RETRY.as_millis()))
    .execute(&mut **tx)
    .await
    .map_err(|e| ApplyError::Command {
        what: format!("Failed to park shipment {shipment_id}"),
        source: Box::new(e),
    })?;
    Ok(())
}

#[async_trait]
impl Projection for ShipmentInvoicing {
    fn name(&self) -> &'static str {
        "finance.shipment_invoicing"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.event_type != SHIPMENT_COMPLETED {
            return Ok(());
        }
        let Some((shipment_id, input)) = Self::shipment(event) else {
            return Ok(());
        };
        match self.attempt(event, &shipment_id, &input).await? {
            Outcome::Invoiced => Ok(()),
            Outcome::Refused(reason) => {
                self.parked.store(true, Ordering::Relaxed);
                park(tx, event, &shipment_id, &reason).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_200_ms_to_a_minute() {
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(2), Duration::from_millis(400));
        assert_eq!(backoff(5), Duration::from_millis(3200));
        assert_eq!(backoff(12), Duration::from_secs(60));
        assert_eq!(backoff(i32::MAX), Duration::from_secs(60));
        assert_eq!(backoff(0), Duration::from_millis(200));
    }
}
