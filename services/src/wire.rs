//! How a service error crosses HTTP: a status, a code and a safe message.

use axum::http::StatusCode;
use constructos_commands::CommandError;
use constructos_domain::access::Permission;
use serde::{Deserialize, Serialize};

/// The JSON body of a failed service call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireError {
    pub code: String,
    pub message: String,
    /// The missing permission, for `FORBIDDEN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
}

impl WireError {
    /// The status and body for a command error; internal causes are not sent.
    pub fn from_command(error: &CommandError) -> (StatusCode, Self) {
        let (status, code, permission) = match error {
            CommandError::Forbidden(p) => (
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                Some(p.as_str().to_string()),
            ),
            CommandError::NotFound(_) => (StatusCode::NOT_FOUND, "NOT_FOUND", None),
            CommandError::Rejected(_) => (StatusCode::BAD_REQUEST, "BAD_USER_INPUT", None),
            CommandError::Conflict => (StatusCode::CONFLICT, "CONFLICT", None),
            CommandError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", None),
        };
        let message = match error {
            CommandError::Internal(_) => "internal error".to_string(),
            other => other.to_string(),
        };
        (
            status,
            Self {
                code: code.to_string(),
                message,
                permission,
            },
        )
    }

    /// The command error a client sees for this body.
    pub fn into_command(self) -> CommandError {
        match self.code.as_str() {
            "FORBIDDEN" => match self.permission.as_deref().and_then(Permission::parse) {
                Some(permission) => CommandError::Forbidden(permission),
                None => CommandError::Internal(format!(
                    "forbidden without a known permission: {}",
                    self.message
                )),
            },
            "NOT_FOUND" => CommandError::NotFound(self.message),
            "BAD_USER_INPUT" => CommandError::Rejected(self.message),
            "CONFLICT" => CommandError::Conflict,
            _ => CommandError::Internal(format!("{}: {}", self.code, self.message)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_survive_the_round_trip() {
        for error in [
            CommandError::Forbidden(Permission::IdentityWrite),
            CommandError::NotFound("the account does not exist".into()),
            CommandError::Rejected("name is required".into()),
            CommandError::Conflict,
        ] {
            let expected = error.to_string();
            let (_, wire) = WireError::from_command(&error);
            assert_eq!(wire.into_command().to_string(), expected);
        }
    }

    #[test]
    fn internal_causes_stay_inside() {
        let (status, wire) =
            WireError::from_command(&CommandError::Internal("password=hunter2".into()));
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!wire.message.contains("hunter2"));
    }
}
