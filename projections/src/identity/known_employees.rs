//! Identity's copy of the employees HR has hired, from HR's topic: what `linkUser`
//! checks an `employeeId` against, without a read of HR's database.

use async_trait::async_trait;
use constructos_domain::hr::{EmployeeEvent, EMPLOYEE_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// Keeps `read_model.known_employees` in the identity database.
#[derive(Debug, Clone, Copy, Default)]
pub struct KnownEmployeesProjection;

#[async_trait]
impl Projection for KnownEmployeesProjection {
    fn name(&self) -> &'static str {
        "identity.known_employees"
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
                employee_number, ..
            } => sqlx::query(
                "INSERT INTO read_model.known_employees
                     (id, employee_number, status, last_sequence, updated_at)
                 VALUES ($1, $2, 'ACTIVE', $3, $4)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(employee_number)
            .bind(event.sequence)
            .bind(event.time),
            // Identity keeps no profile facts (they are HR's, and personal).
            EmployeeEvent::EmployeeProfileSet { .. } => return Ok(()),
            EmployeeEvent::EmploymentTerminated { .. } => sqlx::query(
                "UPDATE read_model.known_employees
                    SET status = 'TERMINATED', last_sequence = $2, updated_at = $3
                  WHERE id = $1 AND last_sequence < $2",
            )
            .bind(&event.subject)
            .bind(event.sequence)
            .bind(event.time),
        };
        query
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update the known employees"))?;
        Ok(())
    }
}
