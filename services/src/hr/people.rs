//! Who the caller is to HR, and what they may see: their own employee record (through
//! HR's copy of identity's user links), the projects they manage (through HR's copy of
//! assignments), and whether they see sensitive fields.

use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Permission;
use constructos_projections::hr::EmployeeRow;

use super::HrService;

impl HrService {
    /// The employee record the caller's user is linked to, if any.
    pub(super) async fn acting_as(
        &self,
        ctx: &CommandContext,
    ) -> Result<Option<String>, CommandError> {
        Ok(self.queries.employee_of_user(ctx.caller.user_id()).await?)
    }

    /// The projects whose timesheets the caller acts on: `None` for every project (HR,
    /// payroll and whoever reads every project), else the projects they are assigned
    /// to (site and project managers).
    pub(super) async fn timesheet_scope(
        &self,
        ctx: &CommandContext,
    ) -> Result<Option<Vec<String>>, CommandError> {
        let caller = &ctx.caller;
        if caller.may(Permission::EmployeesRead) || caller.may(Permission::ProjectsRead) {
            return Ok(None);
        }
        if caller.may(Permission::ProjectsReadAssigned) {
            return Ok(Some(
                self.queries.assigned_projects(caller.user_id()).await?,
            ));
        }
        Ok(Some(Vec::new()))
    }

    /// `rows` with the sensitive fields blanked, except for HR roles and on the
    /// caller's own record.
    pub(super) async fn visible(
        &self,
        ctx: &CommandContext,
        rows: Vec<EmployeeRow>,
    ) -> Result<Vec<EmployeeRow>, CommandError> {
        if ctx.caller.may(Permission::EmployeesReadSensitive) {
            return Ok(rows);
        }
        let own = self.acting_as(ctx).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                if own.as_deref() == Some(row.id.as_str()) {
                    row
                } else {
                    row.without_sensitive()
                }
            })
            .collect())
    }
}
