//! Invoicing approved progress claims and project retention releases: a worker on the
//! **orders** topic (`finance.claim_invoicing`), exactly once per event, on the
//! mechanism of `parking.rs` (a claim or release that cannot be invoiced yet is parked
//! and retried).
//!
//! - `constructos.orders.ProgressClaimApproved.v1` raises and issues one tax invoice,
//!   id [`invoice_id_for_claim`] (UUID v5 of the claim id): each line's `amount` as
//!   quantity 1 × unit price (a 0.00 line is skipped), on the claim's project, with
//!   exactly the claim's `retention` withheld excl. VAT (SARS's rule; orders has
//!   applied the cap).
//! - `constructos.orders.ProjectRetentionReleased.v1` releases `amount` of the
//!   retention held on the project's invoices to that customer, oldest first, as one
//!   release tax invoice (id [`release_id_for_project_release`]): the amount plus its
//!   VAT. More than the invoices hold is refused and parked with the reason (a claim
//!   invoice may still be on its way).
//!
//! The customer is the account named by the event, shown as finance's copy of it knows
//! it. An event that breaks its contract is logged and skipped.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::finance::{invoice_id_for_claim, FinanceCommands, RaiseInvoiceInput};
use constructos_domain::finance::{InvoiceLineInput, Rand, VatTreatment};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::ApplyError;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::parking::{system_context, Attempt, Parkable, Parking};
use super::shipments::ShipmentCustomer;

/// The CloudEvent type of an approved progress claim.
pub const PROGRESS_CLAIM_APPROVED: &str = "constructos.orders.ProgressClaimApproved.v1";
/// The CloudEvent type of a project's retention release.
pub const PROJECT_RETENTION_RELEASED: &str = "constructos.orders.ProjectRetentionReleased.v1";

/// One claimed item (`schemas/events/orders/ProgressClaimApproved.v1.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct ClaimLine {
    pub item: String,
    pub description: String,
    /// This claim's value of the item, excl. VAT; may be 0.00.
    pub amount: Rand,
    pub vat_treatment: VatTreatment,
    #[serde(default)]
    pub cost_code: Option<String>,
}

/// The `data` of `ProgressClaimApproved` v1.
#[derive(Debug, Clone, Deserialize)]
pub struct ProgressClaimApproved {
    pub claim_id: String,
    pub claim_number: String,
    pub project_id: String,
    pub customer: ShipmentCustomer,
    pub date: NaiveDate,
    pub period_end: NaiveDate,
    pub lines: Vec<ClaimLine>,
    pub amount: Rand,
    /// Withheld on this claim, excl. VAT.
    pub retention: Rand,
    pub retention_percent: Decimal,
}

impl ProgressClaimApproved {
    /// The invoice the claim raises, or `None` when nothing is claimed (every line 0.00).
    pub fn invoice(&self) -> Option<RaiseInvoiceInput> {
        let lines: Vec<InvoiceLineInput> = self
            .lines
            .iter()
            .filter(|l| l.amount.is_positive())
            .map(|l| InvoiceLineInput {
                description: format!(
                    "{}, item {}: {} (work to {})",
                    self.claim_number, l.item, l.description, self.period_end
                ),
                quantity: Decimal::ONE,
                unit_price: l.amount,
                vat_treatment: l.vat_treatment,
                project_id: Some(self.project_id.clone()),
                cost_code: l.cost_code.clone(),
            })
            .collect();
        (!lines.is_empty()).then(|| RaiseInvoiceInput {
            customer_account_id: self.customer.account_id.clone(),
            date: self.date,
            lines,
            retention_percent: None,
            retention_amount: Some(self.retention),
        })
    }
}

/// The `data` of `ProjectRetentionReleased` v1.
#[derive(Debug, Clone, Deserialize)]
pub struct ProjectRetentionReleased {
    pub release_id: String,
    pub project_id: String,
    pub customer: ShipmentCustomer,
    pub date: NaiveDate,
    pub stage: String,
    /// Released, excl. VAT.
    pub amount: Rand,
}

/// What an orders event asks finance to invoice.
enum Asked {
    Claim(ProgressClaimApproved),
    Release(ProjectRetentionReleased),
}

/// Invoices claims and releases (see the module docs).
#[derive(Clone)]
pub struct Claims {
    commands: FinanceCommands,
}

/// The claim invoicing worker: [`Claims`] parked and retried.
pub type ClaimInvoicing = Parking<Claims>;

impl Parking<Claims> {
    /// The worker invoicing claims and releases through `commands`.
    pub fn claims(commands: FinanceCommands) -> Self {
        let pool = commands.pool().clone();
        Parking::new(Claims { commands }, pool)
    }
}

impl Claims {
    /// What `event` asks for, or `None` when it breaks its contract (logged).
    fn asked(event: &CloudEvent) -> Option<Asked> {
        let data = event.data.clone();
        let asked = match event.event_type.as_str() {
            PROGRESS_CLAIM_APPROVED => serde_json::from_value(data).map(Asked::Claim),
            PROJECT_RETENTION_RELEASED => serde_json::from_value(data).map(Asked::Release),
            _ => return None,
        };
        asked
            .map_err(|e| {
                tracing::error!(event_id = %event.id, event_type = %event.event_type, error = %e, "skipping an orders event that breaks its contract");
            })
            .ok()
    }
}

#[async_trait]
impl Parkable for Claims {
    const NAME: &'static str = "finance.claim_invoicing";
    const TYPES: &'static [&'static str] = &[PROGRESS_CLAIM_APPROVED, PROJECT_RETENTION_RELEASED];

    fn source_id(event: &CloudEvent) -> Option<String> {
        match Self::asked(event)? {
            Asked::Claim(claim) => Some(claim.claim_id),
            Asked::Release(release) => Some(release.release_id),
        }
    }

    async fn attempt(&self, event: &CloudEvent) -> Result<Attempt, ApplyError> {
        let ctx = system_context(Self::NAME, event);
        match Self::asked(event) {
            None => Ok(Attempt::Done),
            Some(Asked::Claim(claim)) => {
                let Some(input) = claim.invoice() else {
                    tracing::warn!(claim_id = claim.claim_id, "a claim of nothing: no invoice");
                    return Ok(Attempt::Done);
                };
                let id = invoice_id_for_claim(&claim.claim_id);
                let result = self.commands.raise_invoice_with_id(&ctx, &id, input).await;
                if let Ok(issued) = &result {
                    tracing::info!(claim_id = claim.claim_id, invoice_id = %issued.id, number = %issued.number, already = issued.already_issued, "progress claim invoiced");
                }
                Attempt::of(
                    result,
                    format!("Failed to invoice claim {}", claim.claim_id),
                )
            }
            Some(Asked::Release(release)) => {
                let result = self
                    .commands
                    .release_project_retention(
                        &ctx,
                        &release.release_id,
                        &release.project_id,
                        &release.customer.account_id,
                        release.amount,
                        release.date,
                    )
                    .await;
                if let Ok(done) = &result {
                    tracing::info!(release_id = release.release_id, number = ?done.number, vat = %done.vat, already = done.already_released, "project retention released");
                }
                Attempt::of(
                    result,
                    format!("Failed to release retention {}", release.release_id),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(lines: serde_json::Value) -> ProgressClaimApproved {
        serde_json::from_value(serde_json::json!({
            "claim_id": "CLM-1", "claim_number": "PC-001", "project_id": "PRJ-1",
            "customer": { "account_id": "acc-1", "name": "Msunduzi" },
            "date": "2026-03-31", "period_end": "2026-03-25",
            "lines": lines, "amount": "100.00", "retention": "10.00", "retention_percent": "10"
        }))
        .expect("a claim")
    }

    #[test]
    fn a_claim_invoices_its_lines_at_quantity_one_skipping_nought_and_withholds_its_retention() {
        let input = claim(serde_json::json!([
            { "item": "3.1", "description": "Earthworks", "amount": "100.00", "vat_treatment": "STANDARD", "cost_code": "CC-1" },
            { "item": "3.2", "description": "Brickwork", "amount": "0.00", "vat_treatment": "STANDARD" }
        ]))
        .invoice()
        .expect("an invoice");
        assert_eq!(input.lines.len(), 1);
        assert_eq!(input.lines[0].quantity, Decimal::ONE);
        assert_eq!(input.lines[0].unit_price, Rand::cents(10_000));
        assert_eq!(input.lines[0].project_id.as_deref(), Some("PRJ-1"));
        assert_eq!(
            input.lines[0].description,
            "PC-001, item 3.1: Earthworks (work to 2026-03-25)"
        );
        assert_eq!(input.retention_amount, Some(Rand::cents(1_000)));
        assert_eq!(input.retention_percent, None);
    }

    #[test]
    fn a_claim_of_nothing_raises_no_invoice() {
        let nothing = claim(serde_json::json!([
            { "item": "3.2", "description": "Brickwork", "amount": "0.00", "vat_treatment": "EXEMPT" }
        ]));
        assert!(nothing.invoice().is_none());
    }
}
