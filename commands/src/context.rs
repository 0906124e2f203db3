//! Who issues a command and in which request: becomes the events' metadata.

use std::collections::HashMap;

use constructos_domain::access::{self, Access, Permission};
use constructos_domain::metadata;
use constructos_infra::auth::Caller;

use crate::CommandError;

/// The caller, correlation id and cause a command is executed for.
#[derive(Debug, Clone)]
pub struct CommandContext {
    pub caller: Caller,
    pub correlation_id: String,
    /// The message that directly caused the command: an event's id when a handler
    /// reacts to an event; `None` for a request, whose cause is the request itself.
    pub causation_id: Option<String>,
    /// The caller's own `X-Request-Id`, sanitised
    /// ([`metadata::client_request_id`]); stored beside, never as, the correlation id.
    pub client_request_id: Option<String>,
}

impl CommandContext {
    /// A context for `caller` within the request `correlation_id`.
    pub fn new(caller: Caller, correlation_id: impl Into<String>) -> Self {
        Self {
            caller,
            correlation_id: correlation_id.into(),
            causation_id: None,
            client_request_id: None,
        }
    }

    /// The same context, remembering the caller's own request id (sanitised here, so
    /// no caller of this can store a raw one).
    pub fn with_client_request_id(mut self, raw: Option<&str>) -> Self {
        self.client_request_id = raw.and_then(metadata::client_request_id);
        self
    }

    /// The same context, caused by the message `causation_id` (e.g. an event's id).
    pub fn caused_by(mut self, causation_id: impl Into<String>) -> Self {
        self.causation_id = Some(causation_id.into());
        self
    }

    /// Refuses (and logs) when the caller lacks `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), CommandError> {
        if self.caller.may(permission) {
            return Ok(());
        }
        tracing::warn!(
            subject = %self.caller.subject,
            permission = %permission,
            correlation_id = %self.correlation_id,
            "permission denied"
        );
        Err(CommandError::Forbidden(permission))
    }

    /// Refuses (and logs) unless the caller passes `access`.
    pub fn permit(&self, access: Access) -> Result<(), CommandError> {
        if access.allows(|p| self.caller.may(p)) {
            return Ok(());
        }
        match access.missing() {
            Some(permission) => self.require(permission),
            None => Ok(()),
        }
    }

    /// The caller's row-level project scope ([`access::project_scope`]): `None` sees
    /// every project, `Some(user)` only that user's assignments; refused (and logged)
    /// without either permission.
    pub fn project_scope(&self) -> Result<Option<&str>, CommandError> {
        match access::project_scope(&self.caller.roles, self.caller.user_id()) {
            Ok(scope) => Ok(scope),
            Err(missing) => self.require(missing).map(|()| None),
        }
    }

    /// The caller's row-level opportunity scope ([`access::opportunity_scope`]): `None`
    /// acts on every opportunity, `Some(subject)` only on the caller's own; refused (and
    /// logged) without `sales.opportunities.read`. Owners are subjects (identity records
    /// the capturing caller's `sub` as a lead's owner), so the scope is the subject.
    pub fn opportunity_scope(&self) -> Result<Option<&str>, CommandError> {
        match access::opportunity_scope(&self.caller.roles, &self.caller.subject) {
            Ok(scope) => Ok(scope),
            Err(missing) => self.require(missing).map(|()| None),
        }
    }

    /// The metadata stored with every event the command produces.
    pub fn metadata(&self) -> HashMap<String, String> {
        let mut stored = HashMap::from([
            (
                metadata::CORRELATION_ID.to_string(),
                self.correlation_id.clone(),
            ),
            (
                metadata::CAUSATION_ID.to_string(),
                self.causation_id
                    .clone()
                    .unwrap_or_else(|| self.correlation_id.clone()),
            ),
            (metadata::SUBJECT.to_string(), self.caller.subject.clone()),
            (
                metadata::OCCURRED_AT.to_string(),
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            ),
        ]);
        if let Some(client) = &self.client_request_id {
            stored.insert(metadata::CLIENT_REQUEST_ID.to_string(), client.clone());
        }
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller() -> Caller {
        Caller {
            subject: "alice".into(),
            object_id: None,
            tenant_id: None,
            name: None,
            username: None,
            roles: Vec::new(),
        }
    }

    #[test]
    fn the_client_request_id_is_stored_sanitised_beside_the_correlation_id() {
        let ctx = CommandContext::new(caller(), "0190c0de-0000-7000-8000-000000000001")
            .with_client_request_id(Some("their id\n<7>"));
        let stored = ctx.metadata();
        assert_eq!(
            stored[metadata::CORRELATION_ID],
            "0190c0de-0000-7000-8000-000000000001"
        );
        assert_eq!(
            stored[metadata::CAUSATION_ID],
            stored[metadata::CORRELATION_ID]
        );
        assert_eq!(stored[metadata::CLIENT_REQUEST_ID], "theirid7");
        let without = CommandContext::new(caller(), "c").with_client_request_id(None);
        assert!(!without.metadata().contains_key(metadata::CLIENT_REQUEST_ID));
    }
}
