//! The journal aggregate: one double-entry posting to the general ledger. A journal
//! balances, touches only open accounts and only an open period, and is never edited:
//! a mistake is corrected by a reversing journal that swaps its debits and credits,
//! linked both ways (`JournalReversed.reversal_id` ↔ `JournalPosted.reverses`).

use std::collections::BTreeSet;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::account::account_code;
use super::fields;
use super::period::period_of;
use super::{AccountStatus, FinanceError, JournalCommand, JournalEvent, Rand, JOURNAL_AGGREGATE};
use crate::values::Narrative;

/// Debit or credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Side {
    Debit,
    Credit,
}

impl Side {
    /// The other side: what a reversal posts.
    pub fn opposite(self) -> Side {
        match self {
            Side::Debit => Side::Credit,
            Side::Credit => Side::Debit,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Debit => "DEBIT",
            Side::Credit => "CREDIT",
        }
    }
}

/// Who raised a journal: a person, or the system (e.g. from an invoice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JournalSource {
    Manual,
    System,
}

impl JournalSource {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            JournalSource::Manual => "MANUAL",
            JournalSource::System => "SYSTEM",
        }
    }
}

/// One line of a journal: an amount on one side of one account, with the dimensions
/// job costing reports by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalLine {
    pub account_code: String,
    pub side: Side,
    pub amount: Rand,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    pub site_id: Option<String>,
}

impl JournalLine {
    /// The amount signed as a balance moves: debits positive, credits negative.
    pub fn signed(&self) -> Rand {
        match self.side {
            Side::Debit => self.amount,
            Side::Credit => -self.amount,
        }
    }
}

/// What a journal needs to know about the rest of the ledger. The write side answers
/// from the event store (the source of truth), tests from a double.
#[async_trait]
pub trait Ledger: Send + Sync {
    /// The account's status, or `None` when no account has that code.
    async fn account_status(&self, code: &str) -> Result<Option<AccountStatus>, String>;
    /// Whether the period `YYYY-MM` is closed.
    async fn period_closed(&self, period: &str) -> Result<bool, String>;
}

/// The services the journal aggregate decides with.
#[derive(Clone)]
pub struct JournalServices {
    ledger: Arc<dyn Ledger>,
}

impl JournalServices {
    /// Services backed by `ledger`.
    pub fn new(ledger: Arc<dyn Ledger>) -> Self {
        Self { ledger }
    }
}

/// The state a journal's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    posted: bool,
    date: Option<NaiveDate>,
    narrative: String,
    lines: Vec<JournalLine>,
    reverses: Option<String>,
    reversed_by: Option<String>,
}

impl Journal {
    /// Whether the journal has been posted.
    pub fn exists(&self) -> bool {
        self.posted
    }

    /// The journal's narrative.
    pub fn narrative(&self) -> &str {
        &self.narrative
    }

    /// The lines a reversal posts: the same accounts, amounts and dimensions with
    /// debits and credits swapped.
    pub fn reversing_lines(&self) -> Vec<JournalLine> {
        self.lines
            .iter()
            .map(|line| JournalLine {
                side: line.side.opposite(),
                ..line.clone()
            })
            .collect()
    }
}

fn trimmed(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The structural rules: at least two lines, amounts above nought, valid codes, and
/// debits equal to credits. A line's dimensions are checked as value types
/// (`lines[i].projectId` an identifier, `costCode` and `siteId` codes) unless
/// `copied` — a reversal's lines are copies of a posted journal's, which must
/// reverse even if posted before those rules.
fn validate_lines(lines: Vec<JournalLine>, copied: bool) -> Result<Vec<JournalLine>, FinanceError> {
    if lines.len() < 2 {
        return Err(FinanceError::TooFewLines);
    }
    let mut clean = Vec::with_capacity(lines.len());
    for (index, line) in lines.into_iter().enumerate() {
        if !line.amount.is_positive() {
            return Err(FinanceError::NonPositiveAmount { line: index + 1 });
        }
        let (project_id, cost_code, site_id) = if copied {
            (
                trimmed(line.project_id),
                trimmed(line.cost_code),
                trimmed(line.site_id),
            )
        } else {
            let field = |name: &str| format!("lines[{index}].{name}");
            (
                fields::identifier(&field("projectId"), line.project_id)?,
                fields::code(&field("costCode"), line.cost_code)?,
                fields::code(&field("siteId"), line.site_id)?,
            )
        };
        clean.push(JournalLine {
            account_code: account_code(&line.account_code)?,
            side: line.side,
            amount: line.amount,
            project_id,
            cost_code,
            site_id,
        });
    }
    let total = |side: Side| -> Rand {
        clean
            .iter()
            .filter(|l| l.side == side)
            .map(|l| l.amount)
            .sum()
    };
    let (debits, credits) = (total(Side::Debit), total(Side::Credit));
    if debits != credits {
        return Err(FinanceError::Unbalanced { debits, credits });
    }
    Ok(clean)
}

async fn ensure_period_open(
    services: &JournalServices,
    date: NaiveDate,
) -> Result<String, FinanceError> {
    let period = period_of(date);
    let closed = services
        .ledger
        .period_closed(&period)
        .await
        .map_err(FinanceError::LedgerUnavailable)?;
    if closed {
        return Err(FinanceError::PeriodClosed(period));
    }
    Ok(period)
}

impl Journal {
    async fn post(
        &self,
        services: &JournalServices,
        date: NaiveDate,
        narrative: String,
        lines: Vec<JournalLine>,
        copied: bool,
    ) -> Result<(String, String, Vec<JournalLine>), FinanceError> {
        if self.posted {
            return Err(FinanceError::JournalAlreadyPosted);
        }
        let date = fields::date("date", date)?;
        let narrative = Narrative::parse("narrative", &narrative)?.into_string();
        let lines = validate_lines(lines, copied)?;
        let period = ensure_period_open(services, date).await?;
        let codes: BTreeSet<&str> = lines.iter().map(|l| l.account_code.as_str()).collect();
        for code in codes {
            match services
                .ledger
                .account_status(code)
                .await
                .map_err(FinanceError::LedgerUnavailable)?
            {
                None => return Err(FinanceError::UnknownAccount(code.to_string())),
                Some(AccountStatus::Closed) => {
                    return Err(FinanceError::ClosedAccount(code.to_string()))
                }
                Some(AccountStatus::Open) => {}
            }
        }
        Ok((period, narrative, lines))
    }

    async fn decide(
        &self,
        command: JournalCommand,
        services: &JournalServices,
    ) -> Result<JournalEvent, FinanceError> {
        match command {
            JournalCommand::PostJournal {
                date,
                narrative,
                source,
                lines,
                reverses,
            } => {
                let copied = reverses.is_some();
                let (period, narrative, lines) =
                    self.post(services, date, narrative, lines, copied).await?;
                Ok(JournalEvent::JournalPosted {
                    date,
                    period,
                    narrative,
                    source,
                    lines,
                    reverses: trimmed(reverses),
                })
            }
            JournalCommand::ReverseJournal { reversal_id, date } => {
                if !self.posted {
                    return Err(FinanceError::JournalNotFound);
                }
                if self.reverses.is_some() {
                    return Err(FinanceError::CannotReverseAReversal);
                }
                if self.reversed_by.is_some() {
                    return Err(FinanceError::AlreadyReversed);
                }
                let date = fields::date("date", date)?;
                if let Some(journal_date) = self.date.filter(|posted| date < *posted) {
                    return Err(FinanceError::ReversalBeforeJournal { date, journal_date });
                }
                ensure_period_open(services, date).await?;
                Ok(JournalEvent::JournalReversed { reversal_id, date })
            }
        }
    }
}

impl Aggregate for Journal {
    const TYPE: &'static str = JOURNAL_AGGREGATE;
    type Command = JournalCommand;
    type Event = JournalEvent;
    type Error = FinanceError;
    type Services = JournalServices;

    async fn handle(
        &mut self,
        command: Self::Command,
        services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command, services).await?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            JournalEvent::JournalPosted {
                date,
                narrative,
                lines,
                reverses,
                ..
            } => {
                self.posted = true;
                self.date = Some(date);
                self.narrative = narrative;
                self.lines = lines;
                self.reverses = reverses;
            }
            JournalEvent::JournalReversed { reversal_id, .. } => {
                self.reversed_by = Some(reversal_id);
            }
        }
    }
}

impl crate::stored::Stored for Journal {}

#[cfg(test)]
mod tests;
