//! The HR service: employee records (filtered row by row for self-service, sensitive
//! fields field by field), leave, timesheets and payroll. Its operations are declared
//! in [`operations`], [`leave`], [`time`] and [`payroll`]; [`endpoint`] serves them as
//! `POST /v1/hr`.

mod leave;
mod operations;
mod payroll;
mod people;
mod time;

use constructos_commands::hr::HrCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access;
use constructos_domain::hr::HrError;
use constructos_infra::{db, Domain};
use constructos_projections::hr::{HrProjection, HrQueries, LinksProjection};
use constructos_projections::KnownProjectsProjection;
use sqlx::PgPool;

pub use leave::{LeaveBalances, LeaveRequests};
pub use operations::{Employee, Employees, PayeCalculation, PublicHolidays, TerminateEmployment};
pub use payroll::{
    ApprovePayRun, CalculatePayRun, CoidaAssessment, Emp201, MarkPayRunPaid, PayRunWhatIf, PayRuns,
    Payslips, ReversePayRun,
};
pub use time::{DecideTimesheet, Timesheets};

use crate::module::{no_tasks, DomainModule, Location, Subscription};
use crate::{Client, Endpoint, Service};

/// The HR service, answered from the HR database.
pub struct HrService {
    commands: HrCommands,
    queries: HrQueries,
}

/// The HR service as the gateway calls it.
pub type HrClient = Client<HrService>;

impl Service for HrService {
    const DOMAIN: Domain = Domain::Hr;
}

impl HrService {
    /// The service over the HR database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: HrCommands::new(pool.clone()),
            queries: HrQueries::new(pool),
        }
    }

    /// Refuses a write that names employee `id` unless the caller can see this record,
    /// through the read `employee(id)` answers with. Today every holder of
    /// `hr.employees.write` sees every record (a test in `access.rs` holds it so), and
    /// then nothing is read: the aggregate decides. A record outside the scope answers
    /// the aggregate's own "does not exist".
    async fn require_employee_in_scope(
        &self,
        ctx: &CommandContext,
        id: &str,
    ) -> Result<(), CommandError> {
        let Some(user) = employee_scope(ctx)? else {
            return Ok(());
        };
        match self.queries.employee(id, Some(user)).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(CommandError::NotFound(
                HrError::EmployeeNotFound.to_string(),
            )),
            Err(error) => Err(error.into()),
        }
    }
}

/// Every HR operation, served as `POST /v1/hr`.
pub fn endpoint(pool: PgPool) -> Endpoint<HrService> {
    Endpoint::new(HrService::new(pool))
        .with::<constructos_commands::hr::HireEmployeeInput>()
        .with::<TerminateEmployment>()
        .with::<Employees>()
        .with::<Employee>()
        .with::<PayeCalculation>()
        .with::<PublicHolidays>()
        .with::<constructos_commands::hr::SetProfileInput>()
        .with::<constructos_commands::hr::RequestLeaveInput>()
        .with::<constructos_commands::hr::DecideLeaveInput>()
        .with::<constructos_commands::hr::CancelLeaveInput>()
        .with::<LeaveRequests>()
        .with::<LeaveBalances>()
        .with::<constructos_commands::hr::SubmitTimesheetInput>()
        .with::<DecideTimesheet>()
        .with::<Timesheets>()
        .with::<constructos_commands::hr::OpenPayRunInput>()
        .with::<CalculatePayRun>()
        .with::<ApprovePayRun>()
        .with::<MarkPayRunPaid>()
        .with::<ReversePayRun>()
        .with::<PayRuns>()
        .with::<Payslips>()
        .with::<Emp201>()
        .with::<payroll::CoidaAssessment>()
        .with::<PayRunWhatIf>()
}

/// Row-level scope of employee reads and writes (`access::employee_scope`): `None` sees
/// everyone, `Some(user)` only the record that user is linked to; refused without either
/// permission.
pub(super) fn employee_scope(ctx: &CommandContext) -> Result<Option<&str>, CommandError> {
    access::employee_scope(&ctx.caller.roles, ctx.caller.user_id()).map_err(|missing| {
        ctx.require(missing)
            .err()
            .unwrap_or(CommandError::Forbidden(missing))
    })
}

/// The HR domain: its migrations, read models, service and client.
pub const MODULE: DomainModule = DomainModule {
    domain: Domain::Hr,
    migrations: db::migrations::hr,
    subscriptions: |_, _| {
        vec![
            Subscription::new(Domain::Hr, HrProjection),
            // HR keeps its own copy of which user is which employee and who is assigned
            // where, from identity's topic, and of orders' projects (timesheets name them).
            Subscription::new(Domain::Identity, LinksProjection),
            Subscription::new(Domain::Orders, KnownProjectsProjection::HR),
        ]
    },
    tasks: no_tasks,
    router: |_, pool, validator| endpoint(pool).router(validator),
    connect: |_, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => HrClient::local(HrService::new(pool)),
            Location::Remote(url) => HrClient::remote(&url),
        })
    },
};
