//! Orders' copy of finance's postings to projects (`orders.project_actuals`), from
//! finance's topic: the type of every ledger account, every journal line that names a
//! project, and the number of every invoice finance issued (a claim's invoice is found
//! by the id derived from the claim). The project status read model's actual cost is the net debit of a
//! project's lines on expense accounts — the rule finance's project cost report uses —
//! computed when read, so accounts and journals may arrive in either order. A bill
//! recorded against a purchase order records what it billed (excl. VAT): the order's
//! open commitment is what is committed less what is billed.

use async_trait::async_trait;
use constructos_domain::finance::{
    BillEvent, InvoiceEvent, JournalEvent, LedgerAccountEvent, Rand, BILL_AGGREGATE,
    INVOICE_AGGREGATE, JOURNAL_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE,
};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// Keeps `read_model.known_ledger_accounts`, `read_model.project_postings`,
/// `read_model.known_invoices` and `read_model.billed_purchase_orders`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProjectActualsProjection;

#[async_trait]
impl Projection for ProjectActualsProjection {
    fn name(&self) -> &'static str {
        "orders.project_actuals"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        match (event.aggregatetype.as_str(), event.short_type()) {
            (LEDGER_ACCOUNT_AGGREGATE, "LedgerAccountOpened") => {
                let LedgerAccountEvent::LedgerAccountOpened {
                    code, account_type, ..
                } = domain_event::<LedgerAccountEvent>(event)?
                else {
                    return Ok(());
                };
                sqlx::query(
                    "INSERT INTO read_model.known_ledger_accounts (code, account_type)
                     VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
                )
                .bind(code)
                .bind(account_type.as_str())
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to record a ledger account"))?;
            }
            (JOURNAL_AGGREGATE, "JournalPosted") => {
                let JournalEvent::JournalPosted { date, lines, .. } =
                    domain_event::<JournalEvent>(event)?
                else {
                    return Ok(());
                };
                for (index, line) in lines.iter().enumerate() {
                    let Some(project) = &line.project_id else {
                        continue;
                    };
                    sqlx::query(
                        "INSERT INTO read_model.project_postings
                             (journal_id, line, project_id, cost_code, account_code, amount, posted_on)
                         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                    )
                    .bind(&event.subject)
                    .bind(i32::try_from(index).unwrap_or(i32::MAX))
                    .bind(project)
                    .bind(&line.cost_code)
                    .bind(&line.account_code)
                    .bind(line.signed().as_decimal())
                    .bind(date)
                    .execute(&mut **tx)
                    .await
                    .map_err(database("Failed to record a project posting"))?;
                }
            }
            (INVOICE_AGGREGATE, "InvoiceIssued") => {
                let InvoiceEvent::InvoiceIssued { number, .. } =
                    domain_event::<InvoiceEvent>(event)?
                else {
                    return Ok(());
                };
                sqlx::query(
                    "INSERT INTO read_model.known_invoices (id, number, issued_at)
                     VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
                )
                .bind(&event.subject)
                .bind(number)
                .bind(event.time)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to record an issued invoice"))?;
            }
            (BILL_AGGREGATE, "BillRecorded") => {
                let BillEvent::BillRecorded {
                    date,
                    lines,
                    purchase_order_id: Some(order),
                    ..
                } = domain_event::<BillEvent>(event)?
                else {
                    return Ok(());
                };
                let billed: Rand = lines.iter().map(|l| l.value_excl_vat).sum();
                sqlx::query(
                    "INSERT INTO read_model.billed_purchase_orders
                         (bill_id, purchase_order_id, billed, billed_on)
                     VALUES ($1, $2, $3, $4) ON CONFLICT (bill_id) DO NOTHING",
                )
                .bind(&event.subject)
                .bind(order)
                .bind(billed.as_decimal())
                .bind(date)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to record a bill against a purchase order"))?;
            }
            _ => {}
        }
        Ok(())
    }
}
