//! Stock counts in the schema: a count sheet per location, counted quantities, the
//! variances against the book, and posting them as adjustments.

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, Utc};
use constructos_commands::inventory::{OpenCountInput, PostCountInput, RecordCountInput};
use constructos_projections::inventory::{CountLineRow, CountRow};
use constructos_services::inventory::{StockCountById, StockCounts};

use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::Decimal;

/// One product on a count sheet.
#[derive(SimpleObject)]
pub struct StockCountLine {
    product: String,
    counted: Decimal,
    /// On hand now while the count is open; as it stood when posted once posted.
    book: Decimal,
    /// Counted less book: what posting adjusts.
    variance: Decimal,
}

impl From<CountLineRow> for StockCountLine {
    fn from(row: CountLineRow) -> Self {
        Self {
            product: row.product,
            counted: Decimal(row.counted),
            book: Decimal(row.book),
            variance: Decimal(row.variance),
        }
    }
}

/// A count sheet.
#[derive(SimpleObject)]
pub struct StockCountSheet {
    id: ID,
    location: String,
    reference: String,
    /// OPEN or POSTED.
    status: String,
    opened_at: DateTime<Utc>,
    posted_at: Option<DateTime<Utc>>,
    /// The products counted (empty in lists).
    lines: Vec<StockCountLine>,
}

fn sheet(row: CountRow, lines: Vec<CountLineRow>) -> StockCountSheet {
    StockCountSheet {
        id: ID(row.id),
        location: row.location,
        reference: row.reference,
        status: row.status,
        opened_at: row.opened_at,
        posted_at: row.posted_at,
        lines: lines.into_iter().map(StockCountLine::from).collect(),
    }
}

/// A count command was accepted.
#[derive(SimpleObject)]
pub struct StockCountChanged {
    /// The count's id.
    id: ID,
    correlation_id: String,
}

fn changed(ctx: &Context<'_>, id: String) -> StockCountChanged {
    StockCountChanged {
        id: ID(id),
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct CountsQuery;

#[Object]
impl CountsQuery {
    /// Count sheets, latest first (at most 200), optionally of one location.
    async fn stock_counts(
        &self,
        ctx: &Context<'_>,
        location: Option<String>,
    ) -> async_graphql::Result<Vec<StockCountSheet>> {
        let rows = ask(ctx, StockCounts { location }).await?;
        Ok(rows.into_iter().map(|r| sheet(r, Vec::new())).collect())
    }

    /// One count sheet with its lines and variances; null when there is none.
    async fn stock_count(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<StockCountSheet>> {
        Ok(ask(ctx, StockCountById { id: id.0 })
            .await?
            .map(|(row, lines)| sheet(row, lines)))
    }
}

#[derive(Default)]
pub struct CountsMutation;

#[Object]
impl CountsMutation {
    /// Opens a count sheet for a location; answers its id.
    async fn open_stock_count(
        &self,
        ctx: &Context<'_>,
        location: String,
        reference: String,
    ) -> async_graphql::Result<StockCountChanged> {
        let input = OpenCountInput {
            location,
            reference,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Records (or corrects) what was counted of a product.
    async fn record_stock_count(
        &self,
        ctx: &Context<'_>,
        count_id: ID,
        product: String,
        counted: Decimal,
    ) -> async_graphql::Result<StockCountChanged> {
        let input = RecordCountInput {
            count_id: count_id.0,
            product,
            counted: counted.0,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Posts the count: each counted product's variance against its quantity on hand now
    /// becomes an adjustment (reason COUNT), all at once. A posted count is final.
    async fn post_stock_count(
        &self,
        ctx: &Context<'_>,
        count_id: ID,
    ) -> async_graphql::Result<StockCountChanged> {
        let input = PostCountInput {
            count_id: count_id.0,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }
}
