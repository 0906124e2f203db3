//! Why the sales domain refuses a command.

use super::Stage;

/// A business refusal; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SalesError {
    /// The lead's opportunity was opened before (a redelivered conversion lands here).
    #[error("the opportunity is already open")]
    AlreadyOpen,
    #[error("the opportunity does not exist")]
    OpportunityNotFound,
    #[error(
        "stage: an opportunity becomes {} by winning or losing it, not by moving its stage",
        .0.as_str()
    )]
    NotAnOpenStage(Stage),
    #[error("stage: the opportunity is already at {}", .0.as_str())]
    AlreadyInStage(Stage),
    #[error("the opportunity is {} and can no longer change", .0.as_str())]
    Closed(Stage),
    #[error(
        "estimatedValue: {0} is not an amount in rand (zero or more, at most two decimal places, at most R 1 trillion)"
    )]
    InvalidEstimate(String),
    #[error("the quote already exists")]
    QuoteExists,
    #[error("the quote does not exist")]
    QuoteNotFound,
    #[error("version {0} of the quote was accepted; it can no longer change")]
    QuoteAccepted(u32),
    #[error("the quote expired on {0}")]
    QuoteExpired(chrono::NaiveDate),
    #[error("validUntil: {0} is in the past")]
    ValidityInThePast(chrono::NaiveDate),
    #[error("lines: a quote has from 1 to 200 lines, not {0}")]
    LineCount(usize),
    #[error("lines[{0}]: {1} is not a valid quantity, price or discount")]
    InvalidLine(usize, String),
    #[error("lines[{line}]: a discount of {discount}% is above your limit of {limit}%")]
    DiscountAboveLimit {
        line: usize,
        discount: rust_decimal::Decimal,
        limit: rust_decimal::Decimal,
    },
    #[error(
        "probability: {probability}% is not allowed for {}: won is always 100, lost 0 and an open stage from 1 to 99",
        .stage.as_str()
    )]
    StageProbability { stage: Stage, probability: i32 },
    #[error("cidbGrade: {0} is not a CIDB grade (1 to 9)")]
    CidbGrade(i64),
    #[error("the campaign already exists")]
    CampaignExists,
    #[error("the campaign does not exist")]
    CampaignNotFound,
    #[error("the campaign is closed")]
    CampaignClosed,
    #[error("endsOn: the campaign ends on {ends_on}, before it starts on {starts_on}")]
    CampaignPeriod {
        starts_on: chrono::NaiveDate,
        ends_on: chrono::NaiveDate,
    },
    #[error("amount: {0} is not an amount in rand the campaign can take")]
    CampaignAmount(String),
    #[error("on: the campaign starts on {0}; no response can come before it")]
    ResponseBeforeStart(chrono::NaiveDate),
    #[error("rules: {0}")]
    ScoringRule(String),
    #[error("opportunityId: the opportunity is {} and takes no more quotes", .0.as_str())]
    OpportunityClosed(Stage),
}

impl crate::refusal::Refusal for SalesError {
    fn kind(&self) -> crate::refusal::RefusalKind {
        use crate::refusal::RefusalKind;
        match self {
            SalesError::OpportunityNotFound
            | SalesError::QuoteNotFound
            | SalesError::CampaignNotFound => RefusalKind::NotFound,
            _ => RefusalKind::Rejected,
        }
    }
}
