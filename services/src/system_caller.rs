//! The command context a process manager acts in when another domain's event makes it
//! run a command: a system caller with one role, in the event's request (its
//! correlation id, or its own id when it has none), caused by the event.

use constructos_commands::CommandContext;
use constructos_domain::access::Role;
use constructos_infra::auth::Caller;
use constructos_infra::cloudevents::CloudEvent;

/// The system caller `subject` (shown as `name`) holding `role`, acting on `event`.
pub fn acting_on(event: &CloudEvent, subject: String, name: &str, role: Role) -> CommandContext {
    let caller = Caller {
        subject,
        object_id: None,
        tenant_id: None,
        name: Some(name.to_string()),
        username: None,
        roles: vec![role],
    };
    let correlation = event
        .correlationid
        .clone()
        .unwrap_or_else(|| event.id.to_string());
    CommandContext::new(caller, correlation).caused_by(event.id.to_string())
}
