//! The HR command service: permission check, values parsed, then the employee
//! aggregate decides.

use std::sync::Arc;

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::hr::leave_book::LeaveBook;
use constructos_domain::hr::payroll::PayRun;
use constructos_domain::hr::timesheet::Timesheet;
use constructos_domain::hr::Employee;
use constructos_infra::event_store::Store;
use sqlx::PgPool;

use super::inputs::{employee_id, terminate, HireEmployeeInput};
use crate::execute::{execute, Aggregates};
use crate::{CommandContext, CommandError};

/// Executes HR commands against the HR event store.
#[derive(Clone)]
pub struct HrCommands {
    pub(super) employees: Arc<Aggregates<Employee>>,
    pub(super) leave_books: Arc<Aggregates<LeaveBook>>,
    pub(super) timesheets: Arc<Aggregates<Timesheet>>,
    pub(super) pay_runs: Arc<Aggregates<PayRun>>,
    /// Whether the company pays SDL: its annual payroll exceeds the R500 000 threshold
    /// (a construction company of this size always does; see `docs/payroll.md`).
    pub(super) sdl_liable: bool,
}

impl HrCommands {
    /// Command handling over the HR database.
    pub fn new(pool: PgPool) -> Self {
        let store = Store::new(pool);
        Self {
            employees: Arc::new(Aggregates::new(&store, ())),
            leave_books: Arc::new(Aggregates::new(&store, ())),
            timesheets: Arc::new(Aggregates::new(&store, ())),
            pay_runs: Arc::new(Aggregates::new(&store, ())),
            sdl_liable: true,
        }
    }

    /// Hires an employee; returns the record's id, derived from the employee number —
    /// so a number already taken is refused by the record holding it.
    pub async fn hire_employee(
        &self,
        ctx: &CommandContext,
        input: HireEmployeeInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::EmployeesWrite)?;
        let (id, command) = input.command()?;
        execute(&self.employees, ctx, &id, command).await?;
        Ok(id)
    }

    /// Ends an employment on its last day.
    pub async fn terminate_employment(
        &self,
        ctx: &CommandContext,
        employee_id_given: &str,
        last_day: NaiveDate,
        reason: String,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::EmployeesWrite)?;
        let id = employee_id(employee_id_given)?;
        let command = terminate(last_day, &reason)?;
        execute(&self.employees, ctx, id.as_str(), command).await
    }
}
