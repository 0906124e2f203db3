//! The ticket desk in the schema, with SLA clocks read at the request.

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, Utc};
use constructos_commands::compliance::{self as commands, TicketStep};
use constructos_domain::compliance::ticket::{
    Priority as DomainPriority, TicketStatus as DomainStatus,
};
use constructos_services::compliance::{
    CommentOnTicket, StepTicket, TicketById, TicketWithSla, Tickets,
};

use super::enums::{parsed, TicketPriority, TicketStatus};
use crate::graphql::errors::{ask, request_id};

/// A ticket's SLA clocks now.
#[derive(SimpleObject)]
pub struct Sla {
    response_due: DateTime<Utc>,
    resolution_due: DateTime<Utc>,
    response_breached: bool,
    resolution_breached: bool,
}

/// A comment on a ticket.
#[derive(SimpleObject)]
pub struct TicketComment {
    author: String,
    body: String,
    /// Internal comments are the desk's only.
    public: bool,
    at: DateTime<Utc>,
}

/// A ticket.
#[derive(SimpleObject)]
pub struct Ticket {
    id: ID,
    subject: String,
    description: String,
    category: String,
    priority: Option<TicketPriority>,
    status: Option<TicketStatus>,
    account_id: Option<ID>,
    project_id: Option<ID>,
    raised_by: String,
    agent: Option<String>,
    resolution: Option<String>,
    opened_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    sla: Option<Sla>,
    /// Filled on `ticket(id)`.
    comments: Vec<TicketComment>,
}

impl From<TicketWithSla> for Ticket {
    fn from(w: TicketWithSla) -> Self {
        let t = w.ticket;
        Self {
            id: ID(t.id),
            subject: t.subject,
            description: t.description,
            category: t.category,
            priority: parsed::<DomainPriority, _>(&t.priority),
            status: parsed::<DomainStatus, _>(&t.status),
            account_id: t.account_id.map(ID),
            project_id: t.project_id.map(ID),
            raised_by: t.raised_by,
            agent: t.agent,
            resolution: t.resolution,
            opened_at: t.opened_at,
            first_response_at: t.first_response_at,
            resolved_at: t.resolved_at,
            closed_at: t.closed_at,
            sla: w.sla.map(|s| Sla {
                response_due: s.response_due,
                resolution_due: s.resolution_due,
                response_breached: s.response_breached,
                resolution_breached: s.resolution_breached,
            }),
            comments: Vec::new(),
        }
    }
}

/// A ticket command was accepted.
#[derive(SimpleObject)]
pub struct TicketChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct TicketsQuery;

#[Object]
impl TicketsQuery {
    /// Tickets, newest first: the desk sees all, anyone else the ones they raised.
    async fn tickets(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Ticket>> {
        Ok(ask(ctx, Tickets {})
            .await?
            .into_iter()
            .map(Ticket::from)
            .collect())
    }

    /// One ticket with its comments (the requester sees the public ones).
    async fn ticket(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Ticket>> {
        Ok(ask(ctx, TicketById { id: id.0 }).await?.map(|d| {
            let mut t = Ticket::from(d.ticket);
            t.comments = d
                .comments
                .into_iter()
                .map(|c| TicketComment {
                    author: c.author,
                    body: c.body,
                    public: c.public,
                    at: c.at,
                })
                .collect();
            t
        }))
    }
}

#[derive(Default)]
pub struct TicketsMutation;

fn changed(ctx: &Context<'_>, id: ID) -> TicketChanged {
    TicketChanged {
        id,
        correlation_id: request_id(ctx),
    }
}

#[Object]
impl TicketsMutation {
    /// Raises a ticket with the desk.
    #[allow(clippy::too_many_arguments)] // one GraphQL argument each, as the schema reads
    async fn open_ticket(
        &self,
        ctx: &Context<'_>,
        subject: String,
        description: String,
        category: String,
        priority: TicketPriority,
        account_id: Option<ID>,
        project_id: Option<ID>,
    ) -> async_graphql::Result<TicketChanged> {
        let op = commands::OpenTicketInput {
            subject,
            description,
            category,
            priority: priority.into(),
            account_id: account_id.map(|a| a.0),
            project_id: project_id.map(|p| p.0),
        };
        let id = ask(ctx, op).await?;
        Ok(changed(ctx, ID(id)))
    }

    /// A comment: the desk's internal or public one (its first public one is the first
    /// response), or the requester's public one.
    async fn comment_on_ticket(
        &self,
        ctx: &Context<'_>,
        id: ID,
        body: String,
        public: bool,
    ) -> async_graphql::Result<TicketChanged> {
        ask(
            ctx,
            CommentOnTicket {
                id: id.0.clone(),
                body,
                public,
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Assigns the ticket to an agent or team (a new ticket becomes open).
    async fn assign_ticket(
        &self,
        ctx: &Context<'_>,
        id: ID,
        agent: String,
    ) -> async_graphql::Result<TicketChanged> {
        ask(
            ctx,
            StepTicket {
                id: id.0.clone(),
                step: TicketStep::Assign { agent },
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Waits on the requester.
    async fn pend_ticket(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<TicketChanged> {
        ask(
            ctx,
            StepTicket {
                id: id.0.clone(),
                step: TicketStep::Pend,
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Resolves the ticket, saying how.
    async fn resolve_ticket(
        &self,
        ctx: &Context<'_>,
        id: ID,
        resolution: String,
    ) -> async_graphql::Result<TicketChanged> {
        ask(
            ctx,
            StepTicket {
                id: id.0.clone(),
                step: TicketStep::Resolve { resolution },
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Closes a resolved ticket.
    async fn close_ticket(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<TicketChanged> {
        ask(
            ctx,
            StepTicket {
                id: id.0.clone(),
                step: TicketStep::Close,
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }

    /// Reopens a resolved or closed ticket.
    async fn reopen_ticket(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<TicketChanged> {
        ask(
            ctx,
            StepTicket {
                id: id.0.clone(),
                step: TicketStep::Reopen { reason },
            },
        )
        .await?;
        Ok(changed(ctx, id))
    }
}
