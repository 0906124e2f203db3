//! Receivables and payables read models: supplier bills, credit notes, payments and
//! their allocations, and each dated change to what is open on an invoice or bill
//! (`read_model.settlements`), from which aged debtors and creditors are read as at any
//! date. Idempotent: rows are keyed by document or event id and inserted once.

use chrono::NaiveDate;
use constructos_domain::finance::{BillEvent, CreditNoteEvent, PaymentEvent, Rand, VatPart};
use constructos_infra::cloudevents::CloudEvent;
use serde_json::json;
use sqlx::{Postgres, Transaction};

use crate::rebuild::Schema;
use crate::{database, domain_event, ApplyError};

type Tx<'a, 'b> = &'a mut Transaction<'b, Postgres>;

/// Why what is open on a document went down (a retention release, which adds to it,
/// is [`settle_release`]).
#[derive(Debug, Clone, Copy)]
pub(super) enum Settlement {
    Payment,
    CreditNote,
}

impl Settlement {
    fn as_str(self) -> &'static str {
        match self {
            Settlement::Payment => "PAYMENT",
            Settlement::CreditNote => "CREDIT_NOTE",
        }
    }

    /// Payments and credits reduce what is open.
    fn open_change(self, amount: Rand) -> Rand {
        -amount
    }
}

/// What is open and withheld now on the invoice or bill `{alias}.id`, from its open item
/// and every settlement of it: the select-list columns `open_amount` and
/// `retention_held` (nought without an open item), and the joins they read.
pub(super) fn open_now_sql(alias: &str) -> (String, String) {
    let columns = "COALESCE(o.amount_due + COALESCE(s.change, 0), 0) AS open_amount, \
                   COALESCE(o.retention - COALESCE(s.released, 0), 0) AS retention_held, \
                   COALESCE(s.released_vat, 0) AS retention_vat_released"
        .to_string();
    // A release adds the released retention and its VAT (SARS's rule) to what is open;
    // only the retention itself leaves what is held.
    let joins = format!(
        "LEFT JOIN read_model.open_items o ON o.id = {alias}.id \
         LEFT JOIN LATERAL (SELECT SUM(open_change) AS change, \
                SUM(open_change - vat) FILTER (WHERE kind = 'RETENTION_RELEASE') AS released, \
                SUM(vat) FILTER (WHERE kind = 'RETENTION_RELEASE') AS released_vat \
                FROM read_model.settlements WHERE document_id = {alias}.id) s ON true"
    );
    (columns, joins)
}

/// Records one dated change to what is open on the document the event belongs to.
pub(super) async fn settle(
    tx: Tx<'_, '_>,
    schema: Schema,
    event: &CloudEvent,
    kind: Settlement,
    source_id: &str,
    date: NaiveDate,
    amount: Rand,
) -> Result<(), ApplyError> {
    sqlx::query(&schema.sql(
        "INSERT INTO read_model.settlements
             (event_id, document_id, kind, source_id, effective_date, open_change)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (event_id) DO NOTHING",
    ))
    .bind(event.id)
    .bind(&event.subject)
    .bind(kind.as_str())
    .bind(source_id)
    .bind(date)
    .bind(kind.open_change(amount).as_decimal())
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to record a settlement"))?;
    Ok(())
}

/// A retention release under SARS's rule beyond its amount: the VAT that fell due
/// with it, per treatment, and (customer side) the release tax invoice's number.
pub(super) struct ReleaseVat<'a> {
    pub vat: Rand,
    pub parts: &'a [VatPart],
    pub number: Option<&'a str>,
}

/// Records a retention release: what is open grows by the amount and its VAT.
#[allow(clippy::too_many_arguments)]
pub(super) async fn settle_release(
    tx: Tx<'_, '_>,
    schema: Schema,
    event: &CloudEvent,
    journal_id: &str,
    date: NaiveDate,
    amount: Rand,
    with: Option<ReleaseVat<'_>>,
) -> Result<(), ApplyError> {
    let (vat, parts, number) = match with {
        Some(w) => (w.vat, Some(json!(w.parts)), w.number),
        None => (Rand::ZERO, None, None),
    };
    sqlx::query(&schema.sql(
        "INSERT INTO read_model.settlements
             (event_id, document_id, kind, source_id, effective_date, open_change, vat,
              number, parts)
         VALUES ($1, $2, 'RETENTION_RELEASE', $3, $4, $5, $6, $7, $8)
         ON CONFLICT (event_id) DO NOTHING",
    ))
    .bind(event.id)
    .bind(&event.subject)
    .bind(journal_id)
    .bind(date)
    .bind((amount + vat).as_decimal())
    .bind(vat.as_decimal())
    .bind(number)
    .bind(parts)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to record a retention release"))?;
    Ok(())
}

/// Opens the item an invoice or bill leaves owing.
#[allow(clippy::too_many_arguments)]
pub(super) async fn open_item(
    tx: Tx<'_, '_>,
    schema: Schema,
    id: &str,
    kind: &str,
    counterparty: (&str, &str),
    number: Option<&str>,
    date: NaiveDate,
    due: Rand,
    retention: Rand,
) -> Result<(), ApplyError> {
    sqlx::query(&schema.sql(
        "INSERT INTO read_model.open_items
             (id, kind, counterparty_id, counterparty_name, number, document_date, amount_due,
              retention)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO NOTHING",
    ))
    .bind(id)
    .bind(kind)
    .bind(counterparty.0)
    .bind(counterparty.1)
    .bind(number)
    .bind(date)
    .bind(due.as_decimal())
    .bind(retention.as_decimal())
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to open an item"))?;
    Ok(())
}

/// Applies a bill event; returns its effective date.
pub(super) async fn apply_bill(
    tx: Tx<'_, '_>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<NaiveDate, ApplyError> {
    match domain_event::<BillEvent>(event)? {
        BillEvent::BillRecorded {
            supplier,
            supplier_reference,
            date,
            lines,
            retention_percent,
            totals,
            journal_id,
            retention_basis,
            retained,
            purchase_order_id,
            matching,
        } => {
            let document = json!({
                "matching": matching,
                "supplier": supplier,
                "lines": lines,
                "retention_percent": retention_percent,
                "totals": totals,
                "retention_basis": retention_basis,
                "retained": retained,
                "purchase_order_id": purchase_order_id,
            });
            sqlx::query(&schema.sql(
                "INSERT INTO read_model.bills
                     (id, supplier_id, supplier_name, supplier_reference, bill_date,
                      total_incl_vat, journal_id, recorded_at, recorded_by, document)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (id) DO NOTHING",
            ))
            .bind(&event.subject)
            .bind(&supplier.account_id)
            .bind(&supplier.name)
            .bind(&supplier_reference)
            .bind(date)
            .bind(totals.incl_vat.as_decimal())
            .bind(journal_id)
            .bind(event.time)
            .bind(&event.actor)
            .bind(document)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a bill"))?;
            open_item(
                tx,
                schema,
                &event.subject,
                "BILL",
                (&supplier.account_id, &supplier.name),
                Some(&supplier_reference),
                date,
                totals.due,
                totals.retention,
            )
            .await?;
            Ok(date)
        }
        BillEvent::BillPaymentAllocated {
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
        BillEvent::BillRetentionReleased {
            amount,
            date,
            journal_id,
            input_vat,
        } => {
            let with = input_vat.as_ref().map(|v| ReleaseVat {
                vat: v.vat,
                parts: &v.parts,
                number: None,
            });
            settle_release(tx, schema, event, &journal_id, date, amount, with).await?;
            Ok(date)
        }
        BillEvent::BillMatchApproved { reason } => {
            sqlx::query(&schema.sql(
                "UPDATE read_model.bills
                    SET document = document || jsonb_build_object('match_approval',
                            jsonb_build_object('reason', $2::text, 'by', $3::text, 'at', $4::text))
                  WHERE id = $1",
            ))
            .bind(&event.subject)
            .bind(reason)
            .bind(&event.actor)
            .bind(event.time.to_rfc3339())
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to approve a bill's match"))?;
            Ok(event.time.date_naive())
        }
    }
}

/// Applies a credit note event; returns its effective date.
pub(super) async fn apply_credit_note(
    tx: Tx<'_, '_>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<NaiveDate, ApplyError> {
    let CreditNoteEvent::CreditNoteIssued {
        invoice_id,
        invoice_number,
        number,
        customer,
        supplier,
        date,
        reason,
        lines,
        totals,
        journal_id,
    } = domain_event::<CreditNoteEvent>(event)?;
    let document = json!({
        "invoice_number": invoice_number,
        "customer": customer,
        "supplier": supplier,
        "reason": reason,
        "lines": lines,
        "totals": totals,
    });
    sqlx::query(&schema.sql(
        "INSERT INTO read_model.credit_notes
             (id, number, invoice_id, credit_date, customer_id, total_incl_vat, journal_id,
              issued_at, issued_by, document)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO NOTHING",
    ))
    .bind(&event.subject)
    .bind(number)
    .bind(invoice_id)
    .bind(date)
    .bind(&customer.account_id)
    .bind(totals.incl_vat.as_decimal())
    .bind(journal_id)
    .bind(event.time)
    .bind(&event.actor)
    .bind(document)
    .execute(&mut **tx)
    .await
    .map_err(database("Failed to insert a credit note"))?;
    Ok(date)
}

/// Applies a payment event; returns its effective date.
pub(super) async fn apply_payment(
    tx: Tx<'_, '_>,
    event: &CloudEvent,
    schema: Schema,
) -> Result<NaiveDate, ApplyError> {
    match domain_event::<PaymentEvent>(event)? {
        PaymentEvent::PaymentRecorded {
            direction,
            counterparty_id,
            counterparty_name,
            date,
            amount,
            reference,
            journal_id,
        } => {
            sqlx::query(&schema.sql(
                "INSERT INTO read_model.payments
                     (id, direction, counterparty_id, counterparty_name, payment_date, amount,
                      reference, journal_id, recorded_at, recorded_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (id) DO NOTHING",
            ))
            .bind(&event.subject)
            .bind(direction.as_str())
            .bind(counterparty_id)
            .bind(counterparty_name)
            .bind(date)
            .bind(amount.as_decimal())
            .bind(reference)
            .bind(journal_id)
            .bind(event.time)
            .bind(&event.actor)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to insert a payment"))?;
            Ok(date)
        }
        PaymentEvent::PaymentAllocated {
            document_id,
            document_number,
            amount,
            date,
        } => {
            sqlx::query(&schema.sql(
                "INSERT INTO read_model.payment_allocations
                     (event_id, payment_id, document_id, document_number, amount, allocation_date)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (event_id) DO NOTHING",
            ))
            .bind(event.id)
            .bind(&event.subject)
            .bind(document_id)
            .bind(document_number)
            .bind(amount.as_decimal())
            .bind(date)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to record an allocation"))?;
            Ok(date)
        }
    }
}
