//! Reads of marketing's read models: campaigns with their cost per lead and win rate,
//! the leads a campaign brought, lead scores with each factor, and the scoring rules in
//! force. Row-level: `owner` (a sales rep's subject) limits lead reads to that rep's
//! leads; campaigns are everyone's.

use chrono::NaiveDate;
use constructos_domain::sales::marketing::scoring::{ScoreFactor, ScoringRules};
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;

use super::SalesQueries;

/// A campaign with what it brought.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: String,
    pub name: String,
    pub channel: String,
    pub budget: Decimal,
    pub spent: Decimal,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The segment as stored (`sectors`, `provinces`, `min_cidb_grade`).
    pub segment: serde_json::Value,
    /// `ACTIVE` or `CLOSED`.
    pub status: String,
    pub closed_on: Option<NaiveDate>,
    /// Leads attributed (each lead's first response to the campaign).
    pub leads: i64,
    pub site_visits: i64,
    /// Opportunities the attributed leads became, and how many were won and lost.
    pub opportunities: i64,
    pub won: i64,
    pub lost: i64,
    /// Spent ÷ leads, to the cent; none without leads.
    pub cost_per_lead: Option<Decimal>,
    /// Won ÷ (won + lost), percent to one place; none before any closed.
    pub win_rate: Option<Decimal>,
}

#[derive(sqlx::FromRow)]
struct CampaignSums {
    id: String,
    name: String,
    channel: String,
    budget: Decimal,
    spent: Decimal,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    segment: serde_json::Value,
    status: String,
    closed_on: Option<NaiveDate>,
    leads: i64,
    site_visits: i64,
    opportunities: i64,
    won: i64,
    lost: i64,
}

impl From<CampaignSums> for CampaignRow {
    fn from(c: CampaignSums) -> Self {
        let cost_per_lead = (c.leads > 0).then(|| (c.spent / Decimal::from(c.leads)).round_dp(2));
        let closed = c.won + c.lost;
        let win_rate =
            (closed > 0).then(|| (Decimal::from(c.won * 100) / Decimal::from(closed)).round_dp(1));
        Self {
            id: c.id,
            name: c.name,
            channel: c.channel,
            budget: c.budget,
            spent: c.spent,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            segment: c.segment,
            status: c.status,
            closed_on: c.closed_on,
            leads: c.leads,
            site_visits: c.site_visits,
            opportunities: c.opportunities,
            won: c.won,
            lost: c.lost,
            cost_per_lead,
            win_rate,
        }
    }
}

const CAMPAIGNS: &str = "SELECT c.id, c.name, c.channel, c.budget, c.spent, c.starts_on, c.ends_on,
        c.segment, c.status, c.closed_on,
        count(l.lead_id) AS leads,
        count(l.lead_id) FILTER (WHERE l.site_visit_booked) AS site_visits,
        count(o.id) AS opportunities,
        count(o.id) FILTER (WHERE o.stage = 'WON') AS won,
        count(o.id) FILTER (WHERE o.stage = 'LOST') AS lost
   FROM read_model.campaigns c
   LEFT JOIN read_model.campaign_leads l ON l.campaign_id = c.id
   LEFT JOIN read_model.opportunities o ON o.lead_id = l.lead_id";

/// A lead's score, with the facts and each factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct LeadScoreRow {
    pub lead_id: String,
    pub company_name: Option<String>,
    pub owner: Option<String>,
    pub status: Option<String>,
    pub estimated_value: Option<Decimal>,
    pub sector: Option<String>,
    pub province: Option<String>,
    pub cidb_grade: Option<i32>,
    pub responses: i32,
    pub site_visit_booked: bool,
    pub score: i32,
    #[sqlx(json)]
    pub factors: Vec<ScoreFactor>,
    /// The version of the rules it was scored by (0: the defaults).
    pub rules_version: i32,
}

const LEAD_SCORE_COLUMNS: &str = "lead_id, company_name, owner, status, estimated_value, sector,
        province, cidb_grade, responses, site_visit_booked, score, factors, rules_version";

/// A lead a campaign brought.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct CampaignLeadRow {
    pub lead_id: String,
    pub company_name: Option<String>,
    pub responses: i32,
    pub site_visit_booked: bool,
    pub first_response_on: NaiveDate,
    pub score: Option<i32>,
}

/// The scoring rules in force and their version (0: the defaults).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesRow {
    pub version: i32,
    pub rules: ScoringRules,
}

impl SalesQueries {
    /// Every campaign, latest first.
    pub async fn campaigns(&self) -> Result<Vec<CampaignRow>, ReadError> {
        let rows: Vec<CampaignSums> = sqlx::query_as(&format!(
            "{CAMPAIGNS} GROUP BY c.id ORDER BY c.starts_on DESC, c.id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the campaigns"))?;
        Ok(rows.into_iter().map(CampaignRow::from).collect())
    }

    /// One campaign.
    pub async fn campaign(&self, id: &str) -> Result<Option<CampaignRow>, ReadError> {
        let row: Option<CampaignSums> =
            sqlx::query_as(&format!("{CAMPAIGNS} WHERE c.id = $1 GROUP BY c.id"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(read("Failed to read a campaign"))?;
        Ok(row.map(CampaignRow::from))
    }

    /// The leads a campaign brought, first responders first; a rep sees their own.
    pub async fn campaign_leads(
        &self,
        id: &str,
        owner: Option<&str>,
    ) -> Result<Vec<CampaignLeadRow>, ReadError> {
        sqlx::query_as(
            "SELECT l.lead_id, s.company_name, l.responses, l.site_visit_booked,
                    l.first_response_on, s.score
               FROM read_model.campaign_leads l
               LEFT JOIN read_model.scored_leads s ON s.lead_id = l.lead_id
              WHERE l.campaign_id = $1 AND ($2::text IS NULL OR s.owner = $2)
              ORDER BY l.first_response_on, l.lead_id",
        )
        .bind(id)
        .bind(owner)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read a campaign's leads"))
    }

    /// The leads identity has captured, best score first, at most `limit`; a rep sees
    /// their own.
    pub async fn lead_scores(
        &self,
        owner: Option<&str>,
        limit: i64,
    ) -> Result<Vec<LeadScoreRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {LEAD_SCORE_COLUMNS} FROM read_model.scored_leads
              WHERE company_name IS NOT NULL AND ($1::text IS NULL OR owner = $1)
              ORDER BY score DESC, lead_id LIMIT $2"
        ))
        .bind(owner)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the lead scores"))
    }

    /// One lead's score, if it is the caller's to see.
    pub async fn lead_score(
        &self,
        lead_id: &str,
        owner: Option<&str>,
    ) -> Result<Option<LeadScoreRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {LEAD_SCORE_COLUMNS} FROM read_model.scored_leads
              WHERE lead_id = $1 AND company_name IS NOT NULL
                AND ($2::text IS NULL OR owner = $2)"
        ))
        .bind(lead_id)
        .bind(owner)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read a lead's score"))
    }

    /// The scoring rules in force.
    pub async fn scoring_rules(&self) -> Result<RulesRow, ReadError> {
        let row: Option<(i32, Json<ScoringRules>)> =
            sqlx::query_as("SELECT version, rules FROM read_model.lead_scoring_rules WHERE id = 1")
                .fetch_optional(&self.pool)
                .await
                .map_err(read("Failed to read the scoring rules"))?;
        Ok(row.map_or_else(
            || RulesRow {
                version: 0,
                rules: ScoringRules::default(),
            },
            |(version, rules)| RulesRow {
                version,
                rules: rules.0,
            },
        ))
    }
}
