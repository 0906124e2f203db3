//! The one mapping from failures to GraphQL errors: a `code` extension the client can
//! act on, a safe message, and the cause only in the log.

use async_graphql::{Context, Error, ErrorExtensions};
use constructos_commands::CommandError;
use constructos_domain::access::Permission;
use constructos_services::Call;

/// The error codes clients see in `extensions.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    BadUserInput,
    NotFound,
    Conflict,
    Internal,
}

impl ErrorCode {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// A GraphQL error with a code.
pub fn error(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::new(message).extend_with(|_, e| e.set("code", code.as_str()))
}

/// The authenticated call of this request (the handler always puts one there).
pub fn call<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a Call> {
    ctx.data::<Call>()
        .map_err(|_| error(ErrorCode::Unauthenticated, "not authenticated"))
}

/// The current request id.
pub fn request_id(ctx: &Context<'_>) -> String {
    ctx.data::<Call>()
        .map(|c| c.context.correlation_id.clone())
        .unwrap_or_default()
}

fn forbidden(permission: Permission) -> Error {
    error(
        ErrorCode::Forbidden,
        format!("you do not have permission for {permission}"),
    )
}

/// An unexpected failure: logged with the request id, shown as a generic message.
pub fn internal(ctx: &Context<'_>, cause: &dyn std::fmt::Display) -> Error {
    tracing::error!(correlation_id = %request_id(ctx), cause = %cause, "request failed");
    error(ErrorCode::Internal, "internal error")
}

/// Maps a service failure.
pub fn service(ctx: &Context<'_>, e: CommandError) -> Error {
    match e {
        CommandError::Forbidden(permission) => forbidden(permission),
        CommandError::NotFound(m) => error(ErrorCode::NotFound, m),
        CommandError::Rejected(m) => error(ErrorCode::BadUserInput, m),
        CommandError::Conflict => error(ErrorCode::Conflict, e.to_string()),
        CommandError::Internal(cause) => internal(ctx, &cause),
    }
}
