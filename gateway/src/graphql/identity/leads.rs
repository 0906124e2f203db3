//! Leads in the schema: capture, qualify, disqualify, convert, and the lists. A
//! Sales_Rep sees and acts on only their own leads; Sales_Manager, Admin and Auditor see
//! all (enforced by the identity service, not here).

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, Utc};
use constructos_commands::identity::CaptureLeadInput as CaptureLeadCommand;
use constructos_domain::identity as domain;
use constructos_projections::identity::{LeadFilter, LeadRow};
use constructos_services::identity::{
    self as operations, ConvertLead, DisqualifyLead, Leads, QualifyLead,
};

use super::enums::{from_wire, LeadSource, LeadStatus};
use super::{accepted, Accepted};
use crate::graphql::errors::{ask, request_id};
use crate::graphql::page::PageInfo;
use crate::graphql::rand::Rand;

/// A prospective customer.
#[derive(SimpleObject)]
pub struct Lead {
    id: ID,
    company_name: String,
    contact_first_name: String,
    contact_last_name: String,
    email: Option<String>,
    phone: Option<String>,
    source: LeadSource,
    estimated_value: Option<Rand>,
    status: LeadStatus,
    /// The subject of the user who captured and owns the lead.
    owner: String,
    disqualification_reason: Option<String>,
    /// The account the lead was converted into.
    account_id: Option<ID>,
    /// The contact the lead was converted into.
    contact_id: Option<ID>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl Lead {
    fn from_row(row: LeadRow) -> async_graphql::Result<Self> {
        Ok(Self {
            source: from_wire::<domain::LeadSource, _>("lead source", &row.source)?,
            status: from_wire::<domain::LeadStatus, _>("lead status", &row.status)?,
            id: ID(row.id),
            company_name: row.company_name,
            contact_first_name: row.contact_first_name,
            contact_last_name: row.contact_last_name,
            email: row.email,
            phone: row.phone,
            estimated_value: row.estimated_value.map(Rand),
            owner: row.owner,
            disqualification_reason: row.disqualification_reason,
            account_id: row.account_id.map(ID),
            contact_id: row.contact_id.map(ID),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A page of leads, ordered by company name.
#[derive(SimpleObject)]
pub struct LeadConnection {
    nodes: Vec<Lead>,
    page_info: PageInfo,
}

/// What a lead was converted into (the same on every retry).
#[derive(SimpleObject)]
pub struct LeadConversion {
    lead_id: ID,
    account_id: ID,
    contact_id: ID,
    correlation_id: String,
}

/// A new lead; the caller becomes its owner.
#[derive(InputObject)]
pub struct CaptureLeadInput {
    company_name: String,
    contact_first_name: String,
    contact_last_name: String,
    /// An e-mail address or a phone number is required.
    email: Option<String>,
    phone: Option<String>,
    source: LeadSource,
    /// Rand, e.g. "4500000.00".
    estimated_value: Option<Rand>,
}

#[derive(Default)]
pub struct LeadsQuery;

#[Object]
impl LeadsQuery {
    /// Leads by company name: every lead for Sales_Manager, Admin and Auditor, only your
    /// own for a Sales_Rep. Guarded by `identity.leads.read`.
    async fn leads(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, validator(minimum = 1, maximum = 100))] first: i64,
        after: Option<String>,
        #[graphql(validator(max_length = 200))] company_contains: Option<String>,
        status: Option<LeadStatus>,
        #[graphql(validator(max_length = 200))] owner: Option<String>,
    ) -> async_graphql::Result<LeadConnection> {
        let filter = LeadFilter {
            company_contains: company_contains.filter(|n| !n.trim().is_empty()),
            status: status.map(|s| domain::LeadStatus::from(s).as_str().to_string()),
            owner,
        };
        let page = ask(
            ctx,
            Leads {
                filter,
                first,
                after,
            },
        )
        .await?;
        Ok(LeadConnection {
            nodes: page
                .items
                .into_iter()
                .map(Lead::from_row)
                .collect::<Result<_, _>>()?,
            page_info: PageInfo {
                end_cursor: page.end_cursor,
                has_next_page: page.has_next_page,
            },
        })
    }

    /// One lead, or null when unknown or not yours to see. Guarded by `identity.leads.read`.
    async fn lead(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Lead>> {
        let row = ask(ctx, operations::Lead { id: id.0 }).await?;
        row.map(Lead::from_row).transpose()
    }
}

#[derive(Default)]
pub struct LeadsMutation;

#[Object]
impl LeadsMutation {
    /// Captures a lead that you own. Guarded by `identity.leads.write`.
    async fn capture_lead(
        &self,
        ctx: &Context<'_>,
        input: CaptureLeadInput,
    ) -> async_graphql::Result<Accepted> {
        let command = CaptureLeadCommand {
            company_name: input.company_name,
            contact_first_name: input.contact_first_name,
            contact_last_name: input.contact_last_name,
            email: input.email,
            phone: input.phone,
            source: input.source.into(),
            estimated_value: input.estimated_value.map(|r| r.0),
        };
        let id = ask(ctx, command).await?;
        Ok(accepted(ctx, id))
    }

    /// Marks a new lead as worth pursuing. Guarded by `identity.leads.write`.
    async fn qualify_lead(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Accepted> {
        ask(ctx, QualifyLead { id: id.0.clone() }).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Closes a lead as not worth pursuing, with the reason. Guarded by `identity.leads.write`.
    async fn disqualify_lead(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Accepted> {
        let disqualification = DisqualifyLead {
            id: id.0.clone(),
            reason,
        };
        ask(ctx, disqualification).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Converts a qualified lead into a customer account and a contact, at most once:
    /// sending it again answers with the same ids and creates nothing. Publishes
    /// `LeadConverted`, the sales domain's opportunity event. Guarded by `identity.leads.write`.
    async fn convert_lead(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<LeadConversion> {
        let converted = ask(ctx, ConvertLead { id: id.0 }).await?;
        Ok(LeadConversion {
            lead_id: ID(converted.lead_id),
            account_id: ID(converted.account_id),
            contact_id: ID(converted.contact_id),
            correlation_id: request_id(ctx),
        })
    }
}
