//! The bank account aggregate (`finance.bank_account`, one stream per bank ledger
//! account, e.g. `1000`): statement lines imported from the bank's CSV and reconciled
//! one-to-one against recorded payments.
//!
//! The CSV format (docs/finance.md): a header row naming the columns `date`,
//! `description`, `amount` and optionally `reference` (any order, any case; other
//! columns such as `balance` are ignored); dates `YYYY-MM-DD`; amounts in rand with a
//! `.` and at most two decimals, money in positive and money out negative, no
//! thousands separators; fields may be quoted (RFC 4180).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::{FinanceError, Rand};
use crate::values::{BusinessDate, Name, Narrative, Reason, Reference, ValueError};

/// The aggregate type of bank accounts.
pub const BANK_ACCOUNT_AGGREGATE: &str = "finance.bank_account";
/// The most lines one statement may carry.
pub const MAX_STATEMENT_LINES: usize = 10_000;

/// One line of a bank statement as read from the CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    pub date: NaiveDate,
    pub description: String,
    /// Money in positive, money out negative.
    pub amount: Rand,
    pub reference: String,
}

/// A statement line as imported, with its fingerprint id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankLine {
    pub id: String,
    pub date: NaiveDate,
    pub description: String,
    pub amount: Rand,
    pub reference: String,
}

fn csv_error(line: u64, message: impl Into<String>) -> FinanceError {
    FinanceError::BankStatement {
        line,
        message: message.into(),
    }
}

/// A `YYYY-MM-DD` date: four-digit year, no sign (chrono's `%Y` would take `+10000`).
fn parse_date(text: &str) -> Option<NaiveDate> {
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shape
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// A field as echoed in a message: at most 20 characters, no control characters.
fn shown(text: &str) -> String {
    let mut shown: String = text.chars().filter(|c| !c.is_control()).take(20).collect();
    if text.chars().count() > 20 {
        shown.push('…');
    }
    shown
}

/// Reads a bank statement in the documented CSV format. Text fields are checked as
/// value types (`description` a narrative, `reference` a reference), dates against
/// the business calendar; a refusal names the file's line and the column.
pub fn parse_statement(text: &str) -> Result<Vec<StatementLine>, FinanceError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::Headers)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(1, e.to_string()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(date_at), Some(description_at), Some(amount_at)) =
        (column("date"), column("description"), column("amount"))
    else {
        return Err(csv_error(
            1,
            "the header must name the columns date, description and amount",
        ));
    };
    let reference_at = column("reference");
    let mut lines = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 2;
        let record = record.map_err(|e| csv_error(line, e.to_string()))?;
        let field = |at: usize| record.get(at).unwrap_or("");
        let invalid = |e: ValueError| csv_error(line, e.to_string());
        let date_text = field(date_at).trim();
        let date = parse_date(date_text).ok_or_else(|| {
            csv_error(
                line,
                format!("date: '{}' is not a date (YYYY-MM-DD)", shown(date_text)),
            )
        })?;
        let date = BusinessDate::parse("date", date).map_err(invalid)?.date();
        // Amounts in strict syntax (no spaces, no bare point, no exponent): a bank's
        // export is exact, and a lenient reading could misread it.
        let amount: Rand = field(amount_at)
            .parse()
            .map_err(|e: super::MoneyError| csv_error(line, format!("amount: {e}")))?;
        if amount.is_zero() {
            return Err(csv_error(line, "the amount is nought"));
        }
        if field(description_at).trim().is_empty() {
            return Err(csv_error(line, "the description is empty"));
        }
        let description = Narrative::parse("description", field(description_at))
            .map_err(invalid)?
            .into_string();
        let reference = Reference::parse_optional("reference", reference_at.map(field))
            .map_err(invalid)?
            .map(String::from)
            .unwrap_or_default();
        lines.push(StatementLine {
            date,
            description,
            amount,
            reference,
        });
        if lines.len() > MAX_STATEMENT_LINES {
            return Err(csv_error(
                line,
                format!("a statement may carry at most {MAX_STATEMENT_LINES} lines"),
            ));
        }
    }
    if lines.is_empty() {
        return Err(csv_error(2, "the statement has no lines"));
    }
    Ok(lines)
}

/// Whether a payment's bank reference appears in a statement line's text (compared
/// without spaces or case): the strongest sign that the two are the same money.
pub fn reference_matches(line_text: &str, payment_reference: &str) -> bool {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_uppercase()
    };
    let reference = squash(payment_reference);
    !reference.is_empty() && squash(line_text).contains(&reference)
}

/// How a line came to be reconciled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReconcileMethod {
    /// Matched on amount, date and reference when imported (or re-matched).
    Auto,
    /// Chosen by a person.
    Manual,
}

impl ReconcileMethod {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReconcileMethod::Auto => "AUTO",
            ReconcileMethod::Manual => "MANUAL",
        }
    }
}

/// Commands to a bank account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BankCommand {
    /// Import a statement's lines; lines already imported are skipped.
    ImportStatement {
        statement_id: String,
        file_name: String,
        lines: Vec<BankLine>,
    },
    /// Match the line to the payment whose signed amount is `payment_amount`.
    ReconcileLine {
        line_id: String,
        payment_id: String,
        payment_amount: Rand,
        method: ReconcileMethod,
    },
    /// Undo a reconciliation made in error.
    UnreconcileLine { line_id: String, reason: String },
}

/// Events of a bank account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BankEvent {
    BankStatementImported {
        statement_id: String,
        file_name: String,
        /// The new lines only.
        lines: Vec<BankLine>,
        /// Lines of the file that had been imported before.
        duplicates: u32,
    },
    BankLineReconciled {
        line_id: String,
        payment_id: String,
        method: ReconcileMethod,
    },
    BankLineUnreconciled {
        line_id: String,
        payment_id: String,
        reason: String,
    },
}

impl DomainEvent for BankEvent {
    fn event_type(&self) -> String {
        match self {
            BankEvent::BankStatementImported { .. } => "BankStatementImported",
            BankEvent::BankLineReconciled { .. } => "BankLineReconciled",
            BankEvent::BankLineUnreconciled { .. } => "BankLineUnreconciled",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// A line's date, amount and text, and the payment it is matched to, if any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct LineState {
    date: Option<NaiveDate>,
    amount: Rand,
    text: String,
    payment_id: Option<String>,
}

/// An imported line not yet matched to a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenBankLine<'a> {
    pub id: &'a str,
    pub date: NaiveDate,
    pub amount: Rand,
    /// The description and reference, for matching a payment's reference.
    pub text: &'a str,
}

/// The state a bank account's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankAccount {
    lines: BTreeMap<String, LineState>,
    reconciled_payments: BTreeSet<String>,
}

impl BankAccount {
    /// Whether the line has been imported.
    pub fn has_line(&self, line_id: &str) -> bool {
        self.lines.contains_key(line_id)
    }

    /// Whether the payment is already matched to a line.
    pub fn is_payment_reconciled(&self, payment_id: &str) -> bool {
        self.reconciled_payments.contains(payment_id)
    }

    /// Lines not yet matched to a payment.
    pub fn unreconciled(&self) -> impl Iterator<Item = OpenBankLine<'_>> {
        self.lines
            .iter()
            .filter_map(|(id, l)| match (l.date, &l.payment_id) {
                (Some(date), None) => Some(OpenBankLine {
                    id,
                    date,
                    amount: l.amount,
                    text: &l.text,
                }),
                _ => None,
            })
    }

    fn decide(&self, command: BankCommand) -> Result<Option<BankEvent>, FinanceError> {
        match command {
            BankCommand::ImportStatement {
                statement_id,
                file_name,
                lines,
            } => {
                if lines.is_empty() {
                    return Err(FinanceError::Required("a statement line"));
                }
                let file_name = Name::parse_optional("fileName", Some(&file_name))?
                    .map(String::from)
                    .unwrap_or_default();
                let total = lines.len();
                let mut seen = BTreeSet::new();
                let new: Vec<BankLine> = lines
                    .into_iter()
                    .filter(|l| !self.lines.contains_key(&l.id) && seen.insert(l.id.clone()))
                    .collect();
                let duplicates = u32::try_from(total - new.len()).unwrap_or(u32::MAX);
                if new.is_empty() {
                    return Ok(None);
                }
                Ok(Some(BankEvent::BankStatementImported {
                    statement_id,
                    file_name,
                    lines: new,
                    duplicates,
                }))
            }
            BankCommand::ReconcileLine {
                line_id,
                payment_id,
                payment_amount,
                method,
            } => {
                let line = self
                    .lines
                    .get(&line_id)
                    .ok_or(FinanceError::BankLineNotFound)?;
                if let Some(existing) = &line.payment_id {
                    return Err(FinanceError::BankLineAlreadyReconciled(existing.clone()));
                }
                if self.reconciled_payments.contains(&payment_id) {
                    return Err(FinanceError::PaymentAlreadyReconciled);
                }
                if line.amount != payment_amount {
                    return Err(FinanceError::ReconcileAmountMismatch {
                        line: line.amount,
                        payment: payment_amount,
                    });
                }
                Ok(Some(BankEvent::BankLineReconciled {
                    line_id,
                    payment_id,
                    method,
                }))
            }
            BankCommand::UnreconcileLine { line_id, reason } => {
                let line = self
                    .lines
                    .get(&line_id)
                    .ok_or(FinanceError::BankLineNotFound)?;
                let payment_id = line
                    .payment_id
                    .clone()
                    .ok_or(FinanceError::BankLineNotReconciled)?;
                if reason.trim().is_empty() {
                    return Err(FinanceError::Required("a reason"));
                }
                let reason = Reason::parse("reason", &reason)?.into_string();
                Ok(Some(BankEvent::BankLineUnreconciled {
                    line_id,
                    payment_id,
                    reason,
                }))
            }
        }
    }
}

impl Aggregate for BankAccount {
    const TYPE: &'static str = BANK_ACCOUNT_AGGREGATE;
    type Command = BankCommand;
    type Event = BankEvent;
    type Error = FinanceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        if let Some(event) = self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            BankEvent::BankStatementImported { lines, .. } => {
                for l in lines {
                    self.lines.insert(
                        l.id,
                        LineState {
                            date: Some(l.date),
                            amount: l.amount,
                            text: format!("{} {}", l.description, l.reference),
                            payment_id: None,
                        },
                    );
                }
            }
            BankEvent::BankLineReconciled {
                line_id,
                payment_id,
                ..
            } => {
                if let Some(line) = self.lines.get_mut(&line_id) {
                    line.payment_id = Some(payment_id.clone());
                }
                self.reconciled_payments.insert(payment_id);
            }
            BankEvent::BankLineUnreconciled {
                line_id,
                payment_id,
                ..
            } => {
                if let Some(line) = self.lines.get_mut(&line_id) {
                    line.payment_id = None;
                }
                self.reconciled_payments.remove(&payment_id);
            }
        }
    }
}

impl crate::stored::Stored for BankAccount {}

#[cfg(test)]
mod tests {
    use super::*;

    const STATEMENT: &str = "Date,Description,Amount,Reference,Balance
2026-05-20,\"EFT MSUNDUZI DEV, INV-000001\",12000.00,EFT MSUNDUZI 0042,112000.00
2026-05-21,Bank charges,-85.50,,111914.50
";

    #[test]
    fn reads_the_documented_format_with_quotes_and_extra_columns() {
        let lines = parse_statement(STATEMENT).expect("parsed");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].description, "EFT MSUNDUZI DEV, INV-000001");
        assert_eq!(lines[0].amount, Rand::cents(1_200_000));
        assert_eq!(lines[1].amount, Rand::cents(-8_550));
        assert_eq!(lines[1].reference, "");
    }

    #[test]
    fn names_the_line_of_a_bad_row() {
        let bad = "date,description,amount\n2026-05-20,Ok,1.00\n20/05/2026,Bad date,1.00\n";
        assert_eq!(
            parse_statement(bad),
            Err(FinanceError::BankStatement {
                line: 3,
                message: "date: '20/05/2026' is not a date (YYYY-MM-DD)".into()
            })
        );
        let floaty = "date,description,amount\n2026-05-20,Too precise,1.005\n";
        assert!(matches!(
            parse_statement(floaty),
            Err(FinanceError::BankStatement { line: 2, .. })
        ));
        let separators = "date,description,amount\n2026-05-20,Thousands,\"1,000.00\"\n";
        assert!(parse_statement(separators).is_err());
        assert!(parse_statement("date,amount\n2026-05-20,1.00\n").is_err());
        assert!(parse_statement("date,description,amount\n").is_err());
    }

    fn refusal(csv: &str) -> String {
        parse_statement(csv).expect_err("refused").to_string()
    }

    #[test]
    fn amounts_are_read_strictly_and_fields_are_bounded() {
        let header = "date,description,amount,reference\n";
        for (row, says) in [
            (
                "2026-05-20,Deposit, 1.00,",
                "amount: ' 1.00' is not an amount",
            ),
            ("2026-05-20,Deposit,1.,", "amount: '1.' is not an amount"),
            ("2026-05-20,Deposit,.5,", "amount: '.5' is not an amount"),
            ("2026-05-20,Deposit,1e3,", "amount: '1e3' is not an amount"),
            (
                "0000-01-01,Deposit,1.00,",
                "date: 0000-01-01 is outside the business calendar",
            ),
            (
                "+10000-01-01,Deposit,1.00,",
                "date: '+10000-01-01' is not a date",
            ),
            (
                "2026-05-20,Deposit\u{1b}[2J,1.00,",
                "description: contains a control character (U+001B)",
            ),
            (
                "2026-05-20,Deposit,1.00,REF\u{202E}1",
                "reference: contains a bidirectional-text override (U+202E)",
            ),
        ] {
            let message = refusal(&format!("{header}{row}\n"));
            assert!(
                message.starts_with(&format!("bank statement line 2: {says}")),
                "{row:?}: {message}"
            );
        }
        let long = format!("{header}2026-05-20,{},1.00,\n", "x".repeat(9 * 1024));
        assert_eq!(
            refusal(&long),
            "bank statement line 2: description: is longer than 1000 characters"
        );
        let lines = parse_statement(&format!("{header}2026-05-20, Deposit ,-1.50, REF 1 \n"))
            .expect("parsed");
        assert_eq!(
            (lines[0].description.as_str(), lines[0].reference.as_str()),
            ("Deposit", "REF 1")
        );
    }

    proptest::proptest! {
        /// Any text as a statement: lines whose every field is a valid value, or a
        /// refusal — never a panic.
        #[test]
        fn any_statement_is_read_or_refused(description in proptest::prelude::any::<String>(), amount in proptest::prelude::any::<String>(), date in proptest::prelude::any::<String>()) {
            let csv = format!("date,description,amount\n\"{}\",\"{}\",\"{}\"\n", date.replace('"', "\"\""), description.replace('"', "\"\""), amount.replace('"', "\"\""));
            if let Ok(lines) = parse_statement(&csv) {
                for l in lines {
                    proptest::prop_assert!(crate::values::business_date_range().contains(l.date));
                    proptest::prop_assert!(Narrative::parse("description", &l.description).is_ok());
                    proptest::prop_assert!(l.amount.abs_le_largest() && !l.amount.is_zero());
                }
            }
        }
    }

    fn line(id: &str, cents: i64) -> BankLine {
        BankLine {
            id: id.into(),
            date: NaiveDate::from_ymd_opt(2026, 5, 20).expect("date"),
            description: "x".into(),
            amount: Rand::cents(cents),
            reference: String::new(),
        }
    }

    fn imported() -> BankAccount {
        let mut bank = BankAccount::default();
        let event = bank
            .decide(BankCommand::ImportStatement {
                statement_id: "s1".into(),
                file_name: "may.csv".into(),
                lines: vec![line("a", 1_200_000), line("b", -8_550)],
            })
            .expect("imported")
            .expect("an event");
        bank.apply(event);
        bank
    }

    #[test]
    fn importing_the_same_lines_again_adds_nothing() {
        let bank = imported();
        let again = bank.decide(BankCommand::ImportStatement {
            statement_id: "s2".into(),
            file_name: "may.csv".into(),
            lines: vec![line("a", 1_200_000), line("b", -8_550)],
        });
        assert_eq!(again, Ok(None));
        let overlapping = bank
            .decide(BankCommand::ImportStatement {
                statement_id: "s3".into(),
                file_name: "june.csv".into(),
                lines: vec![line("b", -8_550), line("c", 500)],
            })
            .expect("imported");
        let Some(BankEvent::BankStatementImported {
            lines, duplicates, ..
        }) = overlapping
        else {
            panic!("an import");
        };
        assert_eq!(lines.len(), 1);
        assert_eq!(duplicates, 1);
    }

    fn reconcile(line_id: &str, payment: &str, cents: i64) -> BankCommand {
        BankCommand::ReconcileLine {
            line_id: line_id.into(),
            payment_id: payment.into(),
            payment_amount: Rand::cents(cents),
            method: ReconcileMethod::Manual,
        }
    }

    #[test]
    fn a_line_and_a_payment_are_reconciled_once_and_only_at_the_same_amount() {
        let mut bank = imported();
        assert!(matches!(
            bank.decide(reconcile("a", "p1", 1_199_999)),
            Err(FinanceError::ReconcileAmountMismatch { .. })
        ));
        let event = bank
            .decide(reconcile("a", "p1", 1_200_000))
            .expect("reconciled")
            .expect("event");
        bank.apply(event);
        assert!(matches!(
            bank.decide(reconcile("a", "p2", 1_200_000)),
            Err(FinanceError::BankLineAlreadyReconciled(_))
        ));
        assert_eq!(
            bank.decide(reconcile("b", "p1", -8_550)),
            Err(FinanceError::PaymentAlreadyReconciled)
        );
        assert_eq!(
            bank.decide(reconcile("zz", "p3", 1)),
            Err(FinanceError::BankLineNotFound)
        );
        let undo = bank
            .decide(BankCommand::UnreconcileLine {
                line_id: "a".into(),
                reason: "wrong customer".into(),
            })
            .expect("undone")
            .expect("event");
        bank.apply(undo);
        assert!(!bank.is_payment_reconciled("p1"));
        assert_eq!(bank.unreconciled().count(), 2);
        assert!(reference_matches(
            "EFT msunduzi-0042 thanks",
            "EFT MSUNDUZI 0042"
        ));
        assert!(!reference_matches("EFT MSUNDUZI 0042", ""));
    }
}
