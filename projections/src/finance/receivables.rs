//! Reads of receivables and payables: aged debtors and creditors as at any date, and
//! supplier bills, credit notes and payments with their allocations.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance::{
    age_bucket, blocked_reasons, AgeBucket, AgedAmounts, BillLine, BillSupplier, Customer,
    InvoiceLine, InvoiceTotals, LineMatch, PaymentDirection, Rand, RetentionBasis, Supplier,
    VatPart,
};
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgRow;
use sqlx::PgPool;

use super::columns::{get, part, rand};

/// Debtors (customers' invoices) or creditors (suppliers' bills).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgedSide {
    Debtors,
    Creditors,
}

impl AgedSide {
    fn kind(self) -> &'static str {
        match self {
            AgedSide::Debtors => "INVOICE",
            AgedSide::Creditors => "BILL",
        }
    }

    fn direction(self) -> PaymentDirection {
        match self {
            AgedSide::Debtors => PaymentDirection::Received,
            AgedSide::Creditors => PaymentDirection::Made,
        }
    }
}

/// One invoice or bill with something still open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenItem {
    pub document_id: String,
    pub number: String,
    pub document_date: NaiveDate,
    pub open: Rand,
    pub bucket: AgeBucket,
}

/// One customer's or supplier's line of an aged report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgedLine {
    pub counterparty_id: String,
    pub counterparty_name: String,
    pub amounts: AgedAmounts,
    pub items: Vec<OpenItem>,
}

/// Aged debtors or creditors as at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgedReport {
    pub side: AgedSide,
    pub as_at: NaiveDate,
    pub lines: Vec<AgedLine>,
    pub totals: AgedAmounts,
}

/// A supplier bill as recorded, with what is still open on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillRow {
    pub id: String,
    pub supplier: BillSupplier,
    pub supplier_reference: String,
    pub date: NaiveDate,
    pub lines: Vec<BillLine>,
    pub retention_percent: Option<Decimal>,
    /// The rule the retention was decided under (`GROSS` before SARS's rule).
    pub retention_basis: RetentionBasis,
    /// The input VAT deferred on the retention when recorded.
    pub vat_deferred: Rand,
    pub totals: InvoiceTotals,
    pub journal_id: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<String>,
    pub open: Rand,
    pub retention_held: Rand,
    /// The input VAT that became claimable with the retention released so far.
    pub retention_vat_released: Rand,
    /// The purchase order the bill is for, if any.
    #[serde(default)]
    pub purchase_order_id: Option<String>,
    /// Its three-way match per line (empty without an order).
    #[serde(default)]
    pub matching: Vec<LineMatch>,
    /// Why the match blocks payment, until approved (empty: payable).
    #[serde(default)]
    pub blocked: Vec<String>,
    /// The finance manager's approval of a blocked bill.
    #[serde(default)]
    pub match_approval: Option<MatchApproval>,
}

/// A finance manager's release of a bill its match blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchApproval {
    pub reason: String,
    pub by: Option<String>,
    pub at: String,
}

/// A tax credit note as issued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditNoteRow {
    pub id: String,
    pub number: String,
    pub invoice_id: String,
    pub invoice_number: String,
    pub date: NaiveDate,
    pub customer: Customer,
    pub supplier: Supplier,
    pub reason: String,
    pub lines: Vec<InvoiceLine>,
    pub totals: InvoiceTotals,
    pub journal_id: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Option<String>,
}

/// Part of a payment settling one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationRow {
    pub document_id: String,
    pub document_number: String,
    pub amount: Rand,
    pub date: NaiveDate,
}

/// A payment with its allocations and what is still on account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentRow {
    pub id: String,
    pub direction: PaymentDirection,
    pub counterparty_id: String,
    pub counterparty_name: String,
    pub date: NaiveDate,
    pub amount: Rand,
    pub reference: String,
    pub journal_id: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<String>,
    pub allocations: Vec<AllocationRow>,
    pub unallocated: Rand,
}

/// Aged debtors or creditors as at the end of `as_at`.
pub(super) async fn aged(
    pool: &PgPool,
    side: AgedSide,
    as_at: NaiveDate,
) -> Result<AgedReport, ReadError> {
    let items = sqlx::query(
        "SELECT o.id, o.counterparty_id, o.counterparty_name, COALESCE(o.number, '') AS number,
                o.document_date, o.amount_due + COALESCE(s.change, 0) AS open
           FROM read_model.open_items o
           LEFT JOIN (SELECT document_id, SUM(open_change) AS change
                        FROM read_model.settlements
                       WHERE effective_date <= $2
                       GROUP BY document_id) s ON s.document_id = o.id
          WHERE o.kind = $1 AND o.document_date <= $2 AND o.number IS NOT NULL
          ORDER BY o.counterparty_name, o.counterparty_id, o.document_date, o.number",
    )
    .bind(side.kind())
    .bind(as_at)
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read open items"))?;
    let on_account = sqlx::query(
        "SELECT p.counterparty_id, MIN(p.counterparty_name) AS counterparty_name,
                SUM(p.amount - COALESCE(a.allocated, 0)) AS unallocated
           FROM read_model.payments p
           LEFT JOIN (SELECT payment_id, SUM(amount) AS allocated
                        FROM read_model.payment_allocations
                       WHERE allocation_date <= $2
                       GROUP BY payment_id) a ON a.payment_id = p.id
          WHERE p.direction = $1 AND p.payment_date <= $2
          GROUP BY p.counterparty_id",
    )
    .bind(side.direction().as_str())
    .bind(as_at)
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read payments on account"))?;

    let mut lines: Vec<AgedLine> = Vec::new();
    let line_of = |id: String, name: String, lines: &mut Vec<AgedLine>| -> usize {
        match lines.iter().position(|l| l.counterparty_id == id) {
            Some(index) => index,
            None => {
                lines.push(AgedLine {
                    counterparty_id: id,
                    counterparty_name: name,
                    amounts: AgedAmounts::default(),
                    items: Vec::new(),
                });
                lines.len() - 1
            }
        }
    };
    for row in &items {
        let open = rand(row, "open")?;
        if open.is_zero() {
            continue;
        }
        let date: NaiveDate = get(row, "document_date")?;
        let bucket = age_bucket(date, as_at);
        let index = line_of(
            get(row, "counterparty_id")?,
            get(row, "counterparty_name")?,
            &mut lines,
        );
        lines[index].amounts.add(bucket, open);
        lines[index].items.push(OpenItem {
            document_id: get(row, "id")?,
            number: get(row, "number")?,
            document_date: date,
            open,
            bucket,
        });
    }
    for row in &on_account {
        let unallocated = rand(row, "unallocated")?;
        if unallocated.is_zero() {
            continue;
        }
        let index = line_of(
            get(row, "counterparty_id")?,
            get(row, "counterparty_name")?,
            &mut lines,
        );
        lines[index].amounts.on_account = lines[index].amounts.on_account + unallocated;
    }
    lines.sort_by(|a, b| {
        (a.counterparty_name.as_str(), a.counterparty_id.as_str())
            .cmp(&(b.counterparty_name.as_str(), b.counterparty_id.as_str()))
    });
    let mut totals = AgedAmounts::default();
    for line in &lines {
        totals.absorb(&line.amounts);
    }
    Ok(AgedReport {
        side,
        as_at,
        lines,
        totals,
    })
}

/// What is open and withheld on one document today (all settlements), and the VAT
/// released with its retention so far.
async fn open_now(pool: &PgPool, id: &str) -> Result<(Rand, Rand, Rand), ReadError> {
    let row = sqlx::query(
        "SELECT o.amount_due + COALESCE(SUM(s.open_change), 0) AS open,
                o.retention - COALESCE(SUM(s.open_change - s.vat)
                    FILTER (WHERE s.kind = 'RETENTION_RELEASE'), 0) AS retention_held,
                COALESCE(SUM(s.vat) FILTER (WHERE s.kind = 'RETENTION_RELEASE'), 0)
                    AS retention_vat_released
           FROM read_model.open_items o
           LEFT JOIN read_model.settlements s ON s.document_id = o.id
          WHERE o.id = $1
          GROUP BY o.id",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(read("Failed to read what is open"))?;
    match row {
        Some(r) => Ok((
            rand(&r, "open")?,
            rand(&r, "retention_held")?,
            rand(&r, "retention_vat_released")?,
        )),
        None => Ok((Rand::ZERO, Rand::ZERO, Rand::ZERO)),
    }
}

const BILL_COLUMNS: &str =
    "id, supplier_reference, bill_date, journal_id, recorded_at, recorded_by, document";

async fn bill(pool: &PgPool, row: &PgRow) -> Result<BillRow, ReadError> {
    let document: serde_json::Value = get(row, "document")?;
    let id: String = get(row, "id")?;
    let (open, retention_held, retention_vat_released) = open_now(pool, &id).await?;
    let retained: Option<Vec<VatPart>> = part(&document, "retained")?;
    let matching: Vec<LineMatch> =
        part::<Option<Vec<LineMatch>>>(&document, "matching")?.unwrap_or_default();
    let match_approval: Option<MatchApproval> = part(&document, "match_approval")?;
    Ok(BillRow {
        id,
        supplier: part(&document, "supplier")?,
        supplier_reference: get(row, "supplier_reference")?,
        date: get(row, "bill_date")?,
        lines: part(&document, "lines")?,
        retention_percent: part(&document, "retention_percent")?,
        retention_basis: part::<Option<RetentionBasis>>(&document, "retention_basis")?
            .unwrap_or_default(),
        vat_deferred: retained.unwrap_or_default().iter().map(|p| p.vat).sum(),
        totals: part(&document, "totals")?,
        journal_id: get(row, "journal_id")?,
        recorded_at: get(row, "recorded_at")?,
        recorded_by: get(row, "recorded_by")?,
        open,
        retention_held,
        retention_vat_released,
        purchase_order_id: part(&document, "purchase_order_id")?,
        blocked: match &match_approval {
            Some(_) => Vec::new(),
            None => blocked_reasons(&matching),
        },
        matching,
        match_approval,
    })
}

/// One supplier bill.
pub(super) async fn one_bill(pool: &PgPool, id: &str) -> Result<Option<BillRow>, ReadError> {
    let row = sqlx::query(&format!(
        "SELECT {BILL_COLUMNS} FROM read_model.bills WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(read("Failed to read a bill"))?;
    match row {
        Some(r) => Ok(Some(bill(pool, &r).await?)),
        None => Ok(None),
    }
}

/// Supplier bills, newest first; at most 500.
pub(super) async fn bills(pool: &PgPool) -> Result<Vec<BillRow>, ReadError> {
    let rows = sqlx::query(&format!(
        "SELECT {BILL_COLUMNS} FROM read_model.bills ORDER BY bill_date DESC, id DESC LIMIT 500"
    ))
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read bills"))?;
    let mut bills = Vec::with_capacity(rows.len());
    for r in &rows {
        bills.push(bill(pool, r).await?);
    }
    Ok(bills)
}

/// Credit notes, newest first; at most 500.
pub(super) async fn credit_notes(pool: &PgPool) -> Result<Vec<CreditNoteRow>, ReadError> {
    let rows = sqlx::query(
        "SELECT id, number, invoice_id, credit_date, journal_id, issued_at, issued_by, document
           FROM read_model.credit_notes ORDER BY credit_date DESC, number DESC LIMIT 500",
    )
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read credit notes"))?;
    rows.iter()
        .map(|r| {
            let document: serde_json::Value = get(r, "document")?;
            Ok(CreditNoteRow {
                id: get(r, "id")?,
                number: get(r, "number")?,
                invoice_id: get(r, "invoice_id")?,
                invoice_number: part(&document, "invoice_number")?,
                date: get(r, "credit_date")?,
                customer: part(&document, "customer")?,
                supplier: part(&document, "supplier")?,
                reason: part(&document, "reason")?,
                lines: part(&document, "lines")?,
                totals: part(&document, "totals")?,
                journal_id: get(r, "journal_id")?,
                issued_at: get(r, "issued_at")?,
                issued_by: get(r, "issued_by")?,
            })
        })
        .collect()
}

/// Which payments to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum PaymentScope {
    /// The latest 500.
    Latest,
    /// Dated on or before `as_at` and not reconciled to any bank statement line.
    NotOnAStatement { as_at: NaiveDate },
}

/// Payments, newest first, with their allocations; at most 500.
pub(super) async fn payments(pool: &PgPool) -> Result<Vec<PaymentRow>, ReadError> {
    payments_where(pool, PaymentScope::Latest).await
}

/// Payments in `scope`, newest first, with their allocations; at most 500.
pub(super) async fn payments_where(
    pool: &PgPool,
    scope: PaymentScope,
) -> Result<Vec<PaymentRow>, ReadError> {
    let as_at = match scope {
        PaymentScope::Latest => None,
        PaymentScope::NotOnAStatement { as_at } => Some(as_at),
    };
    let rows = sqlx::query(
        "SELECT p.id, direction, counterparty_id, counterparty_name, payment_date, p.amount,
                p.reference, journal_id, recorded_at, recorded_by
           FROM read_model.payments p
          WHERE $1::date IS NULL
             OR (p.payment_date <= $1
                 AND NOT EXISTS (SELECT 1 FROM read_model.bank_lines b WHERE b.payment_id = p.id))
          ORDER BY payment_date DESC, p.id DESC LIMIT 500",
    )
    .bind(as_at)
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read payments"))?;
    let ids: Vec<String> = rows
        .iter()
        .map(|r| get(r, "id"))
        .collect::<Result<_, _>>()?;
    let allocations = sqlx::query(
        "SELECT payment_id, document_id, document_number, amount, allocation_date
           FROM read_model.payment_allocations WHERE payment_id = ANY($1)
          ORDER BY allocation_date, document_number",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await
    .map_err(read("Failed to read allocations"))?;
    let mut payments = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: String = get(r, "id")?;
        let mut own = Vec::new();
        for a in &allocations {
            if get::<String>(a, "payment_id")? == id {
                own.push(AllocationRow {
                    document_id: get(a, "document_id")?,
                    document_number: get(a, "document_number")?,
                    amount: rand(a, "amount")?,
                    date: get(a, "allocation_date")?,
                });
            }
        }
        let amount = rand(r, "amount")?;
        let allocated: Rand = own.iter().map(|a| a.amount).sum();
        let direction = match get::<String>(r, "direction")?.as_str() {
            "MADE" => PaymentDirection::Made,
            _ => PaymentDirection::Received,
        };
        payments.push(PaymentRow {
            id,
            direction,
            counterparty_id: get(r, "counterparty_id")?,
            counterparty_name: get(r, "counterparty_name")?,
            date: get(r, "payment_date")?,
            amount,
            reference: get(r, "reference")?,
            journal_id: get(r, "journal_id")?,
            recorded_at: get(r, "recorded_at")?,
            recorded_by: get(r, "recorded_by")?,
            allocations: own,
            unallocated: amount - allocated,
        });
    }
    Ok(payments)
}
