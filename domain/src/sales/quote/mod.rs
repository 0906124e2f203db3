//! The quote aggregate: a priced offer on an opportunity, in versions. Each version
//! carries its lines (products from the catalogue or service rates), each line's
//! discount within the quoting person's limit, VAT by line, the validity date, and what
//! inventory said about each stocked line's availability when it was saved — available,
//! on its way, short, or **unconfirmed** with the reason (inventory down or slow: the
//! quote is saved all the same). An accepted version is final.

mod lines;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::SalesError;
use crate::access::Role;

pub use lines::{priced, LineStock, QuoteLine, QuoteTotals, QuotedLine};

/// The aggregate type of quotes in the event store.
pub const QUOTE_AGGREGATE: &str = "sales.quote";

/// The most lines a quote may carry.
pub const MAX_LINES: usize = 200;

/// The largest discount, in percent, a caller holding `roles` may give on a line: a sales
/// manager (or an administrator) up to 25%, a sales rep up to 10%, anyone else none.
pub fn discount_limit(roles: &[Role]) -> Decimal {
    let limit = |role: &Role| match role {
        Role::Admin | Role::SalesManager => Decimal::from(25),
        Role::SalesRep => Decimal::from(10),
        _ => Decimal::ZERO,
    };
    roles.iter().map(limit).max().unwrap_or_default()
}

/// What a version offers.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteTerms {
    pub valid_until: NaiveDate,
    /// Where stocked lines would be supplied from.
    pub location: Option<String>,
    pub lines: Vec<QuoteLine>,
}

/// What can be asked of a quote. `today` is the business date the command is decided
/// on; `discount_limit` is the caller's ([`discount_limit`]).
#[derive(Debug, Clone, PartialEq)]
pub enum QuoteCommand {
    DraftQuote {
        opportunity_id: String,
        terms: QuoteTerms,
        today: NaiveDate,
        discount_limit: Decimal,
    },
    /// A new version replacing the lines and terms.
    ReviseQuote {
        terms: QuoteTerms,
        today: NaiveDate,
        discount_limit: Decimal,
    },
    /// The customer accepted the latest version, while it was valid.
    AcceptQuote { today: NaiveDate },
}

/// Events of a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QuoteEvent {
    QuoteDrafted {
        opportunity_id: String,
        version: u32,
        valid_until: NaiveDate,
        location: Option<String>,
        lines: Vec<QuotedLine>,
        totals: QuoteTotals,
    },
    QuoteRevised {
        version: u32,
        valid_until: NaiveDate,
        location: Option<String>,
        lines: Vec<QuotedLine>,
        totals: QuoteTotals,
    },
    QuoteAccepted {
        version: u32,
    },
}

impl DomainEvent for QuoteEvent {
    fn event_type(&self) -> String {
        match self {
            QuoteEvent::QuoteDrafted { .. } => "QuoteDrafted",
            QuoteEvent::QuoteRevised { .. } => "QuoteRevised",
            QuoteEvent::QuoteAccepted { .. } => "QuoteAccepted",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state of one quote.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    opportunity_id: Option<String>,
    version: u32,
    valid_until: Option<NaiveDate>,
    accepted: bool,
}

impl Quote {
    /// The opportunity it is for, once drafted.
    pub fn opportunity_id(&self) -> Option<&str> {
        self.opportunity_id.as_deref()
    }

    /// The latest version (0 before the draft).
    pub fn version(&self) -> u32 {
        self.version
    }

    fn priced(
        terms: QuoteTerms,
        today: NaiveDate,
        limit: Decimal,
    ) -> Result<(QuoteTerms, Vec<QuotedLine>, QuoteTotals), SalesError> {
        if terms.valid_until < today {
            return Err(SalesError::ValidityInThePast(terms.valid_until));
        }
        if terms.lines.is_empty() || terms.lines.len() > MAX_LINES {
            return Err(SalesError::LineCount(terms.lines.len()));
        }
        let (lines, totals) = priced(&terms.lines, limit)?;
        Ok((terms, lines, totals))
    }

    fn decide(&self, command: QuoteCommand) -> Result<QuoteEvent, SalesError> {
        match command {
            QuoteCommand::DraftQuote {
                opportunity_id,
                terms,
                today,
                discount_limit,
            } => {
                if self.opportunity_id.is_some() {
                    return Err(SalesError::QuoteExists);
                }
                let (terms, lines, totals) = Self::priced(terms, today, discount_limit)?;
                Ok(QuoteEvent::QuoteDrafted {
                    opportunity_id,
                    version: 1,
                    valid_until: terms.valid_until,
                    location: terms.location,
                    lines,
                    totals,
                })
            }
            QuoteCommand::ReviseQuote {
                terms,
                today,
                discount_limit,
            } => {
                self.open()?;
                let (terms, lines, totals) = Self::priced(terms, today, discount_limit)?;
                Ok(QuoteEvent::QuoteRevised {
                    version: self.version + 1,
                    valid_until: terms.valid_until,
                    location: terms.location,
                    lines,
                    totals,
                })
            }
            QuoteCommand::AcceptQuote { today } => {
                self.open()?;
                match self.valid_until {
                    Some(until) if until < today => Err(SalesError::QuoteExpired(until)),
                    _ => Ok(QuoteEvent::QuoteAccepted {
                        version: self.version,
                    }),
                }
            }
        }
    }

    fn open(&self) -> Result<(), SalesError> {
        if self.opportunity_id.is_none() {
            return Err(SalesError::QuoteNotFound);
        }
        if self.accepted {
            return Err(SalesError::QuoteAccepted(self.version));
        }
        Ok(())
    }
}

impl Aggregate for Quote {
    const TYPE: &'static str = QUOTE_AGGREGATE;
    type Command = QuoteCommand;
    type Event = QuoteEvent;
    type Error = SalesError;
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
            QuoteEvent::QuoteDrafted {
                opportunity_id,
                version,
                valid_until,
                ..
            } => {
                self.opportunity_id = Some(opportunity_id);
                self.version = version;
                self.valid_until = Some(valid_until);
            }
            QuoteEvent::QuoteRevised {
                version,
                valid_until,
                ..
            } => {
                self.version = version;
                self.valid_until = Some(valid_until);
            }
            QuoteEvent::QuoteAccepted { .. } => self.accepted = true,
        }
    }
}

impl crate::stored::Stored for Quote {}
