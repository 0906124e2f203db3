//! The compliance command service over the compliance event store.

use std::sync::Arc;

use constructos_domain::compliance::incident::Incident;
use constructos_domain::compliance::inspection::Inspection;
use constructos_domain::compliance::ticket::Ticket;
use constructos_infra::event_store::Store;
use sqlx::PgPool;

use crate::execute::Aggregates;
use crate::CommandContext;

/// Executes compliance commands.
#[derive(Clone)]
pub struct ComplianceCommands {
    pub(super) inspections: Arc<Aggregates<Inspection>>,
    pub(super) incidents: Arc<Aggregates<Incident>>,
    pub(super) tickets: Arc<Aggregates<Ticket>>,
}

impl ComplianceCommands {
    /// Command handling over the compliance database.
    pub fn new(pool: PgPool) -> Self {
        let store = Store::new(pool);
        Self {
            inspections: Arc::new(Aggregates::new(&store, ())),
            incidents: Arc::new(Aggregates::new(&store, ())),
            tickets: Arc::new(Aggregates::new(&store, ())),
        }
    }
}

/// Who the caller is, as recorded on what they do: their name, else their subject.
pub(super) fn who(ctx: &CommandContext) -> String {
    ctx.caller
        .name
        .clone()
        .unwrap_or_else(|| ctx.caller.subject.clone())
}
