//! The one caller every section acts as: subject `bench`, with the role it needs.

use constructos_commands::CommandContext;
use constructos_domain::access::Role;
use constructos_infra::auth::Caller;

/// A command context for the bench subject holding `role`, in the request `request`.
pub fn context(role: Role, request: &str) -> CommandContext {
    CommandContext::new(
        Caller {
            subject: "bench".to_string(),
            object_id: None,
            tenant_id: None,
            name: None,
            username: None,
            roles: vec![role],
        },
        request,
    )
}
