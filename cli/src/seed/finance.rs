//! Finance's demo data: the chart of accounts, receivables and payables on the demo
//! project, and the supplier's bill for the demo purchase order.

use std::time::Duration;

use chrono::NaiveDate;
use constructos_commands::finance::{
    bill_id, AllocationInput, FinanceCommands, OpenLedgerAccountInput, RaiseInvoiceInput,
    RecordBillInput, RecordPaymentInput,
};
use constructos_commands::CommandError;
use constructos_domain::finance::chart::DEFAULT_CHART;
use constructos_domain::finance::{
    BillLineInput, FinanceError, FinancialCalendar, InvoiceLineInput, PaymentDirection, Rand,
    Supplier, VatTreatment, BILL_AGGREGATE, INVOICE_AGGREGATE,
};
use constructos_domain::orders::purchase_order::PURCHASE_ORDER_AGGREGATE;
use rust_decimal::Decimal;
use sqlx::PgPool;

use super::project::demo_project;
use super::{first_party, seed_context, DEMO_COMPANY};

/// Opens every account of the default South African construction chart that is not
/// open yet (idempotent: an existing code is left as it is). Returns how many opened.
pub async fn seed_chart(finance: &PgPool, calendar: FinancialCalendar) -> anyhow::Result<usize> {
    // Opening accounts shows no supplier anywhere.
    let commands = FinanceCommands::new(finance.clone(), calendar, DEMO_COMPANY.supplier());
    let ctx = seed_context();
    let mut opened = 0;
    for entry in DEFAULT_CHART {
        let input = OpenLedgerAccountInput {
            code: entry.code.to_string(),
            name: entry.name.to_string(),
            account_type: entry.account_type,
            cost_type: entry.cost_type,
        };
        match commands.open_ledger_account(&ctx, input).await {
            Ok(_) => opened += 1,
            // Already in the chart (seeded before, or opened by hand): leave it.
            Err(CommandError::Rejected(m))
                if m == FinanceError::AccountAlreadyExists.to_string() => {}
            Err(e) => {
                return Err(anyhow::anyhow!(
                    "Failed to open ledger account {}: {e}",
                    entry.code
                ))
            }
        }
    }
    Ok(opened)
}

/// How long the seed waits for finance to learn of the demo accounts and project.
const FACTS_WAIT: Duration = Duration::from_secs(60);

/// Waits until finance's copy knows every account and project named; `false` when the
/// wait ran out (the relays and finance's projection workers are not running).
async fn finance_knows(finance: &PgPool, accounts: &[&str], project: &str) -> anyhow::Result<bool> {
    let deadline = tokio::time::Instant::now() + FACTS_WAIT;
    let accounts: Vec<String> = accounts.iter().map(|a| a.to_string()).collect();
    loop {
        let (known_accounts, known_project): (i64, bool) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM read_model.known_accounts WHERE id = ANY ($1)),
                    EXISTS (SELECT 1 FROM read_model.known_projects WHERE id = $2)",
        )
        .bind(&accounts)
        .bind(project)
        .fetch_one(finance)
        .await?;
        if known_accounts == accounts.len() as i64 && known_project {
            return Ok(true);
        }
        if tokio::time::Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn line(description: &str, quantity: i64, cents: i64, project: &str) -> InvoiceLineInput {
    InvoiceLineInput {
        description: description.to_string(),
        quantity: Decimal::from(quantity),
        unit_price: Rand::cents(cents),
        vat_treatment: VatTreatment::Standard,
        project_id: Some(project.to_string()),
        cost_code: None,
    }
}

/// Demo receivables and payables, dated back from `today` so that the aged reports
/// have something in several buckets: two progress claims to the first demo customer
/// (the older one part-paid), and a subcontractor's bill, part-paid, all on the demo
/// project (created in orders when missing). Skipped when the finance event store
/// already holds an invoice, and — with a warning — when finance's copy has not learnt
/// of the demo accounts and project within a minute (the stack is not running).
/// Returns how many documents it made.
pub async fn seed_finance(
    identity: &PgPool,
    orders: &PgPool,
    finance: &PgPool,
    calendar: FinancialCalendar,
    supplier: Supplier,
    today: NaiveDate,
) -> anyhow::Result<usize> {
    let invoiced: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(INVOICE_AGGREGATE)
        .fetch_one(finance)
        .await?;
    let (Some(customer), Some(sub)) = (
        first_party(identity, "CUSTOMER").await?,
        first_party(identity, "SUBCONTRACTOR").await?,
    ) else {
        return Ok(0);
    };
    if invoiced > 0 {
        return Ok(0);
    }
    let project_id = demo_project(orders).await?;
    if !finance_knows(finance, &[&customer, &sub], &project_id).await? {
        tracing::warn!(
            "finance has not learnt of the demo accounts and project from the topics; \
             demo invoices skipped (run the seed with the stack up)"
        );
        return Ok(0);
    }
    let commands = FinanceCommands::new(finance.clone(), calendar, supplier);
    let ctx = seed_context();
    let days_ago = |n: i64| today - chrono::Duration::days(n);
    let project = project_id.as_str();
    let claim = |date, lines| RaiseInvoiceInput {
        customer_account_id: customer.clone(),
        date,
        lines,
        retention_percent: Some(Decimal::from(10)),
        retention_amount: None,
    };
    let first = commands
        .raise_invoice(
            &ctx,
            claim(
                days_ago(75),
                vec![
                    line(
                        "Progress claim 1: earthworks and foundations",
                        1,
                        48_500_000,
                        project,
                    ),
                    line("Reinforcing steel, tonnes", 12, 1_895_000, project),
                ],
            ),
        )
        .await?;
    commands
        .raise_invoice(
            &ctx,
            claim(
                days_ago(20),
                vec![line(
                    "Progress claim 2: ground floor slab",
                    1,
                    62_000_000,
                    project,
                )],
            ),
        )
        .await?;
    commands
        .record_payment(
            &ctx,
            RecordPaymentInput {
                direction: PaymentDirection::Received,
                counterparty_id: customer.clone(),
                date: days_ago(40),
                amount: Rand::cents(30_000_000),
                reference: "EFT PROGRESS 1".to_string(),
                allocations: vec![AllocationInput {
                    document_id: first.id,
                    amount: Rand::cents(30_000_000),
                }],
            },
        )
        .await?;
    let bill = commands
        .record_bill(
            &ctx,
            RecordBillInput {
                supplier_account_id: sub.clone(),
                supplier_reference: "DEMO-SUB-001".to_string(),
                date: days_ago(30),
                lines: vec![BillLineInput {
                    account_code: "5300".to_string(),
                    description: "Formwork and shuttering, ground floor".to_string(),
                    quantity: Decimal::ONE,
                    unit_price: Rand::cents(18_400_000),
                    vat_treatment: VatTreatment::Standard,
                    project_id: Some(project.to_string()),
                    cost_code: Some("03-100".to_string()),
                    purchase_order_line_no: None,
                }],
                retention_percent: Some(Decimal::from(5)),
                retention_amount: None,
                purchase_order_id: None,
            },
        )
        .await?;
    commands
        .record_payment(
            &ctx,
            RecordPaymentInput {
                direction: PaymentDirection::Made,
                counterparty_id: sub,
                date: days_ago(10),
                amount: Rand::cents(10_000_000),
                reference: "DEMO SUB PART".to_string(),
                allocations: vec![AllocationInput {
                    document_id: bill,
                    amount: Rand::cents(10_000_000),
                }],
            },
        )
        .await?;
    Ok(3)
}

/// The supplier's invoice number on the demo bill for the demo purchase order.
pub const DEMO_BILL_REFERENCE: &str = "HCA-DEMO-0001";

/// The price the demo bill charges per bag of cement above the order's: R 1.00 on
/// R 95.00, 1.05%, inside the default 2% price tolerance of the three-way match.
const DEMO_BILL_CEMENT_MARKUP_CENTS: i64 = 1_00;

/// The demo vendor's bill for the demo purchase order, matched within tolerance: each
/// line what was received (from finance's copy of the goods received notes) at the
/// order's price, the cement R 1.00 a bag dearer — a price variance inside the default
/// 2%. Skipped when the demo project or its approved order does not exist or the bill is
/// recorded already, and — with a warning — when finance has not learnt of the order and
/// its receipt within a minute (the stack is not running). Returns how many bills it
/// recorded (0 or 1).
pub async fn seed_matched_bill(
    identity: &PgPool,
    orders: &PgPool,
    finance: &PgPool,
    commands: FinanceCommands,
) -> anyhow::Result<usize> {
    let (Some(project), Some(vendor)) = (
        super::project::existing_demo_project(orders).await?,
        first_party(identity, "VENDOR").await?,
    ) else {
        return Ok(0);
    };
    let id = bill_id(&vendor, DEMO_BILL_REFERENCE);
    let recorded: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM events WHERE aggregate_type = $1 AND aggregate_id = $2)",
    )
    .bind(BILL_AGGREGATE)
    .bind(&id)
    .fetch_one(finance)
    .await?;
    let ordered: Option<String> = sqlx::query_scalar(
        "SELECT aggregate_id FROM events
          WHERE aggregate_type = $1 AND event_type = 'PurchaseOrderApproved'
            AND payload::jsonb #>> '{PurchaseOrderApproved,project_id}' = $2
          ORDER BY global_id LIMIT 1",
    )
    .bind(PURCHASE_ORDER_AGGREGATE)
    .bind(&project)
    .fetch_optional(orders)
    .await?;
    let Some(order) = ordered else {
        return Ok(0);
    };
    if recorded {
        return Ok(0);
    }
    let vendor_known = finance_knows(finance, &[&vendor], &project).await?;
    let received = match vendor_known {
        true => received_lines(finance, &order).await?,
        false => None,
    };
    let Some(lines) = received else {
        tracing::warn!(
            order = %order,
            "finance has not learnt of the demo vendor, purchase order and receipt; no demo bill"
        );
        return Ok(0);
    };
    let cement = lines.iter().map(|l| l.0).min();
    let lines = lines
        .into_iter()
        .map(|(line_no, description, quantity, price, receipt_date)| {
            let markup = if Some(line_no) == cement {
                Rand::cents(DEMO_BILL_CEMENT_MARKUP_CENTS)
            } else {
                Rand::ZERO
            };
            (
                receipt_date,
                BillLineInput {
                    account_code: "5100".to_string(),
                    description,
                    quantity,
                    unit_price: price + markup,
                    vat_treatment: VatTreatment::Standard,
                    project_id: Some(project.clone()),
                    cost_code: Some(DEMO_ORDER_COST_CODE.to_string()),
                    purchase_order_line_no: Some(line_no),
                },
            )
        })
        .collect::<Vec<_>>();
    let date = lines
        .iter()
        .map(|(received, _)| *received)
        .max()
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
        + chrono::Duration::days(2);
    commands
        .record_bill(
            &seed_context(),
            RecordBillInput {
                supplier_account_id: vendor,
                supplier_reference: DEMO_BILL_REFERENCE.to_string(),
                date,
                lines: lines.into_iter().map(|(_, line)| line).collect(),
                retention_percent: None,
                retention_amount: None,
                purchase_order_id: Some(order),
            },
        )
        .await?;
    Ok(1)
}

/// The cost code of the demo purchase order (`trade.rs`).
const DEMO_ORDER_COST_CODE: &str = "CONCRETE";

/// A line of what was received against an order: its number, description, quantity
/// received, the order's unit price and the last receipt's date.
type ReceivedLine = (u32, String, Decimal, Rand, NaiveDate);

/// What finance's copy says was received on each line of `order`, once it knows the
/// order and a receipt (waiting up to [`FACTS_WAIT`]); `None` when the wait ran out.
async fn received_lines(
    finance: &PgPool,
    order: &str,
) -> anyhow::Result<Option<Vec<ReceivedLine>>> {
    let deadline = tokio::time::Instant::now() + FACTS_WAIT;
    loop {
        let rows: Vec<(i32, String, Decimal, Decimal, NaiveDate)> = sqlx::query_as(
            "SELECT r.line_no, l->>'description', sum(r.quantity), (l->>'unit_price')::numeric,
                    max(r.receipt_date)
               FROM read_model.known_purchase_orders o
               CROSS JOIN LATERAL jsonb_array_elements(o.lines) l
               JOIN read_model.goods_receipts r
                 ON r.purchase_order_id = o.id AND r.line_no = (l->>'line_no')::int
              WHERE o.id = $1 AND o.status = 'APPROVED'
              GROUP BY r.line_no, l->>'description', l->>'unit_price'
              ORDER BY r.line_no",
        )
        .bind(order)
        .fetch_all(finance)
        .await?;
        if !rows.is_empty() {
            return rows
                .into_iter()
                .map(|(line_no, description, quantity, price, date)| {
                    Ok((
                        u32::try_from(line_no)?,
                        description,
                        quantity,
                        Rand::from_decimal(price)?,
                        date,
                    ))
                })
                .collect::<anyhow::Result<Vec<_>>>()
                .map(Some);
        }
        if tokio::time::Instant::now() >= deadline {
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
