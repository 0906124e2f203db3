//! Employee profiles: the identity, tax, bank, employment and pay facts HR records,
//! parsed field by field (named as the caller knows them) and set as a whole.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::hr::leave::AnnualLeaveBasis;
use constructos_domain::hr::profile::{
    bank_account, days_per_week, identification, rate, tax_number, trade, Allocation,
    BankAccountType,
};
use constructos_domain::hr::{Employee, EmployeeCommand, EmployeeProfile, EmploymentType, HrError};
use constructos_domain::values::{Code, Identifier, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::service::HrCommands;
use crate::execute::execute;
use crate::{CommandContext, CommandError};

/// Where net pay goes, as given.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BankAccountInput {
    pub bank: String,
    pub branch_code: String,
    pub account_number: String,
    pub account_type: BankAccountType,
}

/// An employee's profile, as given (every field replaces what was recorded).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetProfileInput {
    pub employee_id: String,
    /// A South African identity number, or else a passport number and country.
    pub id_number: Option<String>,
    pub passport_number: Option<String>,
    pub passport_country: Option<String>,
    /// Required with a passport; checked against an identity number.
    pub date_of_birth: Option<NaiveDate>,
    pub tax_number: Option<String>,
    pub bank_account: Option<BankAccountInput>,
    pub employment_type: EmploymentType,
    pub contract_ends: Option<NaiveDate>,
    pub trade: Option<String>,
    /// Monthly salary, or the hourly rate of weekly-paid site labour.
    pub pay_rate: Decimal,
    /// Rand per hour charged to projects.
    pub cost_rate: Decimal,
    pub days_per_week: i64,
    pub leave_basis: AnnualLeaveBasis,
    pub line_manager_id: Option<String>,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    #[serde(default)]
    pub medical_members: i64,
}

impl SetProfileInput {
    /// The profile, each field parsed; `today` dates the identity number's century.
    pub fn profile(&self, today: NaiveDate) -> Result<EmployeeProfile, ValueError> {
        let passport = self
            .passport_number
            .as_deref()
            .map(|n| (n, self.passport_country.as_deref().unwrap_or("")));
        let (identification, date_of_birth) = identification(
            self.id_number.as_deref(),
            passport,
            self.date_of_birth,
            today,
        )?;
        let allocation = match (&self.project_id, &self.cost_code) {
            (None, None) => None,
            (Some(project), Some(code)) => Some(Allocation {
                project_id: Identifier::parse("input.projectId", project)?.into(),
                cost_code: Code::parse("input.costCode", code)?.into(),
            }),
            (Some(_), None) => {
                return Err(ValueError::new(
                    "input.costCode",
                    constructos_domain::values::Problem::Required,
                ))
            }
            (None, Some(_)) => {
                return Err(ValueError::new(
                    "input.projectId",
                    constructos_domain::values::Problem::Required,
                ))
            }
        };
        let medical_members = u32::try_from(self.medical_members)
            .ok()
            .filter(|m| *m <= 20)
            .ok_or_else(|| {
                ValueError::new(
                    "input.medicalMembers",
                    constructos_domain::values::Problem::Malformed {
                        value: self.medical_members.to_string(),
                        expected: "a number of scheme members from 0 to 20",
                    },
                )
            })?;
        Ok(EmployeeProfile {
            identification,
            date_of_birth,
            tax_number: self
                .tax_number
                .as_deref()
                .map(|t| tax_number("input.taxNumber", t))
                .transpose()?,
            bank_account: self
                .bank_account
                .as_ref()
                .map(|b| {
                    bank_account(
                        "input.bankAccount",
                        &b.bank,
                        &b.branch_code,
                        &b.account_number,
                        b.account_type,
                    )
                })
                .transpose()?,
            employment_type: self.employment_type,
            contract_ends: self.contract_ends,
            trade: trade(self.trade.as_deref())?,
            pay_rate: rate("input.payRate", self.pay_rate)?,
            cost_rate: rate("input.costRate", self.cost_rate)?,
            days_per_week: days_per_week(self.days_per_week)?,
            leave_basis: self.leave_basis,
            line_manager_id: self
                .line_manager_id
                .as_deref()
                .map(|id| Identifier::parse("input.lineManagerId", id).map(String::from))
                .transpose()?,
            allocation,
            medical_members,
        })
    }
}

impl HrCommands {
    /// Records an employee's profile. The line manager must be another employee on
    /// record; the allocation's project is checked by the service (HR's copy of
    /// orders' projects).
    pub async fn set_profile(
        &self,
        ctx: &CommandContext,
        input: SetProfileInput,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::EmployeesWrite)?;
        let id = Identifier::parse("input.employeeId", &input.employee_id)?;
        let profile = input.profile(chrono::Utc::now().date_naive())?;
        if let Some(manager) = &profile.line_manager_id {
            if manager == id.as_str() {
                return Err(CommandError::Rejected(
                    "input.lineManagerId: an employee is not their own line manager".into(),
                ));
            }
            if self.employee(manager).await?.hired_on().is_none() {
                return Err(CommandError::Rejected(format!(
                    "input.lineManagerId: no employee {manager} is on record"
                )));
            }
        }
        execute(
            &self.employees,
            ctx,
            id.as_str(),
            EmployeeCommand::SetProfile { profile },
        )
        .await
    }

    /// The employee `id` as stored (a default, never-hired record when there is none).
    pub async fn employee(&self, id: &str) -> Result<Employee, CommandError> {
        Ok(self.employees.load_stored(id).await?.aggregate)
    }

    /// The employee `id` as stored, refused when there is none.
    pub async fn hired(&self, id: &str) -> Result<Employee, CommandError> {
        let employee = self.employee(id).await?;
        if employee.hired_on().is_none() {
            return Err(CommandError::NotFound(
                HrError::EmployeeNotFound.to_string(),
            ));
        }
        Ok(employee)
    }
}
