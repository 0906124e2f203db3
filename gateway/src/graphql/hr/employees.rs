//! Employees in the schema: HR and payroll see everyone, every member of staff sees
//! their own record (the HR service filters the rows).

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::hr::{self as commands, HireEmployeeInput};
use constructos_domain::hr::leave::AnnualLeaveBasis as DomainBasis;
use constructos_domain::hr::profile::{
    BankAccountType as DomainBank, EmploymentType as DomainType,
};
use constructos_projections::hr::EmployeeRow;
use constructos_services::hr::{self as operations, Employees, TerminateEmployment};

use super::enums::{parsed, AnnualLeaveBasis, BankAccountType, EmploymentType};
use crate::graphql::errors::{ask, request_id};
use crate::graphql::rand::Rand;

/// Where net pay goes.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "BankAccountInput")]
pub struct BankAccount {
    bank: String,
    /// Six digits.
    branch_code: String,
    /// 6 to 16 digits.
    account_number: String,
    account_type: BankAccountType,
}

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
    termination_reason: Option<String>,
    /// Null until HR records the profile.
    employment_type: Option<EmploymentType>,
    contract_ends: Option<NaiveDate>,
    trade: Option<String>,
    /// What an hour costs a project, rand.
    cost_rate: Option<Rand>,
    days_per_week: Option<i32>,
    leave_basis: Option<AnnualLeaveBasis>,
    /// The employee id of the line manager, who approves leave.
    line_manager_id: Option<ID>,
    /// The project and cost code the salary is charged to.
    project_id: Option<ID>,
    cost_code: Option<String>,
    /// Sensitive (with `passportNumber`, `passportCountry`, `dateOfBirth`, `taxNumber`,
    /// `bankAccount`, `payRate` and `medicalMembers`): null except to HR and payroll
    /// (`hr.employees.read_sensitive`) and on the caller's own record.
    id_number: Option<String>,
    passport_number: Option<String>,
    passport_country: Option<String>,
    date_of_birth: Option<NaiveDate>,
    /// SARS income tax reference.
    tax_number: Option<String>,
    bank_account: Option<BankAccount>,
    /// Monthly salary, or hourly rate for site labour.
    pay_rate: Option<Rand>,
    medical_members: Option<i32>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(serde::Deserialize)]
struct StoredBank {
    bank: String,
    branch_code: String,
    account_number: String,
    account_type: DomainBank,
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
            termination_reason: row.termination_reason,
            employment_type: row
                .employment_type
                .as_deref()
                .and_then(parsed::<DomainType, _>),
            contract_ends: row.contract_ends,
            trade: row.trade,
            cost_rate: row.cost_rate.map(Rand),
            days_per_week: row.days_per_week.map(i32::from),
            leave_basis: row
                .leave_basis
                .as_deref()
                .and_then(parsed::<DomainBasis, _>),
            line_manager_id: row.line_manager_id.map(ID),
            project_id: row.project_id.map(ID),
            cost_code: row.cost_code,
            id_number: row.id_number,
            passport_number: row.passport_number,
            passport_country: row.passport_country,
            date_of_birth: row.date_of_birth,
            tax_number: row.tax_number,
            bank_account: row
                .bank_account
                .and_then(|b| serde_json::from_value::<StoredBank>(b).ok())
                .map(|b| BankAccount {
                    bank: b.bank,
                    branch_code: b.branch_code,
                    account_number: b.account_number,
                    account_type: b.account_type.into(),
                }),
            pay_rate: row.pay_rate.map(Rand),
            medical_members: row.medical_members,
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

/// What HR records about an employment; every field replaces what was recorded.
#[derive(InputObject)]
pub struct EmployeeProfileInput {
    employee_id: ID,
    /// A South African identity number (checked; the date of birth is read from it)…
    id_number: Option<String>,
    /// …or a passport number and its country.
    passport_number: Option<String>,
    passport_country: Option<String>,
    /// Required with a passport.
    date_of_birth: Option<NaiveDate>,
    /// SARS income tax reference: ten digits.
    tax_number: Option<String>,
    bank_account: Option<BankAccount>,
    employment_type: EmploymentType,
    /// Required for, and only for, a fixed term.
    contract_ends: Option<NaiveDate>,
    trade: Option<String>,
    /// Monthly salary, or the hourly rate of weekly-paid site labour.
    pay_rate: Rand,
    /// Rand per hour charged to projects by approved timesheets.
    cost_rate: Rand,
    /// 1 to 7.
    #[graphql(default = 5)]
    days_per_week: i32,
    #[graphql(default_with = "AnnualLeaveBasis::PerCycle")]
    leave_basis: AnnualLeaveBasis,
    line_manager_id: Option<ID>,
    /// A project id or code, with a cost code: where the salary is charged.
    project_id: Option<String>,
    cost_code: Option<String>,
    #[graphql(default = 0)]
    medical_members: i32,
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

    /// Records (or replaces) an employee's profile: identity, tax, bank, employment
    /// type, trade, pay and cost rates, working week, line manager and allocation.
    async fn set_employee_profile(
        &self,
        ctx: &Context<'_>,
        input: EmployeeProfileInput,
    ) -> async_graphql::Result<EmployeeChanged> {
        let id = input.employee_id.0.clone();
        let op = commands::SetProfileInput {
            employee_id: input.employee_id.0,
            id_number: input.id_number,
            passport_number: input.passport_number,
            passport_country: input.passport_country,
            date_of_birth: input.date_of_birth,
            tax_number: input.tax_number,
            bank_account: input.bank_account.map(|b| commands::BankAccountInput {
                bank: b.bank,
                branch_code: b.branch_code,
                account_number: b.account_number,
                account_type: b.account_type.into(),
            }),
            employment_type: input.employment_type.into(),
            contract_ends: input.contract_ends,
            trade: input.trade,
            pay_rate: input.pay_rate.0,
            cost_rate: input.cost_rate.0,
            days_per_week: i64::from(input.days_per_week),
            leave_basis: input.leave_basis.into(),
            line_manager_id: input.line_manager_id.map(|m| m.0),
            project_id: input.project_id,
            cost_code: input.cost_code,
            medical_members: i64::from(input.medical_members),
        };
        ask(ctx, op).await?;
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
