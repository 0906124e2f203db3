//! The one error type of applying an event to a read model (or of a process manager
//! acting on it): each variant says whether the event can ever apply
//! ([`ApplyError::is_permanent`]), which decides between retrying it and dead-lettering
//! it (`crate::worker`).

/// Why an event did not apply.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The event's data does not match its type (or a part of it does not encode):
    /// permanent.
    #[error("{what}: {source}")]
    Event {
        what: String,
        #[source]
        source: serde_json::Error,
    },
    /// A value of the event does not fit its read model, or the event is not what its
    /// type says (e.g. a line number beyond the column's range): permanent.
    #[error("{what}")]
    Unfit { what: String },
    /// The database refused or could not be reached; `what` says which write. Permanent
    /// when PostgreSQL refuses the data (SQLSTATE class 22 or 23) or a value does not
    /// decode; transient otherwise (a dropped connection, a serialization failure, a
    /// deadlock).
    #[error("{what}: {source}")]
    Database {
        what: &'static str,
        #[source]
        source: sqlx::Error,
    },
    /// A process manager's command failed outside the domain (its database, the event
    /// store), or so did its record of a refusal it will retry: transient. (A refusal by
    /// the domain itself is the manager's to handle, not an error.)
    #[error("{what}: {source}")]
    Command {
        what: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl ApplyError {
    /// Whether the event can never apply, however often it is retried.
    pub fn is_permanent(&self) -> bool {
        match self {
            ApplyError::Event { .. } | ApplyError::Unfit { .. } => true,
            ApplyError::Database { source, .. } => match source {
                sqlx::Error::Database(db) => db
                    .code()
                    .is_some_and(|code| code.starts_with("22") || code.starts_with("23")),
                sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => true,
                _ => false,
            },
            ApplyError::Command { .. } => false,
        }
    }
}

/// Names the write a database error happened in:
/// `.map_err(database("Failed to insert a journal"))`.
pub fn database(what: &'static str) -> impl FnOnce(sqlx::Error) -> ApplyError {
    move |source| ApplyError::Database { what, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event_error() -> ApplyError {
        let source = serde_json::from_str::<u32>("\"x\"").expect_err("not a number");
        ApplyError::Event {
            what: "e does not match its event type".into(),
            source,
        }
    }

    #[test]
    fn an_event_that_does_not_match_or_fit_never_applies() {
        assert!(event_error().is_permanent());
        assert!(ApplyError::Unfit {
            what: "too many lines".into()
        }
        .is_permanent());
    }

    #[test]
    fn a_lost_connection_or_a_failed_command_is_retried() {
        assert!(!database("Failed to insert")(sqlx::Error::PoolTimedOut).is_permanent());
        assert!(!database("Failed to insert")(sqlx::Error::WorkerCrashed).is_permanent());
        let command = ApplyError::Command {
            what: "Failed to invoice shipment s".into(),
            source: "internal error".into(),
        };
        assert!(!command.is_permanent());
        assert_eq!(
            command.to_string(),
            "Failed to invoice shipment s: internal error"
        );
    }

    #[test]
    fn a_value_that_does_not_decode_never_applies() {
        let decode = sqlx::Error::Decode("not a uuid".into());
        assert!(database("Failed to read")(decode).is_permanent());
    }
}
