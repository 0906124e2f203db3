//! Quotes in the schema: versions of a priced offer on an opportunity, each stocked line
//! with what inventory said about its availability when the version was saved —
//! available, on its way, short, or unconfirmed with the reason.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::sales::{
    AcceptQuoteInput, DraftQuoteInput, QuoteInput as CommandQuote, QuoteLineInput as CommandLine,
    ReviseQuoteInput,
};
use constructos_domain::sales::quote::{LineStock, QuotedLine};
use constructos_projections::sales::QuoteRow;
use constructos_services::sales::{AcceptQuote, DraftQuote, QuoteById, QuotesOf, ReviseQuote};

use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::invoice_types::VatTreatment;
use crate::graphql::finance::Decimal;
use crate::graphql::rand::Rand;

/// One line to quote: a catalogue product (its stock is checked) or a service line.
#[derive(InputObject)]
pub struct QuoteLineInput {
    /// The catalogue SKU; none for a service line (labour, plant hire, a lump sum).
    product: Option<String>,
    description: String,
    quantity: Decimal,
    /// Per unit, excluding VAT.
    unit_price: Rand,
    /// Percent off the line, within your limit (sales rep 10%, sales manager 25%).
    discount_percent: Option<Decimal>,
    vat: VatTreatment,
}

/// The terms of a quote's version.
#[derive(InputObject)]
pub struct QuoteInput {
    valid_until: NaiveDate,
    /// The location stocked lines are supplied from; their stock is checked there.
    location: Option<String>,
    lines: Vec<QuoteLineInput>,
}

impl From<QuoteInput> for CommandQuote {
    fn from(input: QuoteInput) -> Self {
        CommandQuote {
            valid_until: input.valid_until,
            location: input.location,
            lines: input
                .lines
                .into_iter()
                .map(|l| CommandLine {
                    product: l.product,
                    description: l.description,
                    quantity: l.quantity.0,
                    unit_price: l.unit_price.0,
                    discount_percent: l.discount_percent.map(|d| d.0),
                    vat: l.vat.into(),
                })
                .collect(),
        }
    }
}

/// What inventory said about a line's stock when the version was saved.
#[derive(SimpleObject)]
pub struct LineStockCheck {
    /// NOT_CHECKED (a service line, or no location), AVAILABLE, IN_TRANSIT (enough on
    /// its way to the location), SHORT or UNCONFIRMED (inventory could not say).
    status: String,
    available: Option<Decimal>,
    in_transit: Option<Decimal>,
    shortfall: Option<Decimal>,
    /// Why the stock is unconfirmed, in words for the user.
    reason: Option<String>,
}

impl From<LineStock> for LineStockCheck {
    fn from(stock: LineStock) -> Self {
        let blank = |status: &str| LineStockCheck {
            status: status.to_string(),
            available: None,
            in_transit: None,
            shortfall: None,
            reason: None,
        };
        match stock {
            LineStock::NotChecked => blank("NOT_CHECKED"),
            LineStock::Available { available } => LineStockCheck {
                available: Some(Decimal(available)),
                ..blank("AVAILABLE")
            },
            LineStock::InTransit {
                available,
                in_transit,
            } => LineStockCheck {
                available: Some(Decimal(available)),
                in_transit: Some(Decimal(in_transit)),
                ..blank("IN_TRANSIT")
            },
            LineStock::Short {
                available,
                shortfall,
            } => LineStockCheck {
                available: Some(Decimal(available)),
                shortfall: Some(Decimal(shortfall)),
                ..blank("SHORT")
            },
            LineStock::Unconfirmed { reason } => LineStockCheck {
                reason: Some(reason),
                ..blank("UNCONFIRMED")
            },
        }
    }
}

/// A quoted line with its amounts.
#[derive(SimpleObject)]
pub struct QuoteLine {
    product: Option<String>,
    description: String,
    quantity: Decimal,
    unit_price: Rand,
    discount_percent: Decimal,
    /// After the discount, excluding VAT.
    net: Rand,
    /// STANDARD, ZERO_RATED or EXEMPT.
    vat_treatment: String,
    vat: Rand,
    stock: LineStockCheck,
}

impl From<QuotedLine> for QuoteLine {
    fn from(line: QuotedLine) -> Self {
        Self {
            product: line.product,
            description: line.description,
            quantity: Decimal(line.quantity),
            unit_price: Rand(line.unit_price.as_decimal()),
            discount_percent: Decimal(line.discount_percent),
            net: Rand(line.net.as_decimal()),
            vat_treatment: line.vat_treatment.as_str().to_string(),
            vat: Rand(line.vat.as_decimal()),
            stock: line.stock.into(),
        }
    }
}

/// A quote with its latest version.
#[derive(SimpleObject)]
pub struct Quote {
    id: ID,
    opportunity_id: ID,
    version: i32,
    /// DRAFT or ACCEPTED.
    status: String,
    valid_until: NaiveDate,
    location: Option<String>,
    lines: Vec<QuoteLine>,
    net: Rand,
    vat: Rand,
    total: Rand,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<QuoteRow> for Quote {
    fn from(row: QuoteRow) -> Self {
        let lines: Vec<QuotedLine> = serde_json::from_value(row.lines).unwrap_or_default();
        Self {
            id: ID(row.id),
            opportunity_id: ID(row.opportunity_id),
            version: row.version,
            status: row.status,
            valid_until: row.valid_until,
            location: row.location,
            lines: lines.into_iter().map(QuoteLine::from).collect(),
            net: Rand(row.net),
            vat: Rand(row.vat),
            total: Rand(row.total),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A quote command was accepted.
#[derive(SimpleObject)]
pub struct QuoteChanged {
    /// The quote's id.
    id: ID,
    correlation_id: String,
}

fn changed(ctx: &Context<'_>, id: String) -> QuoteChanged {
    QuoteChanged {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct QuotesQuery;

#[Object]
impl QuotesQuery {
    /// One quote; null when it does not exist or its opportunity is not yours to see.
    async fn quote(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Quote>> {
        Ok(ask(ctx, QuoteById { id: id.0 }).await?.map(Quote::from))
    }

    /// The quotes of an opportunity, latest first.
    async fn quotes(
        &self,
        ctx: &Context<'_>,
        opportunity_id: ID,
    ) -> async_graphql::Result<Vec<Quote>> {
        let rows = ask(
            ctx,
            QuotesOf {
                opportunity_id: opportunity_id.0,
            },
        )
        .await?;
        Ok(rows.into_iter().map(Quote::from).collect())
    }
}

#[derive(Default)]
pub struct QuotesMutation;

#[Object]
impl QuotesMutation {
    /// Drafts a quote on an opportunity. Each stocked line's availability is checked
    /// with inventory first; when inventory is down or slow the quote is saved anyway
    /// with that line marked UNCONFIRMED and the reason.
    async fn draft_quote(
        &self,
        ctx: &Context<'_>,
        opportunity_id: ID,
        input: QuoteInput,
    ) -> async_graphql::Result<QuoteChanged> {
        let op = DraftQuote(DraftQuoteInput {
            opportunity_id: opportunity_id.0,
            quote: input.into(),
        });
        Ok(changed(ctx, ask(ctx, op).await?))
    }

    /// Saves a new version of a quote, its stock checked again.
    async fn revise_quote(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: QuoteInput,
    ) -> async_graphql::Result<QuoteChanged> {
        let op = ReviseQuote(ReviseQuoteInput {
            quote_id: id.0,
            quote: input.into(),
        });
        Ok(changed(ctx, ask(ctx, op).await?))
    }

    /// Records that the customer accepted the latest version (while valid).
    async fn accept_quote(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<QuoteChanged> {
        let op = AcceptQuote(AcceptQuoteInput { quote_id: id.0 });
        Ok(changed(ctx, ask(ctx, op).await?))
    }
}
