//! The compliance service: safety inspections and corrective actions (escalated by the
//! [`escalation`] task), incidents with the LTIFR per project, and the ticket desk with
//! SLA clocks. Its operations are in [`inspections`], [`incidents`] and [`tickets`];
//! [`endpoint`] serves them as `POST /v1/compliance`.

pub mod escalation;
mod incidents;
mod inspections;
mod tickets;

use constructos_commands::compliance::ComplianceCommands;
use constructos_infra::{db, Domain};
use constructos_projections::compliance::{
    ComplianceProjection, ComplianceQueries, HoursProjection,
};
use constructos_projections::KnownProjectsProjection;
use sqlx::PgPool;

pub use incidents::{CloseIncident, IncidentRate, IncidentRates, Incidents};
pub use inspections::{
    CompleteInspection, CorrectiveActions, InspectionById, InspectionDetail, InspectionTemplates,
    Inspections, SubmitEvidence, VerifyAction,
};
pub use tickets::{CommentOnTicket, StepTicket, TicketById, TicketDetail, TicketWithSla, Tickets};

use crate::module::{DomainModule, Location, Subscription, Task};
use crate::{Client, Endpoint, Service};

/// The compliance service, answered from the compliance database.
pub struct ComplianceService {
    commands: ComplianceCommands,
    queries: ComplianceQueries,
}

/// The compliance service as the gateway calls it.
pub type ComplianceClient = Client<ComplianceService>;

impl Service for ComplianceService {
    const DOMAIN: Domain = Domain::Compliance;
}

impl ComplianceService {
    /// The service over the compliance database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: ComplianceCommands::new(pool.clone()),
            queries: ComplianceQueries::new(pool),
        }
    }
}

/// Every compliance operation, served as `POST /v1/compliance`.
pub fn endpoint(pool: PgPool) -> Endpoint<ComplianceService> {
    use constructos_commands::compliance as inputs;
    Endpoint::new(ComplianceService::new(pool))
        .with::<InspectionTemplates>()
        .with::<Inspections>()
        .with::<InspectionById>()
        .with::<CorrectiveActions>()
        .with::<inputs::StartInspectionInput>()
        .with::<inputs::RecordItemInput>()
        .with::<CompleteInspection>()
        .with::<inputs::RaiseActionInput>()
        .with::<SubmitEvidence>()
        .with::<VerifyAction>()
        .with::<inputs::ReportIncidentInput>()
        .with::<inputs::InvestigateIncidentInput>()
        .with::<CloseIncident>()
        .with::<Incidents>()
        .with::<IncidentRates>()
        .with::<inputs::OpenTicketInput>()
        .with::<CommentOnTicket>()
        .with::<StepTicket>()
        .with::<Tickets>()
        .with::<TicketById>()
}

/// The compliance domain: its migrations, read models, escalation task, service and
/// client.
pub const MODULE: DomainModule = DomainModule {
    domain: Domain::Compliance,
    migrations: db::migrations::compliance,
    subscriptions: |_, _| {
        vec![
            Subscription::new(Domain::Compliance, ComplianceProjection),
            // Incidents name projects (by id or code) from compliance's copy of orders'
            // projects; the LTIFR divides by the hours of HR's approved timesheets.
            Subscription::new(Domain::Orders, KnownProjectsProjection::COMPLIANCE),
            Subscription::new(Domain::Hr, HoursProjection),
        ]
    },
    tasks: |_, pool, shutdown| {
        vec![Box::pin(escalation::run(pool.clone(), shutdown.clone())) as Task]
    },
    router: |_, pool, validator| endpoint(pool).router(validator),
    connect: |_, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => ComplianceClient::local(ComplianceService::new(pool)),
            Location::Remote(url) => ComplianceClient::remote(&url),
        })
    },
};
