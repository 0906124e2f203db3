//! The one mapping from failures to GraphQL errors: a `code` extension the client can
//! act on, a safe message, and the cause only in the log.

use async_graphql::{Context, Error, ErrorExtensions};
use constructos_commands::CommandError;
use constructos_domain::access::Permission;
use constructos_infra::auth::Caller;

use super::RequestId;

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

/// The caller in the context (the handler always puts one there).
pub fn caller<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a Caller> {
    ctx.data::<Caller>()
        .map_err(|_| error(ErrorCode::Unauthenticated, "not authenticated"))
}

/// The current request id.
pub fn request_id(ctx: &Context<'_>) -> String {
    ctx.data::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

/// Refuses (and logs) when the caller lacks `permission`.
pub fn require(ctx: &Context<'_>, permission: Permission) -> async_graphql::Result<()> {
    let caller = caller(ctx)?;
    if caller.may(permission) {
        return Ok(());
    }
    tracing::warn!(
        subject = %caller.subject,
        permission = %permission,
        correlation_id = %request_id(ctx),
        "permission denied"
    );
    Err(forbidden(permission))
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

/// Maps a command failure.
pub fn command(ctx: &Context<'_>, e: CommandError) -> Error {
    match e {
        CommandError::Forbidden(permission) => forbidden(permission),
        CommandError::NotFound(m) => error(ErrorCode::NotFound, m),
        CommandError::Rejected(m) => error(ErrorCode::BadUserInput, m),
        CommandError::Conflict => error(ErrorCode::Conflict, e.to_string()),
        CommandError::Internal(cause) => internal(ctx, &cause),
    }
}
