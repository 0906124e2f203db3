//! Opening opportunities for converted leads: a process manager on the **identity**
//! topic that opens one sales opportunity per `constructos.identity.LeadConverted.v1`,
//! exactly once.
//!
//! Exactly once, in two parts, as finance's shipment invoicing does. The opportunity id
//! is derived from the lead id (`constructos_domain::sales::opportunity_id`, UUID v5),
//! and opening is idempotent on that id: an opportunity already open is answered, not
//! opened again — so the same conversion in two messages (a redelivery, a replay) opens
//! one opportunity. And the worker's `apply_message` records the event id as applied in
//! its own transaction: a message seen before is skipped. If the worker dies after the
//! opportunity committed but before the applied record did, the redelivered message
//! finds the opportunity open and completes.
//!
//! The manager acts as a system caller holding `sales.opportunities.write` (the
//! Sales_Manager role), not as the user who converted the lead: the conversion was
//! authorised in identity; the events it causes record this caller's subject and the
//! conversion's event id as their cause. The opportunity's owner is the lead's owner.
//!
//! A conversion that breaks the contract (a field that does not parse, an estimate that
//! is not rand) is logged and skipped: no later attempt could succeed. A failure of the
//! sales database is returned, and the worker retries it.

use async_trait::async_trait;
use constructos_commands::sales::SalesCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::identity::{LeadEvent, LEAD_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{domain_event, ApplyError, Projection};
use sqlx::{Postgres, Transaction};

/// The CloudEvent type this manager reacts to.
pub const LEAD_CONVERTED: &str = "constructos.identity.LeadConverted.v1";

/// The subject the manager's commands are recorded under.
pub const SUBJECT: &str = "system:sales.lead_conversions";

/// The worker's handler: opens the converted lead's opportunity (see the module docs).
#[derive(Clone)]
pub struct LeadConversions {
    commands: SalesCommands,
}

impl LeadConversions {
    /// Opens opportunities through `commands`.
    pub fn new(commands: SalesCommands) -> Self {
        Self { commands }
    }

    /// The system caller, within the conversion's request and caused by its event.
    fn context(event: &CloudEvent) -> CommandContext {
        crate::acting_on(
            event,
            SUBJECT.to_string(),
            "Lead conversions",
            Role::SalesManager,
        )
    }
}

#[async_trait]
impl Projection for LeadConversions {
    fn name(&self) -> &'static str {
        "sales.lead_conversions"
    }

    async fn apply(
        &self,
        _tx: &mut Transaction<'_, Postgres>,
        event: &CloudEvent,
    ) -> Result<(), ApplyError> {
        if event.aggregatetype != LEAD_AGGREGATE || event.event_type != LEAD_CONVERTED {
            return Ok(());
        }
        let LeadEvent::LeadConverted {
            account_id,
            contact_id,
            opportunity,
        } = domain_event::<LeadEvent>(event)?
        else {
            return Ok(());
        };
        let lead_id = &event.subject;
        let ctx = Self::context(event);
        match self
            .commands
            .open_from_lead(&ctx, lead_id, &account_id, &contact_id, &opportunity)
            .await
        {
            Ok(opened) => {
                tracing::info!(lead_id, opportunity_id = %opened.id, already = opened.already_open, "opportunity opened for a converted lead");
                Ok(())
            }
            Err(CommandError::NotFound(reason) | CommandError::Rejected(reason)) => {
                tracing::error!(event_id = %event.id, lead_id, reason, "skipping a LeadConverted that cannot open an opportunity");
                Ok(())
            }
            Err(e) => Err(ApplyError::Command {
                what: format!("Failed to open the opportunity of lead {lead_id}"),
                source: Box::new(e),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use constructos_domain::access::{opportunity_scope, Permission};
    use uuid::Uuid;

    use super::*;

    fn conversion() -> CloudEvent {
        serde_json::from_value(serde_json::json!({
            "specversion": "1.0",
            "id": Uuid::new_v4(),
            "source": "urn:constructos:identity",
            "type": LEAD_CONVERTED,
            "subject": "0190c7a2-5d1e-7b3a-9f00-1234567890ab",
            "time": "2026-03-04T05:06:07Z",
            "datacontenttype": "application/json",
            "dataschema": "urn:constructos:schemas:events/identity/LeadConverted.v1.json",
            "aggregatetype": LEAD_AGGREGATE,
            "sequence": 3,
            "correlationid": "req-1",
            "data": {}
        }))
        .expect("envelope")
    }

    #[test]
    fn acts_as_a_system_caller_who_may_open_every_opportunity() {
        let event = conversion();
        let ctx = LeadConversions::context(&event);
        assert!(ctx.require(Permission::OpportunitiesWrite).is_ok());
        assert_eq!(opportunity_scope(&ctx.caller.roles, SUBJECT), Ok(None));
        assert_eq!(ctx.correlation_id, "req-1");
        assert_eq!(ctx.causation_id, Some(event.id.to_string()));
        assert_eq!(ctx.caller.subject, SUBJECT);
    }
}
