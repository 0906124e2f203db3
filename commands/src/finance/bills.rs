//! Recording supplier bills. A bill's id is derived from the supplier and the
//! supplier's own invoice number, so recording the same supplier invoice twice is
//! refused as a duplicate (even by two clerks at once: they collide on the stream).
//! The bill and its journal are appended in one transaction.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::chart::GOODS_RECEIVED_NOT_INVOICED;
use constructos_domain::finance::{
    normalized_reference, Bill, BillCommand, BillLineInput, BillSupplier, FinanceError, LineMatch,
    Rand,
};
use cqrs_es::AggregateError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use constructos_domain::values::Identifier;

use super::failures::rejected;
use super::invoices::derived_id;
use super::service::{FinanceCommands, CONFLICT_RETRIES};
use crate::{CommandContext, CommandError};

/// A supplier's tax invoice to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordBillInput {
    /// The vendor's or subcontractor's account; its name, VAT number and address come
    /// from finance's copy of the account, never from the caller.
    pub supplier_account_id: String,
    /// The supplier's own invoice number.
    pub supplier_reference: String,
    pub date: NaiveDate,
    pub lines: Vec<BillLineInput>,
    /// Withheld from a subcontractor until completion, excl. VAT: a percentage (0–20)…
    pub retention_percent: Option<Decimal>,
    /// …or an amount; not both.
    #[serde(default)]
    pub retention_amount: Option<Rand>,
    /// The approved purchase order the bill is for: one finance's copy of orders'
    /// orders knows (`NOT_FOUND` otherwise), still approved, of this supplier and of the
    /// project every line is costed to (a line without a project takes the order's).
    #[serde(default)]
    pub purchase_order_id: Option<String>,
}

/// The bill recorded for a supplier's invoice number: the same pair, the same id.
pub fn bill_id(supplier_account_id: &str, supplier_reference: &str) -> String {
    derived_id(
        "bill",
        &format!(
            "{}:{}",
            supplier_account_id.trim(),
            normalized_reference(supplier_reference)
        ),
    )
}

impl FinanceCommands {
    /// Records a supplier bill and posts it; returns the bill's id.
    pub async fn record_bill(
        &self,
        ctx: &CommandContext,
        input: RecordBillInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let supplier = self
            .known_account("input.supplierAccountId", &input.supplier_account_id)
            .await?
            .bill_supplier()
            .map_err(rejected)?;
        let mut input = input;
        let mut matching = Vec::new();
        if let Some(order) = &input.purchase_order_id {
            self.check_purchase_order(order, &supplier.account_id, &mut input.lines)
                .await?;
            matching = self.match_bill(order, &input.lines).await?;
        }
        self.check_projects(ctx, input.lines.iter().map(|l| l.project_id.as_deref()))
            .await?;
        let id = bill_id(&supplier.account_id, &input.supplier_reference);
        self.retrying(ctx, "finance.bill", &id, CONFLICT_RETRIES, || {
            self.try_record_bill(ctx, &id, supplier.clone(), input.clone(), matching.clone())
        })
        .await?;
        Ok(id)
    }

    /// Refuses a purchase order finance does not know, or one that is not approved, of
    /// another supplier, or of another project than a line's; a line without a project
    /// is costed to the order's.
    async fn check_purchase_order(
        &self,
        order: &str,
        supplier_id: &str,
        lines: &mut [BillLineInput],
    ) -> Result<(), CommandError> {
        Identifier::parse("purchaseOrderId", order)?;
        let row: Option<(String, String, String, String)> = sqlx::query_as(
            "SELECT number, vendor_account_id, project_id, status
               FROM read_model.known_purchase_orders WHERE id = $1",
        )
        .bind(order)
        .fetch_optional(self.pool())
        .await
        .map_err(|e| CommandError::Internal(format!("Failed to read the purchase orders: {e}")))?;
        let Some((number, vendor, project, status)) = row else {
            return Err(rejected(FinanceError::PurchaseOrderNotFound(
                order.to_string(),
            )));
        };
        let mismatch = |why: String| Err(rejected(FinanceError::PurchaseOrderMismatch(why)));
        if status != "APPROVED" {
            return mismatch(format!("{number} is {}", status.to_lowercase()));
        }
        if vendor != supplier_id {
            return mismatch(format!("{number} was placed with another supplier"));
        }
        for (index, line) in lines.iter_mut().enumerate() {
            match line.project_id.as_deref().map(str::trim) {
                None | Some("") => line.project_id = Some(project.clone()),
                Some(p) if p == project => {}
                Some(p) => {
                    return mismatch(format!(
                        "{number} is for project {project}, but lines[{index}] is costed to {p}"
                    ))
                }
            }
        }
        // Goods received into stock are on the books already (Dr inventory, Cr goods
        // received not invoiced): their bill clears 2010, whatever account was entered;
        // the project is costed when the stock is issued to it.
        let stocked: Vec<i32> = sqlx::query_scalar(
            "SELECT DISTINCT line_no FROM read_model.goods_receipts
              WHERE purchase_order_id = $1 AND into_stock",
        )
        .bind(order)
        .fetch_all(self.pool())
        .await
        .map_err(|e| CommandError::Internal(format!("Failed to read the goods receipts: {e}")))?;
        for line in lines.iter_mut() {
            let into_stock = line
                .purchase_order_line_no
                .and_then(|n| i32::try_from(n).ok())
                .is_some_and(|n| stocked.contains(&n));
            if into_stock {
                line.account_code = GOODS_RECEIVED_NOT_INVOICED.to_string();
            }
        }
        Ok(())
    }

    async fn try_record_bill(
        &self,
        ctx: &CommandContext,
        id: &str,
        supplier: BillSupplier,
        input: RecordBillInput,
        matching: Vec<LineMatch>,
    ) -> Result<(), AggregateError<FinanceError>> {
        let journal_id = derived_id("bill-journal", id);
        let mut bill = self.store.load::<Bill>(id).await?;
        let record = BillCommand::RecordBill {
            supplier,
            supplier_reference: input.supplier_reference,
            date: input.date,
            lines: input.lines,
            retention_percent: input.retention_percent,
            retention_amount: input.retention_amount,
            purchase_order_id: input.purchase_order_id,
            matching,
            journal_id: journal_id.clone(),
        };
        let mut events = self
            .store
            .decide(&mut bill, record, &(), &ctx.metadata())
            .await?;
        let narrative = format!(
            "Supplier invoice {} from {}",
            bill.aggregate.reference(),
            bill.aggregate.supplier().name
        );
        events.extend(
            self.system_journal(
                ctx,
                &journal_id,
                input.date,
                narrative,
                bill.aggregate.posting(),
            )
            .await?,
        );
        self.store.commit_all(&events).await
    }
}
