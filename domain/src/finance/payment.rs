//! The payment aggregate (`finance.payment`): money received from a customer or paid to
//! a supplier, and how it is allocated to invoices or bills. What is not allocated is
//! held on account and may be allocated later; allocations never exceed the payment.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::bill::TRADE_CREDITORS;
use super::fields;
use super::invoice::line;
use super::settlement::check_not_before;
use super::{FinanceError, JournalLine, Rand, Side, TRADE_DEBTORS};

/// The aggregate type of payments.
pub const PAYMENT_AGGREGATE: &str = "finance.payment";
/// The bank account payments go through.
pub const BANK: &str = "1000";

/// Money in or money out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentDirection {
    /// From a customer, settling invoices.
    Received,
    /// To a supplier, settling bills.
    Made,
}

impl PaymentDirection {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentDirection::Received => "RECEIVED",
            PaymentDirection::Made => "MADE",
        }
    }

    /// The amount as a bank statement shows it: money in positive, money out negative.
    pub fn signed(self, amount: Rand) -> Rand {
        match self {
            PaymentDirection::Received => amount,
            PaymentDirection::Made => -amount,
        }
    }
}

/// Commands to a payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PaymentCommand {
    /// Record money received or paid, posted by `journal_id`.
    RecordPayment {
        direction: PaymentDirection,
        counterparty_id: String,
        counterparty_name: String,
        date: NaiveDate,
        amount: Rand,
        reference: String,
        journal_id: String,
    },
    /// Allocate `amount` of what is unallocated to the invoice or bill `document_id`.
    AllocatePayment {
        document_id: String,
        document_number: String,
        amount: Rand,
        date: NaiveDate,
    },
}

/// Events of a payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PaymentEvent {
    PaymentRecorded {
        direction: PaymentDirection,
        counterparty_id: String,
        counterparty_name: String,
        date: NaiveDate,
        amount: Rand,
        reference: String,
        journal_id: String,
    },
    PaymentAllocated {
        document_id: String,
        document_number: String,
        amount: Rand,
        date: NaiveDate,
    },
}

impl DomainEvent for PaymentEvent {
    fn event_type(&self) -> String {
        match self {
            PaymentEvent::PaymentRecorded { .. } => "PaymentRecorded",
            PaymentEvent::PaymentAllocated { .. } => "PaymentAllocated",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state a payment's decisions need.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    recorded: Option<(PaymentDirection, NaiveDate)>,
    counterparty_id: String,
    amount: Rand,
    allocated: Rand,
}

impl Payment {
    /// Whether the payment has been recorded.
    pub fn exists(&self) -> bool {
        self.recorded.is_some()
    }

    /// In or out, once recorded.
    pub fn direction(&self) -> Option<PaymentDirection> {
        self.recorded.map(|(d, _)| d)
    }

    /// The customer or supplier account.
    pub fn counterparty_id(&self) -> &str {
        &self.counterparty_id
    }

    /// The amount of the payment.
    pub fn amount(&self) -> Rand {
        self.amount
    }

    /// What is not yet allocated: held on account.
    pub fn unallocated(&self) -> Rand {
        self.amount - self.allocated
    }

    /// The journal that records a payment. Received: Dr bank, Cr trade debtors (all of
    /// it: an unallocated part is a credit on the customer's account). Made: Dr trade
    /// creditors, Cr bank.
    pub fn journal_lines(direction: PaymentDirection, amount: Rand) -> Vec<JournalLine> {
        match direction {
            PaymentDirection::Received => vec![
                line(BANK, Side::Debit, amount, None),
                line(TRADE_DEBTORS, Side::Credit, amount, None),
            ],
            PaymentDirection::Made => vec![
                line(TRADE_CREDITORS, Side::Debit, amount, None),
                line(BANK, Side::Credit, amount, None),
            ],
        }
    }

    fn decide(&self, command: PaymentCommand) -> Result<PaymentEvent, FinanceError> {
        match command {
            PaymentCommand::RecordPayment {
                direction,
                counterparty_id,
                counterparty_name,
                date,
                amount,
                reference,
                journal_id,
            } => {
                if self.exists() {
                    return Err(FinanceError::PaymentAlreadyRecorded);
                }
                let counterparty_id = counterparty_id.trim().to_string();
                let counterparty_name = counterparty_name.trim().to_string();
                if counterparty_id.is_empty() {
                    return Err(FinanceError::Required("counterparty account id"));
                }
                if counterparty_name.is_empty() {
                    return Err(FinanceError::Required("counterparty name"));
                }
                if !amount.is_positive() {
                    return Err(FinanceError::NotPositive("a payment"));
                }
                let date = fields::date("date", date)?;
                let reference = fields::blank_or_reference("reference", &reference)?;
                Ok(PaymentEvent::PaymentRecorded {
                    direction,
                    counterparty_id,
                    counterparty_name,
                    date,
                    amount,
                    reference,
                    journal_id,
                })
            }
            PaymentCommand::AllocatePayment {
                document_id,
                document_number,
                amount,
                date,
            } => {
                let (_, paid_on) = self.recorded.ok_or(FinanceError::PaymentNotFound)?;
                check_not_before(date, paid_on)?;
                if !amount.is_positive() {
                    return Err(FinanceError::NotPositive("an allocated amount"));
                }
                if amount > self.unallocated() {
                    return Err(FinanceError::OverAllocation {
                        open: self.unallocated(),
                        asked: amount,
                    });
                }
                Ok(PaymentEvent::PaymentAllocated {
                    document_id,
                    document_number,
                    amount,
                    date,
                })
            }
        }
    }
}

impl Aggregate for Payment {
    const TYPE: &'static str = PAYMENT_AGGREGATE;
    type Command = PaymentCommand;
    type Event = PaymentEvent;
    type Error = FinanceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            PaymentEvent::PaymentRecorded {
                direction,
                counterparty_id,
                date,
                amount,
                ..
            } => {
                self.recorded = Some((direction, date));
                self.counterparty_id = counterparty_id;
                self.amount = amount;
            }
            PaymentEvent::PaymentAllocated { amount, .. } => {
                self.allocated = self.allocated + amount
            }
        }
    }
}

impl crate::stored::Stored for Payment {}
