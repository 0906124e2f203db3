//! Leave's operations: requests, decisions, cancellations, the requests one may see and
//! balances by the BCEA (computed by the leave book's own rule from the read model).

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::hr::{CancelLeaveInput, DecideLeaveInput, RequestLeaveInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::hr::leave::AnnualLeaveBasis;
use constructos_domain::hr::leave_book::{
    balance, EmploymentFacts, LeaveBalance, LeaveEntry, LeaveKind, LeaveStatus,
};
use constructos_projections::hr::LeaveRequestRow;
use serde::{Deserialize, Serialize};

use super::HrService;
use crate::{Call, Handle, Operation};

const SELF_SERVICE: Access = Access::Requires(Permission::LeaveSelfService);

macro_rules! leave_command {
    ($input:ty, $name:literal, $method:ident, $answer:ty) => {
        impl Operation for $input {
            type Service = HrService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = SELF_SERVICE;
        }

        #[async_trait]
        impl Handle<$input> for HrService {
            async fn handle(&self, call: &Call, op: $input) -> Result<$answer, CommandError> {
                let acting_as = self.acting_as(&call.context).await?;
                self.commands
                    .$method(&call.context, acting_as.as_deref(), op)
                    .await
            }
        }
    };
}

leave_command!(RequestLeaveInput, "request_leave", request_leave, String);
leave_command!(DecideLeaveInput, "decide_leave", decide_leave, ());
leave_command!(CancelLeaveInput, "cancel_leave", cancel_leave, ());

/// Leave requests: HR sees everyone's; others their own and those of the employees
/// they manage.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeaveRequests {
    pub employee_id: Option<String>,
    #[serde(default)]
    pub pending_only: bool,
}

impl Operation for LeaveRequests {
    type Service = HrService;
    type Answer = Vec<LeaveRequestRow>;
    const NAME: &'static str = "leave_requests";
    const ACCESS: Access = SELF_SERVICE;
}

#[async_trait]
impl Handle<LeaveRequests> for HrService {
    async fn handle(
        &self,
        call: &Call,
        op: LeaveRequests,
    ) -> Result<Vec<LeaveRequestRow>, CommandError> {
        let ctx = &call.context;
        ctx.require(Permission::LeaveSelfService)?;
        let wanted = op.employee_id.as_deref();
        if ctx.caller.may(Permission::EmployeesRead) {
            return Ok(self
                .queries
                .leave_requests(wanted, None, op.pending_only)
                .await?);
        }
        let Some(own) = self.acting_as(ctx).await? else {
            return Ok(Vec::new());
        };
        let mut rows = Vec::new();
        if wanted.is_none_or(|w| w == own) {
            rows.extend(
                self.queries
                    .leave_requests(Some(&own), None, op.pending_only)
                    .await?,
            );
        }
        rows.extend(
            self.queries
                .leave_requests(wanted, Some(&own), op.pending_only)
                .await?
                .into_iter()
                .filter(|r| r.employee_id != own),
        );
        rows.sort_by(|a, b| b.first_day.cmp(&a.first_day).then(a.id.cmp(&b.id)));
        Ok(rows)
    }
}

/// An employee's leave balances on a date (today when not given): HR, the employee
/// and their line manager may ask.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeaveBalances {
    pub employee_id: String,
    pub on: Option<NaiveDate>,
}

impl Operation for LeaveBalances {
    type Service = HrService;
    type Answer = Vec<LeaveBalance>;
    const NAME: &'static str = "leave_balances";
    const ACCESS: Access = SELF_SERVICE;
}

fn parse<T: serde::de::DeserializeOwned>(wire: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(wire.to_string())).ok()
}

#[async_trait]
impl Handle<LeaveBalances> for HrService {
    async fn handle(
        &self,
        call: &Call,
        op: LeaveBalances,
    ) -> Result<Vec<LeaveBalance>, CommandError> {
        let ctx = &call.context;
        ctx.require(Permission::LeaveSelfService)?;
        let not_found = || CommandError::NotFound("the employee does not exist".into());
        let facts = self
            .queries
            .leave_facts(&op.employee_id)
            .await?
            .ok_or_else(not_found)?;
        if !ctx.caller.may(Permission::EmployeesRead) {
            let own = self.acting_as(ctx).await?;
            let manages = match &own {
                Some(own) => self
                    .queries
                    .employee(&op.employee_id, None)
                    .await?
                    .is_some_and(|e| e.line_manager_id.as_deref() == Some(own.as_str())),
                None => false,
            };
            if own.as_deref() != Some(op.employee_id.as_str()) && !manages {
                return Err(not_found());
            }
        }
        let (Some(days_per_week), Some(basis)) = (
            facts.days_per_week.and_then(|d| u8::try_from(d).ok()),
            facts
                .leave_basis
                .as_deref()
                .and_then(parse::<AnnualLeaveBasis>),
        ) else {
            return Ok(Vec::new());
        };
        let facts = EmploymentFacts {
            hired_on: facts.hired_on,
            last_day: facts.last_day,
            days_per_week,
            basis,
        };
        let entries: Vec<LeaveEntry> = self
            .queries
            .leave_requests(Some(&op.employee_id), None, false)
            .await?
            .into_iter()
            .filter_map(|r| {
                Some(LeaveEntry {
                    kind: parse::<LeaveKind>(&r.kind)?,
                    from: r.first_day,
                    to: r.last_day,
                    days: r.days,
                    status: parse::<LeaveStatus>(&r.status)?,
                })
            })
            .collect();
        let on = op.on.unwrap_or_else(|| chrono::Utc::now().date_naive());
        Ok(LeaveKind::ALL
            .into_iter()
            .filter_map(|kind| balance(&facts, kind, on, entries.iter()))
            .collect())
    }
}
