//! Bank statements and reconciliation. A statement (CSV, see `parse_statement`) is
//! imported into the bank account's stream; each line's id is a fingerprint of its
//! date, amount, reference and description (and its occurrence among identical lines
//! of the file), so importing the same or an overlapping statement again adds only
//! the new lines. New lines are then matched to recorded payments: same signed amount
//! (money in = received), dated within [`MATCH_WINDOW_DAYS`], a payment's reference in
//! the line's text preferred, then the nearest date; each match is re-checked against
//! the payment's own stream and appended by the bank account, which refuses to match a
//! line or a payment twice.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use constructos_domain::access::Permission;
use constructos_domain::finance::{
    parse_statement, reference_matches, BankAccount, BankCommand, BankLine, FinanceError, Payment,
    PaymentDirection, Rand, ReconcileMethod, BANK,
};
use constructos_domain::values::{Identifier, Name};
use cqrs_es::AggregateError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use uuid::Uuid;

use super::invoices::derived_id;
use super::service::{FinanceCommands, CONFLICT_RETRIES};
use crate::{CommandContext, CommandError};

/// How far apart a bank line's date and a payment's date may be and still match.
pub const MATCH_WINDOW_DAYS: i64 = 5;

type Refused = AggregateError<FinanceError>;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankImport {
    pub statement_id: String,
    /// Lines new to the bank account.
    pub imported: usize,
    /// Lines imported before (by an earlier or overlapping statement).
    pub duplicates: usize,
    /// Lines matched to payments by this import.
    pub reconciled: usize,
}

/// A recorded payment that may match a line.
struct Candidate {
    id: String,
    signed: Rand,
    date: NaiveDate,
    reference: String,
}

/// Fingerprints each line: identical lines in one file are told apart by occurrence.
fn fingerprint(lines: Vec<constructos_domain::finance::StatementLine>) -> Vec<BankLine> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    lines
        .into_iter()
        .map(|l| {
            let key = format!(
                "{BANK}:{}:{}:{}:{}",
                l.date, l.amount, l.reference, l.description
            );
            let occurrence = seen.entry(key.clone()).or_insert(0);
            *occurrence += 1;
            BankLine {
                id: derived_id("bank-line", &format!("{key}:{occurrence}")),
                date: l.date,
                description: l.description,
                amount: l.amount,
                reference: l.reference,
            }
        })
        .collect()
}

impl FinanceCommands {
    /// Imports a bank statement and reconciles what it can.
    pub async fn import_bank_statement(
        &self,
        ctx: &CommandContext,
        csv: &str,
        file_name: &str,
    ) -> Result<BankImport, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        // Checked before the file is read, so a bad name is refused whatever the lines.
        Name::parse_optional("fileName", Some(file_name))?;
        let parsed = parse_statement(csv).map_err(super::failures::rejected)?;
        let total = parsed.len();
        let lines = fingerprint(parsed);
        let statement_id = Uuid::now_v7().to_string();
        let imported = self
            .retrying(
                ctx,
                "finance.bank_account",
                BANK,
                CONFLICT_RETRIES,
                || async {
                    let mut bank = self.store.load::<BankAccount>(BANK).await?;
                    let import = BankCommand::ImportStatement {
                        statement_id: statement_id.clone(),
                        file_name: file_name.to_string(),
                        lines: lines.clone(),
                    };
                    let events = self
                        .store
                        .decide(&mut bank, import, &(), &ctx.metadata())
                        .await?;
                    self.store.commit::<BankAccount>(&events).await?;
                    let new = lines.iter().filter(|l| bank.aggregate.has_line(&l.id));
                    Ok(if events.is_empty() { 0 } else { new.count() })
                },
            )
            .await?;
        let reconciled = self.auto_reconcile_bank(ctx).await?;
        Ok(BankImport {
            statement_id,
            imported,
            duplicates: total - imported,
            reconciled,
        })
    }

    /// Matches every unreconciled line it can to a recorded payment; returns how many.
    pub async fn auto_reconcile_bank(&self, ctx: &CommandContext) -> Result<usize, CommandError> {
        ctx.require(Permission::JournalsPost)?;
        self.retrying(ctx, "finance.bank_account", BANK, CONFLICT_RETRIES, || {
            self.try_auto_reconcile(ctx)
        })
        .await
    }

    async fn candidates(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Candidate>, Refused> {
        let rows = sqlx::query(
            "SELECT id, direction, amount, payment_date, reference FROM read_model.payments
              WHERE payment_date BETWEEN $1 AND $2 ORDER BY payment_date, id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(self.store.pool())
        .await
        .map_err(|e| AggregateError::UnexpectedError(Box::new(e)))?;
        let mut candidates = Vec::with_capacity(rows.len());
        for row in &rows {
            let read = || -> Result<Candidate, sqlx::Error> {
                let amount: Decimal = row.try_get("amount")?;
                let direction: String = row.try_get("direction")?;
                let amount = Rand::from_decimal(amount).unwrap_or_default();
                Ok(Candidate {
                    id: row.try_get("id")?,
                    signed: if direction == "MADE" { -amount } else { amount },
                    date: row.try_get("payment_date")?,
                    reference: row.try_get("reference")?,
                })
            };
            candidates.push(read().map_err(|e| AggregateError::UnexpectedError(Box::new(e)))?);
        }
        Ok(candidates)
    }

    async fn try_auto_reconcile(&self, ctx: &CommandContext) -> Result<usize, Refused> {
        let mut bank = self.store.load::<BankAccount>(BANK).await?;
        let mut open: Vec<_> = bank
            .aggregate
            .unreconciled()
            .map(|l| (l.id.to_string(), l.date, l.amount, l.text.to_string()))
            .collect();
        let (Some(first), Some(last)) = (
            open.iter().map(|l| l.1).min(),
            open.iter().map(|l| l.1).max(),
        ) else {
            return Ok(0);
        };
        open.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        let window = Duration::days(MATCH_WINDOW_DAYS);
        let candidates = self.candidates(first - window, last + window).await?;
        let mut taken = BTreeSet::new();
        let mut events = Vec::new();
        for (line_id, date, amount, text) in open {
            let best = candidates
                .iter()
                .filter(|c| c.signed == amount && !taken.contains(&c.id))
                .filter(|c| (c.date - date).num_days().abs() <= MATCH_WINDOW_DAYS)
                .filter(|c| !bank.aggregate.is_payment_reconciled(&c.id))
                .min_by_key(|c| {
                    (
                        !reference_matches(&text, &c.reference),
                        (c.date - date).num_days().abs(),
                    )
                });
            let Some(best) = best else { continue };
            // The read model chose; the payment's own stream confirms.
            let payment = self.store.load::<Payment>(&best.id).await?;
            let Some(direction) = payment.aggregate.direction() else {
                continue;
            };
            let signed = direction.signed(payment.aggregate.amount());
            if signed != amount {
                continue;
            }
            taken.insert(best.id.clone());
            let reconcile = BankCommand::ReconcileLine {
                line_id,
                payment_id: best.id.clone(),
                payment_amount: signed,
                method: ReconcileMethod::Auto,
            };
            events.extend(
                self.store
                    .decide(&mut bank, reconcile, &(), &ctx.metadata())
                    .await?,
            );
        }
        self.store.commit::<BankAccount>(&events).await?;
        Ok(events.len())
    }

    /// Reconciles a statement line with a payment chosen by a person.
    pub async fn reconcile_bank_line(
        &self,
        ctx: &CommandContext,
        line_id: &str,
        payment_id: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let line_id = Identifier::parse("lineId", line_id)?;
        let payment_id = Identifier::parse("paymentId", payment_id)?;
        let (line_id, payment_id) = (line_id.as_str(), payment_id.as_str());
        // A payment's amount never changes: read it once, outside the retries.
        let payment = self
            .store
            .load::<Payment>(payment_id)
            .await
            .map_err(CommandError::from)?;
        let direction: PaymentDirection = payment
            .aggregate
            .direction()
            .ok_or_else(|| super::failures::rejected(FinanceError::PaymentNotFound))?;
        let reconcile = BankCommand::ReconcileLine {
            line_id: line_id.to_string(),
            payment_id: payment_id.to_string(),
            payment_amount: direction.signed(payment.aggregate.amount()),
            method: ReconcileMethod::Manual,
        };
        self.execute::<BankAccount>(ctx, BANK, reconcile, &()).await
    }

    /// Undoes a reconciliation made in error, with a reason for the auditors.
    pub async fn unreconcile_bank_line(
        &self,
        ctx: &CommandContext,
        line_id: &str,
        reason: String,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::JournalsPost)?;
        let undo = BankCommand::UnreconcileLine {
            line_id: Identifier::parse("lineId", line_id)?.into_string(),
            reason,
        };
        self.execute::<BankAccount>(ctx, BANK, undo, &()).await
    }
}
