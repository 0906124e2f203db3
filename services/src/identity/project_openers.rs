//! Assigning the opener of a project to it: a worker on **orders'** topic
//! (`identity.project_openers`). A project manager who opens a project is narrowed to
//! the projects they are assigned to; without this they could not see the project they
//! had just opened until an administrator assigned them.
//!
//! `constructos.orders.ProjectCreated.v1` naming `opened_by` adds the project to that
//! user's assignments (`UserCommand::AssignOpener`, the same `UserAssignmentsChanged`
//! an administrator's `assignUser` appends). Idempotent: a redelivered event finds the
//! user assigned and appends nothing. An opener identity does not know as a user (a
//! system, or someone who never signed in) is skipped; older events without an opener
//! change nothing.

use async_trait::async_trait;
use constructos_commands::identity::IdentityCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::orders::{ProjectEvent, PROJECT_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{domain_event, ApplyError, Projection};
use sqlx::{PgPool, Postgres, Transaction};

/// The worker's name: its applied-event records and its caller.
const NAME: &str = "identity.project_openers";

/// Adds each project's opener to it.
pub struct ProjectOpeners {
    commands: IdentityCommands,
}

impl ProjectOpeners {
    /// The worker over the identity database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: IdentityCommands::new(pool),
        }
    }
}

/// The caller the worker acts as, caused by `event`.
fn system_context(event: &CloudEvent) -> CommandContext {
    crate::acting_on(event, format!("system:{NAME}"), NAME, Role::Admin)
}

#[async_trait]
impl Projection for ProjectOpeners {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn apply(
        &self,
        _tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != PROJECT_AGGREGATE || event.short_type() != "ProjectCreated" {
            return Ok(());
        }
        let ProjectEvent::ProjectCreated {
            opened_by: Some(opener),
            ..
        } = domain_event::<ProjectEvent>(event)?
        else {
            return Ok(());
        };
        let ctx = system_context(event);
        match self
            .commands
            .assign_opener(&ctx, &opener, &event.subject)
            .await
        {
            Ok(true) => {
                tracing::info!(project = %event.subject, user = %opener, "assigned the opener to the project");
                Ok(())
            }
            Ok(false) => {
                tracing::debug!(project = %event.subject, opener = %opener, "the opener is not a user identity knows");
                Ok(())
            }
            // Not an id a user can have, or refused: nothing to assign.
            Err(CommandError::Rejected(why)) => {
                tracing::debug!(project = %event.subject, opener = %opener, %why, "no opener to assign");
                Ok(())
            }
            Err(error) => Err(ApplyError::Command {
                what: format!("Failed to assign {opener} to project {}", event.subject),
                source: Box::new(error),
            }),
        }
    }
}
