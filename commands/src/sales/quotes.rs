//! Quotes on an opportunity: the inputs as the service API carries them, and the
//! commands. What inventory said about each line's availability is asked by the sales
//! service before the command (a narrow synchronous call with a timeout, see
//! `services/src/sales/stock_checks.rs`) and handed in, one [`LineStock`] per line.
//!
//! A quote is seen and changed by whoever may act on its opportunity: a sales rep only
//! on the opportunities they own.

use chrono::{NaiveDate, Utc};
use constructos_domain::access::Permission;
use constructos_domain::finance::VatTreatment;
use constructos_domain::sales::quote::{
    discount_limit, LineStock, QuoteCommand, QuoteLine, QuoteTerms,
};
use constructos_domain::sales::{SalesError, Stage};
use constructos_domain::values::{Code, Name, ValueError};
use cqrs_es::AggregateError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::inputs::opportunity_uuid;
use super::SalesCommands;
use crate::execute::{execute, execute_new};
use crate::{CommandContext, CommandError};

/// One line to quote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteLineInput {
    /// The catalogue SKU; none for a service line (labour, plant hire, a lump sum).
    pub product: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    /// Rand per unit, excluding VAT.
    pub unit_price: Decimal,
    /// Percent off the line (nought when absent).
    #[serde(default)]
    pub discount_percent: Option<Decimal>,
    pub vat: VatTreatment,
}

/// The terms of a version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteInput {
    pub valid_until: NaiveDate,
    /// Where stocked lines would be supplied from; their stock is checked there.
    pub location: Option<String>,
    pub lines: Vec<QuoteLineInput>,
}

impl QuoteInput {
    /// The products and the location parsed, as the stock check asks for them.
    pub fn parsed(&self) -> Result<(Option<String>, Vec<Option<String>>), ValueError> {
        let location =
            Code::parse_optional("location", self.location.as_deref())?.map(Code::into_string);
        let products = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                Ok(Code::parse_optional(
                    &format!("lines[{}].product", i + 1),
                    line.product.as_deref(),
                )?
                .map(Code::into_string))
            })
            .collect::<Result<_, ValueError>>()?;
        Ok((location, products))
    }

    fn terms(self, stock: Vec<LineStock>) -> Result<QuoteTerms, CommandError> {
        let (location, products) = self.parsed()?;
        if stock.len() != self.lines.len() {
            return Err(CommandError::Internal(format!(
                "{} stock answers for {} lines",
                stock.len(),
                self.lines.len()
            )));
        }
        let lines = self
            .lines
            .into_iter()
            .zip(products)
            .zip(stock)
            .enumerate()
            .map(|(i, ((line, product), stock))| {
                Ok(QuoteLine {
                    product,
                    description: Name::parse(
                        &format!("lines[{}].description", i + 1),
                        &line.description,
                    )?
                    .into_string(),
                    quantity: line.quantity,
                    unit_price: line.unit_price,
                    discount_percent: line.discount_percent.unwrap_or_default(),
                    vat: line.vat,
                    stock,
                })
            })
            .collect::<Result<_, ValueError>>()?;
        Ok(QuoteTerms {
            valid_until: self.valid_until,
            location,
            lines,
        })
    }
}

/// A first version on an opportunity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftQuoteInput {
    pub opportunity_id: String,
    pub quote: QuoteInput,
}

/// A new version of a quote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviseQuoteInput {
    pub quote_id: String,
    pub quote: QuoteInput,
}

/// The customer's acceptance of a quote's latest version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AcceptQuoteInput {
    pub quote_id: String,
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

impl SalesCommands {
    /// The opportunity `id` if the caller may act on it (else `NOT_FOUND`, as for
    /// someone else's), refusing a lost one.
    async fn quotable(&self, ctx: &CommandContext, id: &str) -> Result<(), CommandError> {
        let opportunity = self.opportunities.load(id).await?;
        let visible = opportunity.aggregate.exists()
            && match ctx.opportunity_scope()? {
                None => true,
                Some(owner) => opportunity.aggregate.owner() == owner,
            };
        if !visible {
            return Err(refused(SalesError::OpportunityNotFound));
        }
        match opportunity.aggregate.stage() {
            Stage::Lost => Err(refused(SalesError::OpportunityClosed(Stage::Lost))),
            _ => Ok(()),
        }
    }

    /// The quote `id`, if the caller may act on its opportunity.
    async fn own_quote(&self, ctx: &CommandContext, id: &str) -> Result<String, CommandError> {
        let id = opportunity_uuid("quoteId", id)?.into_string();
        let quote = self.quotes.load(&id).await?;
        let Some(opportunity) = quote.aggregate.opportunity_id() else {
            return Err(refused(SalesError::QuoteNotFound));
        };
        self.quotable(ctx, opportunity).await.map_err(|e| match e {
            CommandError::NotFound(_) => refused(SalesError::QuoteNotFound),
            other => other,
        })?;
        Ok(id)
    }

    /// Drafts a quote (version 1) on an opportunity; answers the quote's id. `stock` is
    /// what inventory said about each line, in order.
    pub async fn draft_quote(
        &self,
        ctx: &CommandContext,
        input: DraftQuoteInput,
        stock: Vec<LineStock>,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let opportunity = opportunity_uuid("opportunityId", &input.opportunity_id)?.into_string();
        let terms = input.quote.terms(stock)?;
        self.quotable(ctx, &opportunity).await?;
        let id = Uuid::now_v7().to_string();
        let command = QuoteCommand::DraftQuote {
            opportunity_id: opportunity,
            terms,
            today: today(),
            discount_limit: discount_limit(&ctx.caller.roles),
        };
        execute_new(&self.quotes, ctx, &id, command).await?;
        Ok(id)
    }

    /// Saves a new version of a quote; answers its id.
    pub async fn revise_quote(
        &self,
        ctx: &CommandContext,
        input: ReviseQuoteInput,
        stock: Vec<LineStock>,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let terms = input.quote.terms(stock)?;
        let id = self.own_quote(ctx, &input.quote_id).await?;
        let command = QuoteCommand::ReviseQuote {
            terms,
            today: today(),
            discount_limit: discount_limit(&ctx.caller.roles),
        };
        execute(&self.quotes, ctx, &id, command).await?;
        Ok(id)
    }

    /// Records the customer's acceptance of the latest version; answers the quote's id.
    pub async fn accept_quote(
        &self,
        ctx: &CommandContext,
        input: AcceptQuoteInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::OpportunitiesWrite)?;
        let id = self.own_quote(ctx, &input.quote_id).await?;
        execute(
            &self.quotes,
            ctx,
            &id,
            QuoteCommand::AcceptQuote { today: today() },
        )
        .await?;
        Ok(id)
    }
}

fn refused(e: SalesError) -> CommandError {
    CommandError::from(AggregateError::UserError(e))
}
