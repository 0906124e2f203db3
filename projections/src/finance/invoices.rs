//! The invoices read model: one row per invoice holding its tax-invoice document, and
//! the reads of it. Idempotent: a row is inserted once, updates are guarded by sequence.

use constructos_domain::finance::{InvoiceEvent, RetentionBasis, VatPart};
use constructos_infra::cloudevents::CloudEvent;
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde_json::json;
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, Transaction};

use super::columns::{get, part, rand};
use super::rows::InvoiceRow;
use super::settlements::{open_item, open_now_sql, settle, settle_release, ReleaseVat, Settlement};
use crate::rebuild::Schema;
use crate::{database, domain_event, ApplyError};

/// Applies an invoice event; returns its effective date (the invoice date, or the day
/// it was recorded for the issue).
pub(super) async fn apply_invoice(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<chrono::NaiveDate, ApplyError> {
    match domain_event::<InvoiceEvent>(event)? {
        InvoiceEvent::InvoiceRaised {
            customer,
            supplier,
            date,
            lines,
            retention_percent,
            totals,
            retention_basis,
            retained,
        } => {
            let document = json!({
                "customer": customer,
                "supplier": supplier,
                "lines": lines,
                "retention_percent": retention_percent,
                "totals": totals,
                "retention_basis": retention_basis,
                "retained": retained,
            });
            sqlx::query(&schema.sql(
                "INSERT INTO read_model.invoices
                     (id, status, invoice_date, customer_id, customer_name, total_incl_vat,
                      raised_at, raised_by, document, last_sequence)
                 VALUES ($1, 'DRAFT', $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (id) DO NOTHING",
            ))
            .bind(&event.subject)
            .bind(date)
            .bind(&customer.account_id)
            .bind(&customer.name)
            .bind(totals.incl_vat.as_decimal())
            .bind(event.time)
            .bind(&event.actor)
            .bind(document)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert an invoice"))?;
            open_item(
                tx,
                schema,
                &event.subject,
                "INVOICE",
                (&customer.account_id, &customer.name),
                None,
                date,
                totals.due,
                totals.retention,
            )
            .await?;
            Ok(date)
        }
        InvoiceEvent::InvoiceIssued { number, journal_id } => {
            let number_shown = number.clone();
            sqlx::query(&schema.sql(
                "UPDATE read_model.invoices
                    SET status = 'ISSUED', number = $2, journal_id = $3, issued_at = $4,
                        last_sequence = $5
                  WHERE id = $1 AND last_sequence < $5",
            ))
            .bind(&event.subject)
            .bind(number)
            .bind(journal_id)
            .bind(event.time)
            .bind(event.sequence)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to mark an invoice issued"))?;
            sqlx::query(&schema.sql("UPDATE read_model.open_items SET number = $2 WHERE id = $1"))
                .bind(&event.subject)
                .bind(&number_shown)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to number an open item"))?;
            Ok(event.time.date_naive())
        }
        InvoiceEvent::InvoicePaymentAllocated {
            payment_id,
            amount,
            date,
        } => {
            settle(
                tx,
                schema,
                event,
                Settlement::Payment,
                &payment_id,
                date,
                amount,
            )
            .await?;
            Ok(date)
        }
        InvoiceEvent::InvoiceCredited {
            credit_note_id,
            amount,
            date,
            ..
        } => {
            let kind = Settlement::CreditNote;
            settle(tx, schema, event, kind, &credit_note_id, date, amount).await?;
            Ok(date)
        }
        InvoiceEvent::InvoiceRetentionReleased {
            amount,
            date,
            journal_id,
            tax_invoice,
        } => {
            let with = tax_invoice.as_ref().map(|t| ReleaseVat {
                vat: t.vat,
                parts: &t.parts,
                number: Some(&t.number),
            });
            settle_release(tx, schema, event, &journal_id, date, amount, with).await?;
            Ok(date)
        }
    }
}

/// `SELECT … FROM` the invoices with what is open and withheld on each now.
fn select() -> String {
    let (open_now, joins) = open_now_sql("i");
    format!(
        "SELECT i.id, i.number, i.status, i.invoice_date, i.journal_id, i.raised_at,
                i.raised_by, i.issued_at, i.document, {open_now}
           FROM read_model.invoices i {joins}"
    )
}

fn invoice(row: &PgRow) -> Result<InvoiceRow, ReadError> {
    let document: serde_json::Value = get(row, "document")?;
    let percent: Option<Decimal> = part(&document, "retention_percent")?;
    let retained: Option<Vec<VatPart>> = part(&document, "retained")?;
    let totals = part(&document, "totals")?;
    Ok(InvoiceRow {
        id: get(row, "id")?,
        number: get(row, "number")?,
        status: get(row, "status")?,
        date: get(row, "invoice_date")?,
        customer: part(&document, "customer")?,
        supplier: part(&document, "supplier")?,
        lines: part(&document, "lines")?,
        retention_percent: percent,
        retention_basis: part::<Option<RetentionBasis>>(&document, "retention_basis")?
            .unwrap_or_default(),
        vat_deferred: retained.unwrap_or_default().iter().map(|p| p.vat).sum(),
        totals,
        journal_id: get(row, "journal_id")?,
        raised_at: get(row, "raised_at")?,
        raised_by: get(row, "raised_by")?,
        issued_at: get(row, "issued_at")?,
        open: rand(row, "open_amount")?,
        retention_held: rand(row, "retention_held")?,
        retention_vat_released: rand(row, "retention_vat_released")?,
    })
}

/// One invoice.
pub(super) async fn one(pool: &PgPool, id: &str) -> Result<Option<InvoiceRow>, ReadError> {
    let row = sqlx::query(&format!("{} WHERE i.id = $1", select()))
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(read("Failed to read an invoice"))?;
    row.as_ref().map(invoice).transpose()
}

/// Invoices by date and number, newest first; at most 500.
pub(super) async fn all(pool: &PgPool) -> Result<Vec<InvoiceRow>, ReadError> {
    let rows = sqlx::query(&format!(
        "{} ORDER BY i.invoice_date DESC, i.number DESC NULLS FIRST LIMIT 500",
        select()
    ))
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read invoices"))?;
    rows.iter().map(invoice).collect()
}
