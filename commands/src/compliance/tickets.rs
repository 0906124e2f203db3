//! The ticket desk: anyone raises a ticket and comments on their own; the desk assigns,
//! answers, pends, resolves, closes and reopens. Times are the server's clock at the
//! command (`Utc::now()`), recorded on the event, so SLA clocks read from events.

use chrono::Utc;
use constructos_domain::access::Permission;
use constructos_domain::compliance::ticket::{Priority, TicketCommand};
use constructos_domain::values::{Code, Identifier, Narrative, Reason, Title};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::service::{who, ComplianceCommands};
use crate::execute::{execute, execute_new};
use crate::{CommandContext, CommandError};

/// A ticket to raise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenTicketInput {
    pub subject: String,
    pub description: String,
    pub category: String,
    pub priority: Priority,
    pub account_id: Option<String>,
    pub project_id: Option<String>,
}

/// A step of the desk's workflow on a ticket.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum TicketStep {
    Assign { agent: String },
    Pend,
    Resolve { resolution: String },
    Close,
    Reopen { reason: String },
}

impl ComplianceCommands {
    /// Raises a ticket; answers its id.
    pub async fn open_ticket(
        &self,
        ctx: &CommandContext,
        input: OpenTicketInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::TicketsRaise)?;
        let command = TicketCommand::Open {
            subject: Title::parse("input.subject", &input.subject)?.into(),
            description: Narrative::parse("input.description", &input.description)?.into(),
            category: Code::parse("input.category", &input.category)?.into(),
            priority: input.priority,
            account_id: Identifier::parse_optional("input.accountId", input.account_id.as_deref())?
                .map(String::from),
            project_id: Identifier::parse_optional("input.projectId", input.project_id.as_deref())?
                .map(String::from),
            raised_by: ctx.caller.subject.clone(),
            at: Utc::now(),
        };
        let id = Uuid::now_v7().to_string();
        execute_new(&self.tickets, ctx, &id, command).await?;
        Ok(id)
    }

    /// A comment on ticket `id`: the desk's, internal or public (its first public one is
    /// the first response), or the requester's (`own`) public one.
    pub async fn comment_on_ticket(
        &self,
        ctx: &CommandContext,
        id: &str,
        own: bool,
        body: &str,
        public: bool,
    ) -> Result<(), CommandError> {
        let desk = ctx.caller.may(Permission::TicketsWork);
        let may = desk || (own && public);
        if !may {
            ctx.require(Permission::TicketsWork)?;
        }
        let id = Identifier::parse("id", id)?;
        let command = TicketCommand::Comment {
            by: who(ctx),
            body: Narrative::parse("body", body)?.into(),
            public,
            from_desk: desk,
            at: Utc::now(),
        };
        execute(&self.tickets, ctx, id.as_str(), command).await
    }

    /// One step of the desk's workflow on ticket `id`.
    pub async fn ticket_step(
        &self,
        ctx: &CommandContext,
        id: &str,
        step: TicketStep,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::TicketsWork)?;
        let id = Identifier::parse("id", id)?;
        let at = Utc::now();
        let command = match step {
            TicketStep::Assign { agent } => TicketCommand::Assign {
                agent: Title::parse("agent", &agent)?.into(),
                at,
            },
            TicketStep::Pend => TicketCommand::Pend { at },
            TicketStep::Resolve { resolution } => TicketCommand::Resolve {
                resolution: Narrative::parse("resolution", &resolution)?.into(),
                at,
            },
            TicketStep::Close => TicketCommand::Close { at },
            TicketStep::Reopen { reason } => TicketCommand::Reopen {
                reason: Reason::parse("reason", &reason)?.into(),
                at,
            },
        };
        execute(&self.tickets, ctx, id.as_str(), command).await
    }
}
