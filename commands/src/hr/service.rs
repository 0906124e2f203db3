//! The HR command service: permission check, then the employee aggregate decides.

use std::sync::Arc;

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::hr::{Employee, EmployeeCommand};
use postgres_es::{postgres_cqrs, PostgresCqrs};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::execute::execute;
use crate::{CommandContext, CommandError};

/// A new employee.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HireEmployeeInput {
    pub employee_number: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub hired_on: NaiveDate,
    pub site_id: Option<String>,
}

/// Executes HR commands against the HR event store.
#[derive(Clone)]
pub struct HrCommands {
    employees: Arc<PostgresCqrs<Employee>>,
}

impl HrCommands {
    /// Command handling over the HR database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            employees: Arc::new(postgres_cqrs(pool, vec![], ())),
        }
    }

    /// Hires an employee; returns the record's new id.
    pub async fn hire_employee(
        &self,
        ctx: &CommandContext,
        input: HireEmployeeInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::EmployeesWrite)?;
        let id = Uuid::now_v7().to_string();
        let command = EmployeeCommand::HireEmployee {
            employee_number: input.employee_number,
            first_name: input.first_name,
            last_name: input.last_name,
            job_title: input.job_title,
            hired_on: input.hired_on,
            site_id: input.site_id,
        };
        execute(&self.employees, ctx, &id, command).await?;
        Ok(id)
    }

    /// Ends an employment on its last day.
    pub async fn terminate_employment(
        &self,
        ctx: &CommandContext,
        employee_id: &str,
        last_day: NaiveDate,
        reason: String,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::EmployeesWrite)?;
        let command = EmployeeCommand::TerminateEmployment { last_day, reason };
        execute(&self.employees, ctx, employee_id, command).await
    }
}
