//! The ticket desk's operations. The desk (`compliance.tickets.work`) sees every ticket
//! and every comment; anyone else the tickets they raised and their public comments.
//! SLA clocks are read at the moment of the request.

use async_trait::async_trait;
use chrono::Utc;
use constructos_commands::compliance::{OpenTicketInput, TicketStep};
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::{Access, Permission};
use constructos_domain::compliance::ticket::{sla, Priority, SlaState};
use constructos_projections::compliance::{TicketCommentRow, TicketRow};
use serde::{Deserialize, Serialize};

use super::inspections::op;
use super::ComplianceService;
use crate::{Call, Handle, Operation};

const RAISE: Access = Access::Requires(Permission::TicketsRaise);

/// A ticket with its SLA clocks now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketWithSla {
    pub ticket: TicketRow,
    pub sla: Option<SlaState>,
}

/// A ticket with its comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub ticket: TicketWithSla,
    pub comments: Vec<TicketCommentRow>,
}

fn with_sla(ticket: TicketRow) -> TicketWithSla {
    let priority: Option<Priority> =
        serde_json::from_value(serde_json::Value::String(ticket.priority.clone())).ok();
    let sla = priority.map(|p| {
        sla(
            p,
            ticket.opened_at,
            ticket.first_response_at,
            ticket.resolved_at,
            Utc::now(),
        )
    });
    TicketWithSla { ticket, sla }
}

/// The subject whose tickets the caller sees: `None` for the desk.
fn scope(ctx: &CommandContext) -> Option<&str> {
    (!ctx.caller.may(Permission::TicketsWork)).then_some(ctx.caller.subject.as_str())
}

op!(
    OpenTicketInput,
    "open_ticket",
    String,
    RAISE,
    |s, ctx, op| s.commands.open_ticket(ctx, op).await
);

/// Tickets the caller may see, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tickets {}

op!(
    Tickets,
    "tickets",
    Vec<TicketWithSla>,
    RAISE,
    |s, ctx, _op| {
        Ok(s.queries
            .tickets(scope(ctx), None)
            .await?
            .into_iter()
            .map(with_sla)
            .collect())
    }
);

/// One ticket with its comments.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TicketById {
    pub id: String,
}

op!(
    TicketById,
    "ticket",
    Option<TicketDetail>,
    RAISE,
    |s, ctx, op| {
        let Some(ticket) = s.queries.tickets(scope(ctx), Some(&op.id)).await?.pop() else {
            return Ok(None);
        };
        let comments = s.queries.comments(&op.id, scope(ctx).is_some()).await?;
        Ok(Some(TicketDetail {
            ticket: with_sla(ticket),
            comments,
        }))
    }
);

/// A comment on a ticket.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommentOnTicket {
    pub id: String,
    pub body: String,
    pub public: bool,
}

op!(
    CommentOnTicket,
    "comment_on_ticket",
    (),
    RAISE,
    |s, ctx, op| {
        let own = s
            .queries
            .tickets(Some(&ctx.caller.subject), Some(&op.id))
            .await?
            .pop()
            .is_some();
        if !own && scope(ctx).is_some() {
            return Err(CommandError::NotFound("the ticket does not exist".into()));
        }
        s.commands
            .comment_on_ticket(ctx, &op.id, own, &op.body, op.public)
            .await
    }
);

/// A step of the desk's workflow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepTicket {
    pub id: String,
    pub step: TicketStep,
}

op!(
    StepTicket,
    "step_ticket",
    (),
    Access::Requires(Permission::TicketsWork),
    |s, ctx, op| s.commands.ticket_step(ctx, &op.id, op.step).await
);
