//! Leads: capture, qualify, disqualify, convert, and the reads, with the row-level rule
//! of [`leads_visible_to`]: a Sales_Rep sees only the leads they own. The command side
//! applies the same rule to writes.

use async_trait::async_trait;
use constructos_commands::identity::{CaptureLeadInput, LeadConverted};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_projections::identity::{LeadFilter, LeadRow, Page};
use serde::{Deserialize, Serialize};

use crate::identity::{leads_visible_to, IdentityService};
use crate::{Call, Handle, Operation};

const WRITERS: Access = Access::Requires(Permission::LeadsWrite);
const READERS: Access = Access::Requires(Permission::LeadsRead);

/// Captures a lead owned by the caller; answers its new id.
impl Operation for CaptureLeadInput {
    type Service = IdentityService;
    type Answer = String;
    const NAME: &'static str = "capture_lead";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<CaptureLeadInput> for IdentityService {
    async fn handle(&self, call: &Call, op: CaptureLeadInput) -> Result<String, CommandError> {
        self.commands.capture_lead(&call.context, op).await
    }
}

/// Qualifies a new lead.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QualifyLead {
    pub id: String,
}

impl Operation for QualifyLead {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "qualify_lead";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<QualifyLead> for IdentityService {
    async fn handle(&self, call: &Call, op: QualifyLead) -> Result<(), CommandError> {
        self.commands.qualify_lead(&call.context, &op.id).await
    }
}

/// Disqualifies a lead, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DisqualifyLead {
    pub id: String,
    pub reason: String,
}

impl Operation for DisqualifyLead {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "disqualify_lead";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<DisqualifyLead> for IdentityService {
    async fn handle(&self, call: &Call, op: DisqualifyLead) -> Result<(), CommandError> {
        self.commands
            .disqualify_lead(&call.context, &op.id, op.reason)
            .await
    }
}

/// Converts a qualified lead into an account and a contact (at most once); answers
/// what it was converted into, the same on every retry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConvertLead {
    pub id: String,
}

impl Operation for ConvertLead {
    type Service = IdentityService;
    type Answer = LeadConverted;
    const NAME: &'static str = "convert_lead";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<ConvertLead> for IdentityService {
    async fn handle(&self, call: &Call, op: ConvertLead) -> Result<LeadConverted, CommandError> {
        self.commands.convert_lead(&call.context, &op.id).await
    }
}

/// A page of the leads the caller may see: every lead for managers, admins and
/// auditors, otherwise only their own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Leads {
    pub filter: LeadFilter,
    pub first: i64,
    /// The `end_cursor` of the page before.
    pub after: Option<String>,
}

impl Operation for Leads {
    type Service = IdentityService;
    type Answer = Page<LeadRow>;
    const NAME: &'static str = "leads";
    const ACCESS: Access = READERS;
}

#[async_trait]
impl Handle<Leads> for IdentityService {
    async fn handle(&self, call: &Call, op: Leads) -> Result<Page<LeadRow>, CommandError> {
        let owner = leads_visible_to(&call.context);
        self.queries
            .leads(&op.filter, owner, op.first, op.after.as_deref())
            .await
            .map_err(CommandError::from)
    }
}

/// One lead, if the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lead {
    pub id: String,
}

impl Operation for Lead {
    type Service = IdentityService;
    type Answer = Option<LeadRow>;
    const NAME: &'static str = "lead";
    const ACCESS: Access = READERS;
}

#[async_trait]
impl Handle<Lead> for IdentityService {
    async fn handle(&self, call: &Call, op: Lead) -> Result<Option<LeadRow>, CommandError> {
        let owner = leads_visible_to(&call.context);
        self.queries
            .lead(&op.id, owner)
            .await
            .map_err(CommandError::from)
    }
}
