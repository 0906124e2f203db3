//! Keeps HR's read models from HR's events: employees (with their profiles), leave
//! requests, timesheets, pay runs and payslips. One projection for the domain's
//! aggregates, each kept by its own module.

use async_trait::async_trait;
use constructos_domain::hr::leave_book::LEAVE_BOOK_AGGREGATE;
use constructos_domain::hr::payroll::PAY_RUN_AGGREGATE;
use constructos_domain::hr::timesheet::TIMESHEET_AGGREGATE;
use constructos_domain::hr::{EmployeeEvent, EMPLOYEE_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use super::{leave, pay_runs, timesheets};
use crate::{database, domain_event, wire, ApplyError, Projection};

/// The HR projection.
#[derive(Debug, Clone, Copy, Default)]
pub struct HrProjection;

#[async_trait]
impl Projection for HrProjection {
    fn name(&self) -> &'static str {
        "hr.read_model"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        match event.aggregatetype.as_str() {
            EMPLOYEE_AGGREGATE => employee(tx, event).await,
            LEAVE_BOOK_AGGREGATE => leave::apply(tx, event).await,
            TIMESHEET_AGGREGATE => timesheets::apply(tx, event).await,
            PAY_RUN_AGGREGATE => pay_runs::apply(tx, event).await,
            _ => Ok(()),
        }
    }
}

async fn employee(
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
) -> Result<(), ApplyError> {
    use constructos_domain::hr::profile::Identification;
    let query = match domain_event::<EmployeeEvent>(event)? {
        EmployeeEvent::EmployeeHired {
            employee_number,
            first_name,
            last_name,
            job_title,
            hired_on,
            site_id,
        } => sqlx::query(
            "INSERT INTO read_model.employees
                 (id, employee_number, first_name, last_name, job_title, hired_on, site_id,
                  created_at, updated_at, last_sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.subject)
        .bind(employee_number)
        .bind(first_name)
        .bind(last_name)
        .bind(job_title)
        .bind(hired_on)
        .bind(site_id)
        .bind(event.time)
        .bind(event.sequence),
        EmployeeEvent::EmployeeProfileSet { profile } => {
            let (id_number, passport, country) = match &profile.identification {
                Identification::IdNumber { number } => (Some(number.clone()), None, None),
                Identification::Passport { number, country } => {
                    (None, Some(number.clone()), Some(country.clone()))
                }
            };
            let bank = profile
                .bank_account
                .as_ref()
                .map(serde_json::to_value)
                .transpose()
                .map_err(|e| ApplyError::Unfit {
                    what: format!("bank account: {e}"),
                })?;
            sqlx::query(
                "UPDATE read_model.employees
                    SET id_number = $2, passport_number = $3, passport_country = $4,
                        date_of_birth = $5, tax_number = $6, bank_account = $7,
                        employment_type = $8, contract_ends = $9, trade = $10, pay_rate = $11,
                        cost_rate = $12, days_per_week = $13, leave_basis = $14,
                        line_manager_id = $15, project_id = $16, cost_code = $17,
                        medical_members = $18, updated_at = $19, last_sequence = $20
                  WHERE id = $1 AND last_sequence < $20",
            )
            .bind(&event.subject)
            .bind(id_number)
            .bind(passport)
            .bind(country)
            .bind(profile.date_of_birth)
            .bind(profile.tax_number.clone())
            .bind(bank)
            .bind(wire(&profile.employment_type)?)
            .bind(profile.contract_ends)
            .bind(profile.trade.clone())
            .bind(profile.pay_rate.as_decimal())
            .bind(profile.cost_rate.as_decimal())
            .bind(i16::from(profile.days_per_week))
            .bind(wire(&profile.leave_basis)?)
            .bind(profile.line_manager_id.clone())
            .bind(profile.allocation.as_ref().map(|a| a.project_id.clone()))
            .bind(profile.allocation.as_ref().map(|a| a.cost_code.clone()))
            .bind(i32::try_from(profile.medical_members).unwrap_or(i32::MAX))
            .bind(event.time)
            .bind(event.sequence)
        }
        EmployeeEvent::EmploymentTerminated { last_day, reason } => sqlx::query(
            "UPDATE read_model.employees
                SET last_day = $2, termination_reason = $3, updated_at = $4, last_sequence = $5
              WHERE id = $1 AND last_sequence < $5",
        )
        .bind(&event.subject)
        .bind(last_day)
        .bind(reason)
        .bind(event.time)
        .bind(event.sequence),
    };
    query
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update employees"))?;
    Ok(())
}
