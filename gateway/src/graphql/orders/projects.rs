//! Projects in the schema: every project for head office, only their own for those on
//! site (the orders service filters the rows). A project's details (bill, work,
//! variations, claims, figures) are fields of it, each read for that project only.

use async_graphql::{ComplexObject, Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::orders::{
    ContractInput as ContractCommand, CreateProjectInput as CreateProjectCommand,
};
use constructos_domain::orders as domain;
use constructos_projections::orders::ProjectRow;
use constructos_services::orders::{self as operations, ChangeProjectStatus, Projects};

use super::details::{
    BoqLine, ClaimWithLines, ProjectFigures, RetentionRelease, Variation, WorkItem,
};
use crate::graphql::errors::{ask, error, request_id, ErrorCode};
use crate::graphql::finance::{Decimal, Rand};

/// Where a project stands: TENDER → AWARDED → IN_PROGRESS → PRACTICAL_COMPLETION →
/// FINAL_COMPLETION → CLOSED, plus ON_HOLD and CANCELLED.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::ProjectStatus")]
pub enum ProjectStatus {
    Tender,
    Awarded,
    InProgress,
    OnHold,
    PracticalCompletion,
    FinalCompletion,
    Closed,
    Cancelled,
}

/// The standard form a contract is let under.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::ContractType")]
pub enum ContractType {
    /// JBCC Principal Building Agreement.
    JbccPba,
    /// GCC 2015 (SAICE).
    Gcc2015,
    Nec3,
    Nec4,
    Other,
}

fn contract_type_from_wire(s: &str) -> Option<ContractType> {
    [
        ContractType::JbccPba,
        ContractType::Gcc2015,
        ContractType::Nec3,
        ContractType::Nec4,
        ContractType::Other,
    ]
    .into_iter()
    .find(|t| domain::ContractType::from(*t).as_str() == s)
}

/// A project's contract terms.
#[derive(SimpleObject)]
pub struct Contract {
    contract_type: ContractType,
    /// The contract sum excluding VAT, before variations.
    contract_value: Rand,
    retention_percent: Decimal,
    /// Retention stops at this share of the varied contract value.
    retention_cap_percent: Option<Decimal>,
    /// The share of retention held that practical completion releases.
    release_at_practical_percent: Decimal,
    planned_completion_on: Option<NaiveDate>,
}

/// A construction job for a customer at a site.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Project {
    id: ID,
    /// The company's project code, e.g. `PRJ-2026-014`.
    code: String,
    name: String,
    customer_account_id: Option<ID>,
    site_id: String,
    site_name: String,
    starts_on: Option<NaiveDate>,
    status: ProjectStatus,
    /// None until the contract is set.
    contract: Option<Contract>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

fn internal(what: &str, value: &str) -> async_graphql::Error {
    error(ErrorCode::Internal, format!("unknown {what} {value}"))
}

/// A stored amount as the `Rand` scalar (the read model holds two places).
pub(super) fn rand(value: rust_decimal::Decimal) -> async_graphql::Result<Rand> {
    domain_rand(value).map(Rand)
}

fn domain_rand(
    value: rust_decimal::Decimal,
) -> async_graphql::Result<constructos_domain::finance::Rand> {
    constructos_domain::finance::Rand::from_decimal(value)
        .map_err(|e| error(ErrorCode::Internal, e.to_string()))
}

impl Project {
    fn from_row(row: ProjectRow) -> async_graphql::Result<Self> {
        let status = domain::ProjectStatus::parse(&row.status)
            .ok_or_else(|| internal("status", &row.status))?;
        let contract = match (
            &row.contract_type,
            row.contract_value,
            row.retention_percent,
        ) {
            (Some(kind), Some(value), Some(retention)) => Some(Contract {
                contract_type: contract_type_from_wire(kind)
                    .ok_or_else(|| internal("contract type", kind))?,
                contract_value: rand(value)?,
                retention_percent: Decimal(retention),
                retention_cap_percent: row.retention_cap_percent.map(Decimal),
                release_at_practical_percent: Decimal(
                    row.release_at_practical_percent.unwrap_or_default(),
                ),
                planned_completion_on: row.planned_completion_on,
            }),
            _ => None,
        };
        Ok(Self {
            id: ID(row.id),
            code: row.code,
            name: row.name,
            customer_account_id: row.customer_account_id.map(ID),
            site_id: row.site_id,
            site_name: row.site_name,
            starts_on: row.starts_on,
            status: status.into(),
            contract,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[ComplexObject]
impl Project {
    /// The bill of quantities, with what is claimed of each item.
    async fn bill_of_quantities(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BoqLine>> {
        let rows = ask(
            ctx,
            operations::ProjectBill {
                project_id: self.id.0.clone(),
            },
        )
        .await?;
        rows.into_iter().map(BoqLine::from_row).collect()
    }

    /// The work breakdown: phases and their tasks, by code.
    async fn work_items(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<WorkItem>> {
        let rows = ask(
            ctx,
            operations::ProjectWork {
                project_id: self.id.0.clone(),
            },
        )
        .await?;
        rows.into_iter().map(WorkItem::from_row).collect()
    }

    /// The variation orders, by number.
    async fn variations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Variation>> {
        let rows = ask(
            ctx,
            operations::ProjectVariations {
                project_id: self.id.0.clone(),
            },
        )
        .await?;
        rows.into_iter().map(Variation::from_row).collect()
    }

    /// The progress claims, by number, each with its lines.
    async fn claims(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ClaimWithLines>> {
        let rows = ask(
            ctx,
            operations::ProjectClaims {
                project_id: self.id.0.clone(),
            },
        )
        .await?;
        rows.into_iter().map(ClaimWithLines::from_answer).collect()
    }

    /// The releases of retention.
    async fn retention_releases(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<RetentionRelease>> {
        let rows = ask(
            ctx,
            operations::ProjectReleases {
                project_id: self.id.0.clone(),
            },
        )
        .await?;
        rows.into_iter().map(RetentionRelease::from_row).collect()
    }

    /// The project's money in one place: contract, budget, earned value, claimed,
    /// retention held.
    async fn figures(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ProjectFigures>> {
        let figures = ask(
            ctx,
            operations::ProjectStatusFigures {
                project_id: self.id.0.clone(),
            },
        )
        .await?;
        figures.map(ProjectFigures::from_answer).transpose()
    }
}

/// A project's contract terms, as given.
#[derive(InputObject)]
pub struct ContractInput {
    contract_type: ContractType,
    /// The contract sum excluding VAT.
    contract_value: Rand,
    /// 0–20, e.g. "10".
    retention_percent: Decimal,
    /// e.g. "5": retention stops at 5% of the varied contract value; none: no cap.
    retention_cap_percent: Option<Decimal>,
    /// The share of retention released at practical completion; "50" when not given.
    release_at_practical_percent: Option<Decimal>,
    planned_completion_on: Option<NaiveDate>,
}

impl From<ContractInput> for ContractCommand {
    fn from(input: ContractInput) -> Self {
        ContractCommand {
            contract_type: input.contract_type.into(),
            contract_value: input.contract_value.0,
            retention_percent: input.retention_percent.0,
            retention_cap_percent: input.retention_cap_percent.map(|d| d.0),
            release_at_practical_percent: input.release_at_practical_percent.map(|d| d.0),
            planned_completion_on: input.planned_completion_on,
        }
    }
}

#[derive(InputObject)]
pub struct CreateProjectInput {
    /// 3–20 letters, digits and dashes, kept in capitals; unique (a code already taken
    /// is refused).
    code: String,
    name: String,
    customer_account_id: Option<ID>,
    site_id: String,
    site_name: String,
    starts_on: Option<NaiveDate>,
    /// TENDER or AWARDED (the default).
    status: Option<ProjectStatus>,
    /// The contract terms, when known at opening.
    contract: Option<ContractInput>,
}

/// A project command was accepted.
#[derive(SimpleObject)]
pub struct ProjectChanged {
    id: ID,
    correlation_id: String,
}

impl ProjectChanged {
    pub(super) fn new(ctx: &Context<'_>, id: String) -> Self {
        Self {
            id: ID(id),
            correlation_id: request_id(ctx),
        }
    }
}

#[derive(Default)]
pub struct ProjectsQuery;

#[Object]
impl ProjectsQuery {
    /// Projects by code: all of them with `orders.projects.read`, otherwise those you
    /// are assigned to (directly or through a site).
    async fn projects(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Project>> {
        let rows = ask(ctx, Projects).await?;
        rows.into_iter().map(Project::from_row).collect()
    }

    /// One project, under the same rule.
    async fn project(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Project>> {
        let row = ask(ctx, operations::Project { id: id.0 }).await?;
        row.map(Project::from_row).transpose()
    }
}

#[derive(Default)]
pub struct ProjectsMutation;

#[Object]
impl ProjectsMutation {
    /// Opens a project, at tender or awarded, with its contract when known.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        input: CreateProjectInput,
    ) -> async_graphql::Result<ProjectChanged> {
        let command = CreateProjectCommand {
            code: input.code,
            name: input.name,
            customer_account_id: input.customer_account_id.map(|id| id.0),
            site_id: input.site_id,
            site_name: input.site_name,
            starts_on: input.starts_on,
            status: input.status.map(Into::into),
            contract: input.contract.map(Into::into),
        };
        let id = ask(ctx, command).await?;
        Ok(ProjectChanged::new(ctx, id))
    }

    /// Moves a project through its life cycle. At practical completion the contract's
    /// share of the retention held is released (a tax invoice in finance), at final
    /// completion the rest.
    async fn change_project_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: ProjectStatus,
        reason: Option<String>,
        #[graphql(desc = "The day of the change; today (UTC) when not given.")] date: Option<
            NaiveDate,
        >,
    ) -> async_graphql::Result<ProjectChanged> {
        let change = ChangeProjectStatus {
            id: id.0.clone(),
            status: status.into(),
            reason,
            date,
        };
        ask(ctx, change).await?;
        Ok(ProjectChanged::new(ctx, id.0))
    }

    /// Agrees (or corrects) the contract terms, before work starts.
    async fn set_project_contract(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        contract: ContractInput,
    ) -> async_graphql::Result<ProjectChanged> {
        let op = operations::SetProjectContract {
            project_id: project_id.0.clone(),
            contract: contract.into(),
        };
        ask(ctx, op).await?;
        Ok(ProjectChanged::new(ctx, project_id.0))
    }
}
