//! Compliance's copy of the hours worked on each project, from HR's approved timesheets
//! (what the LTIFR divides by).

use async_trait::async_trait;
use constructos_domain::hr::timesheet::{TimesheetEvent, TIMESHEET_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::{database, domain_event, ApplyError, Projection};

/// Keeps `read_model.project_hours` from HR's topic.
#[derive(Debug, Clone, Copy, Default)]
pub struct HoursProjection;

#[async_trait]
impl Projection for HoursProjection {
    fn name(&self) -> &'static str {
        "compliance.project_hours"
    }

    async fn apply(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != TIMESHEET_AGGREGATE || event.short_type() != "TimesheetApproved" {
            return Ok(());
        }
        let TimesheetEvent::TimesheetApproved {
            week_starting,
            lines,
            ..
        } = domain_event::<TimesheetEvent>(event)?
        else {
            return Ok(());
        };
        for line in lines {
            sqlx::query(
                "INSERT INTO read_model.project_hours (timesheet_id, project_id, week_starting, hours)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (timesheet_id, project_id) DO UPDATE SET hours = read_model.project_hours.hours + EXCLUDED.hours",
            )
            .bind(&event.subject)
            .bind(&line.project_id)
            .bind(week_starting)
            .bind(line.ordinary_hours + line.overtime_hours + line.double_hours)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update project hours"))?;
        }
        Ok(())
    }
}
