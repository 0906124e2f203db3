//! Reads of the sales read models: the pipeline newest first, with keyset pagination
//! on `(opened_at, id)` behind an opaque cursor. Row-level filtering is the caller's to
//! ask for: `scope` (from `opportunity_scope`) limits any read to one owner's rows.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use constructos_domain::sales::Stage;
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

/// The rows a page returns when the caller does not say.
pub const DEFAULT_PAGE: u32 = 20;
/// The most rows one page returns.
pub const MAX_PAGE: u32 = 100;

/// An opportunity as the read model holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct OpportunityRow {
    pub id: String,
    pub lead_id: String,
    pub account_id: String,
    pub contact_id: String,
    /// The company's name.
    pub name: String,
    /// The owner's subject.
    pub owner: String,
    /// `REFERRAL`, `WEBSITE`, `TENDER_BULLETIN`, `COLD_CALL` or `OTHER`.
    pub source: String,
    /// `QUALIFICATION`, `SITE_VISIT`, `TENDER`, `NEGOTIATION`, `WON` or `LOST`.
    pub stage: String,
    /// Percent: the stage's as configured.
    pub probability: i32,
    /// Rand, two decimal places.
    pub estimated_value: Option<Decimal>,
    pub lost_reason: Option<String>,
    pub competitor: Option<String>,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When it was won or lost.
    pub closed_at: Option<DateTime<Utc>>,
    /// When it is expected to close.
    pub expected_close: Option<chrono::NaiveDate>,
}

/// One slice of the pipeline (a stage, a month of expected close, an owner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct PipelineRow {
    /// The stage, the month (`2027-03`) or the owner's subject.
    pub key: String,
    pub opportunities: i64,
    /// Estimated value, rand.
    pub value: Decimal,
    /// Value × the stage's probability, rand and cents.
    pub weighted: Decimal,
}

/// A stage of the pipeline as configured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct PipelineStageRow {
    /// `QUALIFICATION` … `LOST`.
    pub stage: String,
    pub label: String,
    /// Percent.
    pub probability: i32,
}

/// The pipeline three ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Every stage, open and closed.
    pub by_stage: Vec<PipelineRow>,
    /// Open opportunities by the month they are expected to close.
    pub by_month: Vec<PipelineRow>,
    /// Open opportunities by owner.
    pub by_owner: Vec<PipelineRow>,
}

/// A stage an opportunity passed through, and how long it stayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct StageSpellRow {
    pub stage: String,
    pub entered_at: DateTime<Utc>,
    /// `None` for the stage it is in.
    pub left_at: Option<DateTime<Utc>>,
    /// Until it left, or until now.
    pub seconds: i64,
}

/// A quote with its latest version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct QuoteRow {
    pub id: String,
    pub opportunity_id: String,
    pub version: i32,
    /// `DRAFT` or `ACCEPTED`.
    pub status: String,
    pub valid_until: chrono::NaiveDate,
    pub location: Option<String>,
    pub net: Decimal,
    pub vat: Decimal,
    pub total: Decimal,
    /// The latest version's priced lines (`QuotedLine`s), each with its stock answer.
    pub lines: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Which opportunities to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpportunityFilter {
    pub stage: Option<Stage>,
    /// The owner's subject.
    pub owner: Option<String>,
}

/// One page of opportunities, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpportunityPage {
    pub rows: Vec<OpportunityRow>,
    /// Pass as `after` to get the next page; `None` when the page is empty.
    pub end_cursor: Option<String>,
    pub has_next_page: bool,
}

/// Reads of the sales database's read models.
#[derive(Clone)]
pub struct SalesQueries {
    pub(super) pool: PgPool,
}

const OPPORTUNITY_COLUMNS: &str = "id, lead_id, account_id, contact_id, name, owner, source, \
     stage, probability, estimated_value, lost_reason, competitor, opened_at, updated_at, \
     closed_at, expected_close";

/// The cursor after the row opened at `opened_at` with `id`.
fn encode_cursor(opened_at: DateTime<Utc>, id: &str) -> String {
    // Microseconds: what PostgreSQL keeps, so the position is exact.
    let at = opened_at.to_rfc3339_opts(SecondsFormat::Micros, true);
    URL_SAFE_NO_PAD.encode(serde_json::json!([at, id]).to_string())
}

fn decode_cursor(cursor: &str) -> Result<(DateTime<Utc>, String), ReadError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| ReadError::InvalidCursor)?;
    let (at, id) =
        serde_json::from_slice::<(String, String)>(&bytes).map_err(|_| ReadError::InvalidCursor)?;
    let at = DateTime::parse_from_rfc3339(&at).map_err(|_| ReadError::InvalidCursor)?;
    Ok((at.with_timezone(&Utc), id))
}

/// The page size asked for, within `1..=MAX_PAGE`.
fn page_size(first: Option<u32>) -> u32 {
    first.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
}

impl SalesQueries {
    /// Queries over the sales database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Opportunities newest first, `first` at a time (default [`DEFAULT_PAGE`], at most
    /// [`MAX_PAGE`]) after the cursor `after`; with `scope`, only the opportunities that
    /// subject owns. A cursor that does not decode is [`ReadError::InvalidCursor`].
    pub async fn opportunities(
        &self,
        filter: &OpportunityFilter,
        scope: Option<&str>,
        first: Option<u32>,
        after: Option<&str>,
    ) -> Result<OpportunityPage, ReadError> {
        let first = page_size(first);
        let (after_at, after_id) = match after {
            Some(cursor) => decode_cursor(cursor).map(|(at, id)| (Some(at), Some(id)))?,
            None => (None, None),
        };
        let mut rows: Vec<OpportunityRow> = sqlx::query_as(&format!(
            "SELECT {OPPORTUNITY_COLUMNS}
               FROM read_model.opportunities
              WHERE ($1::text IS NULL OR stage = $1)
                AND ($2::text IS NULL OR owner = $2)
                AND ($3::text IS NULL OR owner = $3)
                AND ($4::timestamptz IS NULL OR (opened_at, id) < ($4, $5))
              ORDER BY opened_at DESC, id DESC
              LIMIT $6"
        ))
        .bind(filter.stage.map(Stage::as_str))
        .bind(&filter.owner)
        .bind(scope)
        .bind(after_at)
        .bind(after_id)
        .bind(i64::from(first) + 1)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to list opportunities"))?;
        // The extra row only says that more follow.
        let keep = usize::try_from(first).unwrap_or(usize::MAX);
        let has_next_page = rows.len() > keep;
        rows.truncate(keep);
        let end_cursor = rows.last().map(|r| encode_cursor(r.opened_at, &r.id));
        Ok(OpportunityPage {
            rows,
            end_cursor,
            has_next_page,
        })
    }

    /// One opportunity by id; with `scope`, only if that subject owns it.
    pub async fn opportunity(
        &self,
        id: &str,
        scope: Option<&str>,
    ) -> Result<Option<OpportunityRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {OPPORTUNITY_COLUMNS} FROM read_model.opportunities
              WHERE id = $1 AND ($2::text IS NULL OR owner = $2)"
        ))
        .bind(id)
        .bind(scope)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read an opportunity"))
    }

    /// One quote, if its opportunity is `owner`'s (any owner's when `None`).
    pub async fn quote(
        &self,
        id: &str,
        owner: Option<&str>,
    ) -> Result<Option<QuoteRow>, ReadError> {
        sqlx::query_as(
            "SELECT q.id, q.opportunity_id, q.version, q.status, q.valid_until, q.location,
                    q.net, q.vat, q.total, q.lines, q.created_at, q.updated_at
               FROM read_model.quotes q
               JOIN read_model.opportunities o ON o.id = q.opportunity_id
              WHERE q.id = $1 AND ($2::text IS NULL OR o.owner = $2)",
        )
        .bind(id)
        .bind(owner)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a quote"))
    }

    /// The quotes of an opportunity, latest first (at most 100), if it is `owner`'s.
    pub async fn quotes(
        &self,
        opportunity: &str,
        owner: Option<&str>,
    ) -> Result<Vec<QuoteRow>, ReadError> {
        sqlx::query_as(
            "SELECT q.id, q.opportunity_id, q.version, q.status, q.valid_until, q.location,
                    q.net, q.vat, q.total, q.lines, q.created_at, q.updated_at
               FROM read_model.quotes q
               JOIN read_model.opportunities o ON o.id = q.opportunity_id
              WHERE q.opportunity_id = $1 AND ($2::text IS NULL OR o.owner = $2)
              ORDER BY q.created_at DESC
              LIMIT 100",
        )
        .bind(opportunity)
        .bind(owner)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the quotes"))
    }

    /// The pipeline by stage, by month of expected close (open ones with a date) and by
    /// owner (open ones), of `owner`'s opportunities only when given.
    pub async fn pipeline(&self, owner: Option<&str>) -> Result<Pipeline, ReadError> {
        let slice = |key: &str, filter: &str| {
            format!(
                "SELECT {key} AS key, count(*) AS opportunities,
                        coalesce(sum(estimated_value), 0) AS value,
                        coalesce(round(sum(estimated_value * probability / 100.0), 2), 0) AS weighted
                   FROM read_model.opportunities
                  WHERE ($1::text IS NULL OR owner = $1) {filter}
                  GROUP BY 1 ORDER BY 1"
            )
        };
        let open = "AND stage NOT IN ('WON', 'LOST')";
        let by = |sql: String| {
            let pool = self.pool.clone();
            let owner = owner.map(str::to_string);
            async move {
                sqlx::query_as::<_, PipelineRow>(&sql)
                    .bind(owner)
                    .fetch_all(&pool)
                    .await
                    .map_err(read("Failed to read the pipeline"))
            }
        };
        Ok(Pipeline {
            by_stage: by(slice("stage", "")).await?,
            by_month: by(slice(
                "to_char(expected_close, 'YYYY-MM')",
                &format!("{open} AND expected_close IS NOT NULL"),
            ))
            .await?,
            by_owner: by(slice("owner", open)).await?,
        })
    }

    /// The stages as configured, in pipeline order.
    pub async fn pipeline_stages(&self) -> Result<Vec<PipelineStageRow>, ReadError> {
        sqlx::query_as(
            "SELECT stage, label, probability FROM read_model.pipeline_stages ORDER BY position",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the pipeline's stages"))
    }

    /// The stages an opportunity passed through, first to last, if it is `owner`'s.
    pub async fn stage_history(
        &self,
        id: &str,
        owner: Option<&str>,
    ) -> Result<Vec<StageSpellRow>, ReadError> {
        sqlx::query_as(
            "SELECT h.stage, h.entered_at, h.left_at,
                    extract(epoch FROM coalesce(h.left_at, now()) - h.entered_at)::bigint AS seconds
               FROM read_model.opportunity_stages h
               JOIN read_model.opportunities o ON o.id = h.opportunity_id
              WHERE h.opportunity_id = $1 AND ($2::text IS NULL OR o.owner = $2)
              ORDER BY h.entered_at",
        )
        .bind(id)
        .bind(owner)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the stage history"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_to_the_microsecond() {
        let at = DateTime::parse_from_rfc3339("2026-03-04T05:06:07.123456Z")
            .expect("time")
            .with_timezone(&Utc);
        let cursor = encode_cursor(at, "opp-1");
        assert_eq!(decode_cursor(&cursor).ok(), Some((at, "opp-1".to_string())));
    }

    #[test]
    fn malformed_cursors_are_an_error_value() {
        let not_json = URL_SAFE_NO_PAD.encode("[1, 2");
        let not_a_time = URL_SAFE_NO_PAD.encode(r#"["yesterday","opp-1"]"#);
        for bad in [
            "",
            "not a cursor!",
            "%%%",
            not_json.as_str(),
            not_a_time.as_str(),
        ] {
            assert!(decode_cursor(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn page_sizes_default_to_20_within_1_to_100() {
        assert_eq!(page_size(None), 20);
        assert_eq!(page_size(Some(0)), 1);
        assert_eq!(page_size(Some(7)), 7);
        assert_eq!(page_size(Some(u32::MAX)), 100);
    }
}
