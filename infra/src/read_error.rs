//! The one error type of the read side: what a query of a read model can fail with.
//! Mapped once, to a client error, where reads meet the service API
//! (`constructos_commands::CommandError: From<ReadError>`).

/// Why a read of a read model failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A page cursor this list did not give out; the caller's mistake.
    #[error("the cursor is not valid")]
    InvalidCursor,
    /// The database refused or could not be reached; `what` says which read.
    #[error("{what}: {source}")]
    Database {
        what: &'static str,
        #[source]
        source: sqlx::Error,
    },
    /// A value the read model holds does not read back as its type (a column that does
    /// not decode, an enum name or a document part not known); `what` says which.
    #[error("a stored value does not read: {what}")]
    Stored { what: String },
}

/// Names the read a database error happened in: `.map_err(read("Failed to list opportunities"))`.
pub fn read(what: &'static str) -> impl FnOnce(sqlx::Error) -> ReadError {
    move |source| ReadError::Database { what, source }
}

/// Names a stored value that does not read: `.map_err(|e| stored(format!("{column}: {e}")))`.
pub fn stored(what: impl Into<String>) -> ReadError {
    ReadError::Stored { what: what.into() }
}
