//! Reads of leads, with keyset pagination by company name. Row-level filtering is the
//! caller's to ask for: `visible_to` limits any read to one owner's leads.

use constructos_infra::{read, ReadError};

use super::queries::{keyset_after, page_of};
use super::rows::{LeadFilter, LeadRow, Page};
use super::{IdentityQueries, MAX_PAGE};
use crate::like_pattern;

const LEAD_COLUMNS: &str = "id, company_name, contact_first_name, contact_last_name, email, \
     phone, source, estimated_value, status, owner, disqualification_reason, account_id, \
     contact_id, created_at, updated_at";

impl IdentityQueries {
    /// Leads ordered by company name, `first` at a time after `after`; with
    /// `visible_to`, only the leads that subject owns.
    pub async fn leads(
        &self,
        filter: &LeadFilter,
        visible_to: Option<&str>,
        first: i64,
        after: Option<&str>,
    ) -> Result<Page<LeadRow>, ReadError> {
        let first = first.clamp(1, MAX_PAGE);
        let (after_key, after_id) = keyset_after(after)?;
        let rows: Vec<LeadRow> = sqlx::query_as(&format!(
            "SELECT {LEAD_COLUMNS}
               FROM read_model.leads
              WHERE ($1::text IS NULL OR company_name ILIKE $1)
                AND ($2::text IS NULL OR status = $2)
                AND ($3::text IS NULL OR owner = $3)
                AND ($4::text IS NULL OR owner = $4)
                AND ($5::text IS NULL OR (lower(company_name), id) > ($5, $6))
              ORDER BY lower(company_name), id
              LIMIT $7"
        ))
        .bind(filter.company_contains.as_deref().map(like_pattern))
        .bind(&filter.status)
        .bind(&filter.owner)
        .bind(visible_to)
        .bind(after_key)
        .bind(after_id)
        .bind(first + 1)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to list leads"))?;
        Ok(page_of(rows, first, |r| {
            (r.company_name.to_lowercase(), r.id.clone())
        }))
    }

    /// One lead by id; with `visible_to`, only if that subject owns it.
    pub async fn lead(
        &self,
        id: &str,
        visible_to: Option<&str>,
    ) -> Result<Option<LeadRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {LEAD_COLUMNS} FROM read_model.leads
              WHERE id = $1 AND ($2::text IS NULL OR owner = $2)"
        ))
        .bind(id)
        .bind(visible_to)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a lead"))
    }
}
