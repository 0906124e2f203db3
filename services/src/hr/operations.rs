//! The HR operations: each its input, its answer, its name and who may ask, and how the
//! service answers it.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::hr::{HireEmployeeInput, SetProfileInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::hr::holidays::{public_holidays, PublicHoliday};
use constructos_domain::hr::payroll::{calculate, MonthlyDeductions, PayeInput};
use constructos_projections::hr::EmployeeRow;
use serde::{Deserialize, Serialize};

use super::{employee_scope, HrService};
use crate::{Call, Handle, Operation};

const EMPLOYEE_READERS: Access =
    Access::AnyOf(&[Permission::EmployeesRead, Permission::EmployeesReadOwn]);

/// Hires an employee; answers the record's id (derived from the employee number).
impl Operation for HireEmployeeInput {
    type Service = HrService;
    type Answer = String;
    const NAME: &'static str = "hire_employee";
    const ACCESS: Access = Access::Requires(Permission::EmployeesWrite);
}

#[async_trait]
impl Handle<HireEmployeeInput> for HrService {
    async fn handle(&self, call: &Call, op: HireEmployeeInput) -> Result<String, CommandError> {
        self.commands.hire_employee(&call.context, op).await
    }
}

/// Records an employee's profile. An allocation names a project by id or code; HR
/// must have heard of it (its copy of orders' projects).
impl Operation for SetProfileInput {
    type Service = HrService;
    type Answer = ();
    const NAME: &'static str = "set_employee_profile";
    const ACCESS: Access = Access::Requires(Permission::EmployeesWrite);
}

#[async_trait]
impl Handle<SetProfileInput> for HrService {
    async fn handle(&self, call: &Call, mut op: SetProfileInput) -> Result<(), CommandError> {
        let ctx = &call.context;
        ctx.require(Permission::EmployeesWrite)?;
        self.require_employee_in_scope(ctx, &op.employee_id).await?;
        if let Some(given) = op.project_id.as_deref().map(str::trim) {
            let id = self.queries.known_project(given).await?.ok_or_else(|| {
                CommandError::Rejected(format!("input.projectId: no project {given} is known"))
            })?;
            op.project_id = Some(id);
        }
        self.commands.set_profile(ctx, op).await
    }
}

/// Ends an employment on its last day; only a record the caller can see.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TerminateEmployment {
    pub id: String,
    pub last_day: NaiveDate,
    pub reason: String,
}

impl Operation for TerminateEmployment {
    type Service = HrService;
    type Answer = ();
    const NAME: &'static str = "terminate_employment";
    const ACCESS: Access = Access::Requires(Permission::EmployeesWrite);
}

#[async_trait]
impl Handle<TerminateEmployment> for HrService {
    async fn handle(&self, call: &Call, op: TerminateEmployment) -> Result<(), CommandError> {
        let ctx = &call.context;
        self.require_employee_in_scope(ctx, &op.id).await?;
        self.commands
            .terminate_employment(ctx, &op.id, op.last_day, op.reason)
            .await
    }
}

/// The employee records the caller may see (sensitive fields only to HR roles and on
/// one's own record).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Employees;

impl Operation for Employees {
    type Service = HrService;
    type Answer = Vec<EmployeeRow>;
    const NAME: &'static str = "employees";
    const ACCESS: Access = EMPLOYEE_READERS;
}

#[async_trait]
impl Handle<Employees> for HrService {
    async fn handle(&self, call: &Call, _: Employees) -> Result<Vec<EmployeeRow>, CommandError> {
        let scope = employee_scope(&call.context)?;
        let rows = self.queries.employees(scope).await?;
        self.visible(&call.context, rows).await
    }
}

/// One employee record, if the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Employee {
    pub id: String,
}

impl Operation for Employee {
    type Service = HrService;
    type Answer = Option<EmployeeRow>;
    const NAME: &'static str = "employee";
    const ACCESS: Access = EMPLOYEE_READERS;
}

#[async_trait]
impl Handle<Employee> for HrService {
    async fn handle(&self, call: &Call, op: Employee) -> Result<Option<EmployeeRow>, CommandError> {
        let scope = employee_scope(&call.context)?;
        let row = self.queries.employee(&op.id, scope).await?;
        Ok(self
            .visible(&call.context, row.into_iter().collect())
            .await?
            .pop())
    }
}

/// The PAYE calculator: a month's PAYE, UIF and SDL for regular remuneration, by the
/// same function the pay run uses (`domain::hr::payroll::calculate`). SDL is answered
/// as for an employer whose annual payroll exceeds the threshold.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PayeCalculation {
    pub pay_date: NaiveDate,
    pub monthly_remuneration: rust_decimal::Decimal,
    pub age: u32,
    #[serde(default)]
    pub medical_members: u32,
}

impl Operation for PayeCalculation {
    type Service = HrService;
    type Answer = MonthlyDeductions;
    const NAME: &'static str = "paye_calculation";
    const ACCESS: Access = Access::Requires(Permission::PayrollRead);
}

#[async_trait]
impl Handle<PayeCalculation> for HrService {
    async fn handle(
        &self,
        call: &Call,
        op: PayeCalculation,
    ) -> Result<MonthlyDeductions, CommandError> {
        call.context.require(Permission::PayrollRead)?;
        let input = PayeInput {
            pay_date: op.pay_date,
            monthly_remuneration: op.monthly_remuneration,
            periods_per_year: 12,
            age: op.age,
            medical_members: op.medical_members,
            sdl_liable: true,
        };
        calculate(&input).map_err(|e| CommandError::Rejected(e.to_string()))
    }
}

/// South Africa's public holidays of a year, observed Mondays included: what leave and
/// overtime count by. Anyone signed in may ask.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublicHolidays {
    pub year: i32,
}

impl Operation for PublicHolidays {
    type Service = HrService;
    type Answer = Vec<PublicHoliday>;
    const NAME: &'static str = "public_holidays";
    const ACCESS: Access = Access::Authenticated;
}

#[async_trait]
impl Handle<PublicHolidays> for HrService {
    async fn handle(
        &self,
        _: &Call,
        op: PublicHolidays,
    ) -> Result<Vec<PublicHoliday>, CommandError> {
        if !(1995..=2199).contains(&op.year) {
            return Err(CommandError::Rejected(format!(
                "year: {} is outside 1995 to 2199 (the Public Holidays Act dates from 1994)",
                op.year
            )));
        }
        Ok(public_holidays(op.year))
    }
}
