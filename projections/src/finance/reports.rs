//! The financial reports from the read models, each as at a date: the income
//! statement, balance sheet, VAT return summary and project cost report, and the
//! budgets. SQL sums exact `numeric` amounts per account over the journal lines dated
//! in the span asked for; the statements themselves are assembled by the domain's pure
//! functions (`constructos_domain::finance::statements`), the same ones the pure fold
//! of the events uses — so a report equals a replay of the events up to its date.
//!
//! Every report reads in one `REPEATABLE READ` transaction: its parts see one snapshot
//! even while the projection keeps applying events.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::finance::{
    balance_sheet, financial_year_start, income_statement, period_of, project_cost_report,
    vat_return, AccountBalance, AccountType, BalanceSheet, CostFigure, CostType, FinancialCalendar,
    IncomeStatement, ProjectCostReport, Rand, VatReturn, VatSupplies, VatTreatment,
};
use constructos_infra::{read, stored, ReadError};
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use super::columns::{get, rand};

/// One budget: a project's amount for a cost code and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub project_id: String,
    pub cost_code: String,
    /// `YYYY-MM`.
    pub period: String,
    pub amount: Rand,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
}

/// The reports over the finance database's read models.
#[derive(Clone)]
pub struct FinanceReports {
    pool: PgPool,
    calendar: FinancialCalendar,
}

/// A wire name (`EXPENSE`, `LABOUR`, `ZERO_RATED`) back into its enum.
fn wire<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, ReadError> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| stored(format!("'{name}' is not a known value")))
}

fn optional_wire<T: serde::de::DeserializeOwned>(
    name: Option<String>,
) -> Result<Option<T>, ReadError> {
    name.as_deref().map(wire).transpose()
}

/// Debits and credits per account of the lines dated within `from..=to` (from the
/// beginning when `from` is `None`), by account code.
async fn balances(
    conn: &mut PgConnection,
    from: Option<NaiveDate>,
    to: NaiveDate,
) -> Result<Vec<AccountBalance>, ReadError> {
    let rows = sqlx::query(
        "SELECT l.account_code AS code, COALESCE(a.name, '') AS name,
                a.account_type, a.cost_type,
                COALESCE(SUM(l.amount) FILTER (WHERE l.side = 'DEBIT'), 0) AS debits,
                COALESCE(SUM(l.amount) FILTER (WHERE l.side = 'CREDIT'), 0) AS credits
           FROM read_model.journal_lines l
           LEFT JOIN read_model.ledger_accounts a ON a.code = l.account_code
          WHERE l.journal_date <= $2 AND ($1::date IS NULL OR l.journal_date >= $1)
          GROUP BY l.account_code, a.name, a.account_type, a.cost_type
          ORDER BY l.account_code",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
    .map_err(read("Failed to sum the journal lines"))?;
    rows.iter()
        .map(|r| {
            Ok(AccountBalance {
                code: get(r, "code")?,
                name: get(r, "name")?,
                account_type: optional_wire::<AccountType>(get(r, "account_type")?)?,
                cost_type: optional_wire::<CostType>(get(r, "cost_type")?)?,
                debits: rand(r, "debits")?,
                credits: rand(r, "credits")?,
            })
        })
        .collect()
}

/// Cost figures from rows of `project_id`, `cost_code`, optional `cost_type`, `amount`.
fn figures(rows: &[PgRow], with_cost_type: bool) -> Result<Vec<CostFigure>, ReadError> {
    rows.iter()
        .map(|r| {
            Ok(CostFigure {
                project_id: get(r, "project_id")?,
                cost_code: get(r, "cost_code")?,
                cost_type: if with_cost_type {
                    optional_wire::<CostType>(get(r, "cost_type")?)?
                } else {
                    None
                },
                amount: rand(r, "amount")?,
            })
        })
        .collect()
}

impl FinanceReports {
    /// Reports over the finance database, financial years per `calendar`.
    pub fn new(pool: PgPool, calendar: FinancialCalendar) -> Self {
        Self { pool, calendar }
    }

    async fn snapshot(&self) -> Result<Transaction<'static, Postgres>, ReadError> {
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(read("Failed to begin a read"))?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(read("Failed to begin a snapshot read"))?;
        Ok(tx)
    }

    /// Debits and credits per account of the journals dated within `from..=to`.
    pub async fn balances(
        &self,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Vec<AccountBalance>, ReadError> {
        let mut tx = self.snapshot().await?;
        balances(&mut tx, from, to).await
    }

    /// The income statement for journals dated `from..=to`.
    pub async fn income_statement(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<IncomeStatement, ReadError> {
        let mut tx = self.snapshot().await?;
        Ok(income_statement(
            from,
            to,
            &balances(&mut tx, Some(from), to).await?,
        ))
    }

    /// The balance sheet as at the end of `as_at`, the year's profit split at the start
    /// of its financial year.
    pub async fn balance_sheet(&self, as_at: NaiveDate) -> Result<BalanceSheet, ReadError> {
        let mut tx = self.snapshot().await?;
        let to_date = balances(&mut tx, None, as_at).await?;
        let start = financial_year_start(self.calendar, as_at);
        let current_year = balances(&mut tx, Some(start), as_at).await?;
        Ok(balance_sheet(as_at, self.calendar, &to_date, &current_year))
    }

    /// The VAT return summary for the VAT period `from..=to`: VAT from the ledger,
    /// supplies from the issued customer invoices less the credit notes dated in it,
    /// retention counted when it is released (SARS's rule).
    pub async fn vat_return(&self, from: NaiveDate, to: NaiveDate) -> Result<VatReturn, ReadError> {
        let mut tx = self.snapshot().await?;
        let ledger = balances(&mut tx, Some(from), to).await?;
        // Invoice lines add to the supplies, credit-note lines (dated in the period)
        // take away: the same netting the ledger's VAT output sees. Under SARS's rule
        // the retained part of an invoice (`retained`, per treatment) is supplied when
        // it is released: it is taken off the invoice's period and counted, with its
        // VAT, in the period of each release (`settlements.parts`). Invoices of the
        // gross rule have no `retained` and their releases no parts.
        let rows = sqlx::query(
            "SELECT treatment, COALESCE(SUM(value_excl_vat), 0) AS value_excl_vat,
                    COALESCE(SUM(vat), 0) AS vat
               FROM (SELECT line->>'vat_treatment' AS treatment,
                            (line->>'value_excl_vat')::numeric AS value_excl_vat,
                            (line->>'vat')::numeric AS vat
                       FROM read_model.invoices i,
                            jsonb_array_elements(i.document->'lines') AS line
                      WHERE i.status = 'ISSUED' AND i.invoice_date BETWEEN $1 AND $2
                     UNION ALL
                     SELECT part->>'treatment',
                            -(part->>'value_excl_vat')::numeric,
                            -(part->>'vat')::numeric
                       FROM read_model.invoices i,
                            jsonb_array_elements(CASE WHEN jsonb_typeof(i.document->'retained') = 'array'
                                                      THEN i.document->'retained'
                                                      ELSE '[]'::jsonb END) AS part
                      WHERE i.status = 'ISSUED' AND i.invoice_date BETWEEN $1 AND $2
                     UNION ALL
                     SELECT part->>'treatment',
                            (part->>'value_excl_vat')::numeric,
                            (part->>'vat')::numeric
                       FROM read_model.settlements s
                       JOIN read_model.open_items o ON o.id = s.document_id AND o.kind = 'INVOICE',
                            jsonb_array_elements(s.parts) AS part
                      WHERE s.kind = 'RETENTION_RELEASE' AND jsonb_typeof(s.parts) = 'array'
                        AND s.effective_date BETWEEN $1 AND $2
                     UNION ALL
                     SELECT line->>'vat_treatment',
                            -(line->>'value_excl_vat')::numeric,
                            -(line->>'vat')::numeric
                       FROM read_model.credit_notes c,
                            jsonb_array_elements(c.document->'lines') AS line
                      WHERE c.credit_date BETWEEN $1 AND $2) supplies
              GROUP BY treatment",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&mut *tx)
        .await
        .map_err(read("Failed to sum the invoiced supplies"))?;
        let supplies = rows
            .iter()
            .map(|r| {
                let treatment: String = get(r, "treatment")?;
                Ok(VatSupplies {
                    treatment: wire::<VatTreatment>(&treatment)?,
                    value_excl_vat: rand(r, "value_excl_vat")?,
                    vat: rand(r, "vat")?,
                })
            })
            .collect::<Result<Vec<_>, ReadError>>()?;
        Ok(vat_return(from, to, &ledger, &supplies))
    }

    /// Budget vs actual vs committed per project and cost code as at the end of
    /// `as_at`, for one project or (`None`) every project.
    pub async fn project_cost_report(
        &self,
        as_at: NaiveDate,
        project_id: Option<&str>,
    ) -> Result<ProjectCostReport, ReadError> {
        let mut tx = self.snapshot().await?;
        let budgets = sqlx::query(
            "SELECT project_id, cost_code, SUM(amount) AS amount
               FROM read_model.budgets
              WHERE period <= $1 AND ($2::text IS NULL OR project_id = $2)
              GROUP BY project_id, cost_code",
        )
        .bind(period_of(as_at))
        .bind(project_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(read("Failed to sum the budgets"))?;
        let actuals = sqlx::query(
            "SELECT l.project_id, l.cost_code, a.cost_type,
                    SUM(CASE l.side WHEN 'DEBIT' THEN l.amount ELSE -l.amount END) AS amount
               FROM read_model.journal_lines l
               JOIN read_model.ledger_accounts a ON a.code = l.account_code
              WHERE a.account_type = 'EXPENSE' AND l.project_id IS NOT NULL
                AND l.journal_date <= $1 AND ($2::text IS NULL OR l.project_id = $2)
              GROUP BY l.project_id, l.cost_code, a.cost_type",
        )
        .bind(as_at)
        .bind(project_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(read("Failed to sum the actual costs"))?;
        // Per order: its movements dated by then (approved lines, minus the rest when
        // it was cancelled or closed) less what was billed against it by then, never
        // below nought; then per project and cost code.
        let committed = sqlx::query(
            "SELECT c.project_id, c.cost_code,
                    SUM(GREATEST(c.amount - COALESCE(b.billed, 0), 0)) AS amount
               FROM (SELECT source_id, project_id, cost_code, SUM(amount) AS amount
                       FROM read_model.commitments
                      WHERE commitment_date <= $1 AND ($2::text IS NULL OR project_id = $2)
                      GROUP BY source_id, project_id, cost_code) c
               LEFT JOIN (SELECT document->>'purchase_order_id' AS purchase_order_id,
                                 SUM((document->'totals'->>'excl_vat')::numeric) AS billed
                            FROM read_model.bills
                           WHERE bill_date <= $1 AND document->>'purchase_order_id' IS NOT NULL
                           GROUP BY 1) b ON b.purchase_order_id = c.source_id
              GROUP BY c.project_id, c.cost_code",
        )
        .bind(as_at)
        .bind(project_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(read("Failed to sum the commitments"))?;
        let revenue = sqlx::query(
            "SELECT COALESCE(SUM(CASE l.side WHEN 'CREDIT' THEN l.amount ELSE -l.amount END), 0)
                    AS amount
               FROM read_model.journal_lines l
               JOIN read_model.ledger_accounts a ON a.code = l.account_code
              WHERE a.account_type = 'INCOME' AND l.project_id IS NOT NULL
                AND l.journal_date <= $1 AND ($2::text IS NULL OR l.project_id = $2)",
        )
        .bind(as_at)
        .bind(project_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(read("Failed to sum the project revenue"))?;
        Ok(project_cost_report(
            as_at,
            project_id.map(str::to_string),
            &figures(&budgets, false)?,
            &figures(&actuals, true)?,
            &figures(&committed, false)?,
            rand(&revenue, "amount")?,
        ))
    }

    /// The budgets of one project (or every project), by project, cost code and period.
    pub async fn budgets(&self, project_id: Option<&str>) -> Result<Vec<BudgetRow>, ReadError> {
        let rows = sqlx::query(
            "SELECT project_id, cost_code, period, amount, updated_at, updated_by
               FROM read_model.budgets
              WHERE $1::text IS NULL OR project_id = $1
              ORDER BY project_id, cost_code, period
              LIMIT 5000",
        )
        .bind(project_id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read budgets"))?;
        rows.iter()
            .map(|r| {
                Ok(BudgetRow {
                    project_id: get(r, "project_id")?,
                    cost_code: get(r, "cost_code")?,
                    period: get(r, "period")?,
                    amount: rand(r, "amount")?,
                    updated_at: get(r, "updated_at")?,
                    updated_by: get(r, "updated_by")?,
                })
            })
            .collect()
    }
}
