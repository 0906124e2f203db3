//! Employees in the schema: HR and payroll see everyone, every member of staff sees
//! their own record (the HR service filters the rows).

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::hr::HireEmployeeInput;
use constructos_projections::hr::EmployeeRow;
use constructos_services::hr::{self as operations, Employees, TerminateEmployment};

use crate::graphql::errors::{ask, request_id};

/// Someone the company employs.
#[derive(SimpleObject)]
pub struct Employee {
    id: ID,
    /// `EMP-` and 4 to 6 digits.
    employee_number: String,
    first_name: String,
    last_name: String,
    job_title: String,
    hired_on: NaiveDate,
    site_id: Option<String>,
    /// The last day worked, once the employment has ended.
    last_day: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<EmployeeRow> for Employee {
    fn from(row: EmployeeRow) -> Self {
        Self {
            id: ID(row.id),
            employee_number: row.employee_number,
            first_name: row.first_name,
            last_name: row.last_name,
            job_title: row.job_title,
            hired_on: row.hired_on,
            site_id: row.site_id,
            last_day: row.last_day,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// An employee command was accepted.
#[derive(SimpleObject)]
pub struct EmployeeChanged {
    id: ID,
    correlation_id: String,
}

#[derive(Default)]
pub struct EmployeesQuery;

#[Object]
impl EmployeesQuery {
    /// Employees by name: all of them with `hr.employees.read`, otherwise only the
    /// record your user is linked to.
    async fn employees(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Employee>> {
        let rows = ask(ctx, Employees).await?;
        Ok(rows.into_iter().map(Employee::from).collect())
    }

    /// One employee, under the same rule.
    async fn employee(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Employee>> {
        let row = ask(ctx, operations::Employee { id: id.0 }).await?;
        Ok(row.map(Employee::from))
    }
}

#[derive(Default)]
pub struct EmployeesMutation;

#[Object]
impl EmployeesMutation {
    /// Takes someone into employment.
    async fn hire_employee(
        &self,
        ctx: &Context<'_>,
        input: HireEmployeeInput,
    ) -> async_graphql::Result<EmployeeChanged> {
        let id = ask(ctx, input).await?;
        Ok(EmployeeChanged {
            id: ID(id),
            correlation_id: request_id(ctx),
        })
    }

    /// Ends an employment on its last day.
    async fn terminate_employment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        last_day: NaiveDate,
        reason: String,
    ) -> async_graphql::Result<EmployeeChanged> {
        let termination = TerminateEmployment {
            id: id.0.clone(),
            last_day,
            reason,
        };
        ask(ctx, termination).await?;
        Ok(EmployeeChanged {
            id,
            correlation_id: request_id(ctx),
        })
    }
}
