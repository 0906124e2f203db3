//! Typed calls for leads.

use constructos_commands::identity::{CaptureLeadInput, LeadConverted};
use constructos_commands::CommandError;
use constructos_projections::identity::{LeadFilter, LeadRow, Page};

use super::client::unexpected;
use super::{IdentityClient, IdentityRequest as R, IdentityResponse};
use crate::Call;

impl IdentityClient {
    /// Captures a lead owned by the caller; returns its id.
    pub async fn capture_lead(
        &self,
        call: &Call,
        input: CaptureLeadInput,
    ) -> Result<String, CommandError> {
        self.created(call, R::CaptureLead { input }).await
    }

    /// Qualifies a new lead.
    pub async fn qualify_lead(&self, call: &Call, id: String) -> Result<(), CommandError> {
        self.done(call, R::QualifyLead { id }).await
    }

    /// Disqualifies a lead, with the reason.
    pub async fn disqualify_lead(
        &self,
        call: &Call,
        id: String,
        reason: String,
    ) -> Result<(), CommandError> {
        self.done(call, R::DisqualifyLead { id, reason }).await
    }

    /// Converts a qualified lead into an account and a contact (at most once).
    pub async fn convert_lead(
        &self,
        call: &Call,
        id: String,
    ) -> Result<LeadConverted, CommandError> {
        match self.api.handle(call, R::ConvertLead { id }).await? {
            IdentityResponse::Converted(converted) => Ok(converted),
            other => Err(unexpected(other)),
        }
    }

    /// A page of the leads the caller may see.
    pub async fn leads(
        &self,
        call: &Call,
        filter: LeadFilter,
        first: i64,
        after: Option<String>,
    ) -> Result<Page<LeadRow>, CommandError> {
        let request = R::Leads {
            filter,
            first,
            after,
        };
        match self.api.handle(call, request).await? {
            IdentityResponse::Leads(page) => Ok(page),
            other => Err(unexpected(other)),
        }
    }

    /// One lead, if the caller may see it.
    pub async fn lead(&self, call: &Call, id: String) -> Result<Option<LeadRow>, CommandError> {
        match self.api.handle(call, R::Lead { id }).await? {
            IdentityResponse::Lead(row) => Ok(row),
            other => Err(unexpected(other)),
        }
    }
}
