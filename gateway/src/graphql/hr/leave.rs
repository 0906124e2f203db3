//! Leave in the schema: requests, decisions by the line manager or HR, and balances by
//! the BCEA. Everyone may ask for their own leave; who sees and decides what is the HR
//! service's row rule (own requests, one's reports', everyone's for HR).

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::hr as commands;
use constructos_domain::hr::leave_book::{
    LeaveBalance as DomainBalance, LeaveKind as DomainKind, LeaveStatus as DomainStatus,
};
use constructos_projections::hr::LeaveRequestRow;
use constructos_services::hr::{LeaveBalances, LeaveRequests};

use super::enums::{parsed, LeaveKind, LeaveStatus};
use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::Decimal;

/// A request for leave.
#[derive(SimpleObject)]
pub struct LeaveRequest {
    id: ID,
    employee_id: ID,
    employee_name: String,
    kind: Option<LeaveKind>,
    first_day: NaiveDate,
    last_day: NaiveDate,
    /// Working days (weekends and public holidays are not leave days).
    days: Decimal,
    reason: String,
    status: Option<LeaveStatus>,
    decided_by: Option<String>,
    decline_reason: Option<String>,
    requested_at: DateTime<Utc>,
}

impl From<LeaveRequestRow> for LeaveRequest {
    fn from(r: LeaveRequestRow) -> Self {
        Self {
            id: ID(r.id),
            employee_id: ID(r.employee_id),
            employee_name: r.employee_name,
            kind: parsed::<DomainKind, _>(&r.kind),
            first_day: r.first_day,
            last_day: r.last_day,
            days: Decimal(r.days),
            reason: r.reason,
            status: parsed::<DomainStatus, _>(&r.status),
            decided_by: r.decided_by,
            decline_reason: r.decline_reason,
            requested_at: r.requested_at,
        }
    }
}

/// A kind of leave's balance on a date.
#[derive(SimpleObject)]
pub struct LeaveBalance {
    kind: LeaveKind,
    /// The cycle the date falls in: annual leave and family responsibility leave a
    /// year from the hiring anniversary, sick leave 36 months.
    cycle_start: NaiveDate,
    cycle_end: NaiveDate,
    /// What the cycle gives up to the date.
    entitled: Decimal,
    taken: Decimal,
    pending: Decimal,
    available: Decimal,
}

impl From<DomainBalance> for LeaveBalance {
    fn from(b: DomainBalance) -> Self {
        Self {
            kind: b.kind.into(),
            cycle_start: b.cycle_start,
            cycle_end: b.cycle_end,
            entitled: Decimal(b.entitled),
            taken: Decimal(b.taken),
            pending: Decimal(b.pending),
            available: Decimal(b.available),
        }
    }
}

/// A leave command was accepted.
#[derive(SimpleObject)]
pub struct LeaveChanged {
    /// The request's id.
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct LeaveQuery;

#[Object]
impl LeaveQuery {
    /// Leave requests, latest first: one's own and those of the employees one manages
    /// (HR: everyone's), optionally of one employee or only the pending ones.
    async fn leave_requests(
        &self,
        ctx: &Context<'_>,
        employee_id: Option<ID>,
        #[graphql(default = false)] pending_only: bool,
    ) -> async_graphql::Result<Vec<LeaveRequest>> {
        let op = LeaveRequests {
            employee_id: employee_id.map(|e| e.0),
            pending_only,
        };
        Ok(ask(ctx, op)
            .await?
            .into_iter()
            .map(LeaveRequest::from)
            .collect())
    }

    /// An employee's leave balances on a date (today by default): the employee, their
    /// line manager and HR may ask.
    async fn leave_balances(
        &self,
        ctx: &Context<'_>,
        employee_id: ID,
        on: Option<NaiveDate>,
    ) -> async_graphql::Result<Vec<LeaveBalance>> {
        let op = LeaveBalances {
            employee_id: employee_id.0,
            on,
        };
        Ok(ask(ctx, op)
            .await?
            .into_iter()
            .map(LeaveBalance::from)
            .collect())
    }
}

#[derive(Default)]
pub struct LeaveMutation;

#[Object]
impl LeaveMutation {
    /// Asks for leave from `from` to `to` (both included): one's own, or anyone's for
    /// HR. Refused past the balance, over another request, or with no working day.
    async fn request_leave(
        &self,
        ctx: &Context<'_>,
        employee_id: ID,
        kind: LeaveKind,
        from: NaiveDate,
        to: NaiveDate,
        reason: String,
    ) -> async_graphql::Result<LeaveChanged> {
        let op = commands::RequestLeaveInput {
            employee_id: employee_id.0,
            kind: kind.into(),
            from,
            to,
            reason,
        };
        let id = ask(ctx, op).await?;
        Ok(LeaveChanged {
            id: ID(id),
            correlation_id: request_id(ctx),
        })
    }

    /// Approves or declines (with a reason) a pending request: the employee's line
    /// manager or HR, never one's own.
    async fn decide_leave(
        &self,
        ctx: &Context<'_>,
        employee_id: ID,
        request_id: ID,
        approve: bool,
        reason: Option<String>,
    ) -> async_graphql::Result<LeaveChanged> {
        let op = commands::DecideLeaveInput {
            employee_id: employee_id.0,
            request_id: request_id.0.clone(),
            approve,
            reason,
        };
        ask(ctx, op).await?;
        Ok(LeaveChanged {
            id: request_id,
            correlation_id: self::request_id(ctx),
        })
    }

    /// Withdraws a request: pending, or approved and not yet begun.
    async fn cancel_leave(
        &self,
        ctx: &Context<'_>,
        employee_id: ID,
        request_id: ID,
    ) -> async_graphql::Result<LeaveChanged> {
        let op = commands::CancelLeaveInput {
            employee_id: employee_id.0,
            request_id: request_id.0.clone(),
        };
        ask(ctx, op).await?;
        Ok(LeaveChanged {
            id: request_id,
            correlation_id: self::request_id(ctx),
        })
    }
}
