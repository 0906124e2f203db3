//! The one mapping from failures to GraphQL errors: a `code` extension the client can
//! act on, a safe message, and the cause only in the log.

use async_graphql::{Context, Error, ErrorExtensions, ServerError};
use constructos_commands::CommandError;
use constructos_domain::access::Permission;
use constructos_services::{Call, Clients, Operation};

/// The error codes clients see in `extensions.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    BadUserInput,
    NotFound,
    Conflict,
    Internal,
    /// Too many requests from one client IP or subject (HTTP 429, not a GraphQL error).
    RateLimited,
    /// The request ran past its deadline and was cancelled (HTTP 504).
    Timeout,
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
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::Timeout => "TIMEOUT",
        }
    }
}

/// A GraphQL error with a code.
pub fn error(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::new(message).extend_with(|_, e| e.set("code", code.as_str()))
}

/// A request-level GraphQL error (no field, no position) with a code.
pub fn server_error(code: ErrorCode, message: impl Into<String>) -> ServerError {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    error
}

/// Gives every error that has no code `BAD_USER_INPUT`: the engine's own parse and
/// validation errors (syntax, unknown field, too deep, too complex) carry none, and
/// every failure of ours has one already.
pub fn ensure_codes(errors: &mut [ServerError]) {
    for error in errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", ErrorCode::BadUserInput.as_str());
        }
    }
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

/// Asks the domain service that answers `op`, as the caller; its refusals become
/// GraphQL errors with codes.
pub async fn ask<Op: Operation>(ctx: &Context<'_>, op: Op) -> async_graphql::Result<Op::Answer> {
    let client = ctx
        .data::<Clients>()
        .map_err(|_| internal(ctx, &"the schema has no domain clients"))?
        .get::<Op::Service>()
        .map_err(|e| service(ctx, e))?;
    client
        .call(call(ctx)?, op)
        .await
        .map_err(|e| service(ctx, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_without_a_code_become_bad_user_input_and_coded_ones_keep_theirs() {
        let mut errors = vec![
            ServerError::new("Unknown field \"nope\"", None),
            server_error(ErrorCode::Forbidden, "no"),
        ];
        ensure_codes(&mut errors);
        let codes: Vec<_> = errors
            .iter()
            .map(|e| e.extensions.as_ref().and_then(|x| x.get("code")).cloned())
            .collect();
        assert_eq!(
            codes,
            vec![
                Some(async_graphql::Value::from("BAD_USER_INPUT")),
                Some(async_graphql::Value::from("FORBIDDEN"))
            ]
        );
    }
}
