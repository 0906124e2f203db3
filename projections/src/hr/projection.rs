//! Keeps `read_model.employees` from HR events.

use async_trait::async_trait;
use constructos_domain::hr::{EmployeeEvent, EMPLOYEE_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

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
        if event.aggregatetype != EMPLOYEE_AGGREGATE {
            return Ok(());
        }
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
            EmployeeEvent::EmploymentTerminated { last_day, .. } => sqlx::query(
                "UPDATE read_model.employees SET last_day = $2, updated_at = $3, last_sequence = $4
                  WHERE id = $1 AND last_sequence < $4",
            )
            .bind(&event.subject)
            .bind(last_day)
            .bind(event.time)
            .bind(event.sequence),
        };
        query
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update employees"))?;
        Ok(())
    }
}
