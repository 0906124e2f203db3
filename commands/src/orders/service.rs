//! The orders command service: permission check, values parsed, then the project
//! aggregate decides.

use std::sync::Arc;

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::finance::Rand;
use constructos_domain::orders::{
    check_customer, ClaimFigures, CustomerSnapshot, OrdersError, Project, ProjectCommand,
    ProjectStatus,
};
use constructos_domain::values::{BusinessDate, Code, Name, Reason};
use cqrs_es::AggregateError;
use sqlx::PgPool;

use super::inputs::{project_id, status_reason, CreateProjectInput};
use super::project_inputs::{
    bill, refused, work_to_date, BoqLineInput, ClaimLineInput, ContractInput, WorkItemInput,
};
use super::references::KnownAccounts;
use crate::execute::{execute, Aggregates};
use crate::{CommandContext, CommandError};
use constructos_infra::event_store::Store;

/// Executes orders commands against the orders event store.
#[derive(Clone)]
pub struct OrdersCommands {
    projects: Arc<Aggregates<Project>>,
    /// Orders' copy of identity's accounts: what a project's customer may be.
    accounts: KnownAccounts,
}

impl OrdersCommands {
    /// Command handling over the orders database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            projects: Arc::new(Aggregates::new(&Store::new(pool.clone()), ())),
            accounts: KnownAccounts::new(pool),
        }
    }

    /// Opens a project; returns its id, derived from its code — so a code already
    /// taken is refused by the project holding it. A customer, when named, must be a
    /// customer account orders knows from identity's events, not archived.
    pub async fn create_project(
        &self,
        ctx: &CommandContext,
        input: CreateProjectInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let customer = input.customer_account_id.clone();
        let (id, command) = input.command(Some(ctx.caller.user_id().to_string()))?;
        let customer = customer.as_deref().map(str::trim);
        if let Some(customer) = customer.filter(|c| !c.is_empty()) {
            let known = self.accounts.account(customer).await?;
            check_customer(customer, known.as_ref())
                .map_err(|e| CommandError::from(AggregateError::UserError(e)))?;
        }
        execute(&self.projects, ctx, &id, command).await?;
        Ok(id)
    }

    /// Moves a project through its life cycle; at practical and final completion the
    /// contract's share of the retention held is released to the customer.
    pub async fn change_project_status(
        &self,
        ctx: &CommandContext,
        project_id_given: &str,
        status: ProjectStatus,
        reason: Option<String>,
        date: NaiveDate,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::ProjectsWrite)?;
        let id = project_id(project_id_given)?;
        let reason = status_reason(reason.as_deref())?;
        let date = BusinessDate::parse("date", date)?;
        let customer = match status {
            ProjectStatus::PracticalCompletion | ProjectStatus::FinalCompletion => {
                self.customer_of(id.as_str()).await.ok()
            }
            _ => None,
        };
        let command = ProjectCommand::ChangeProjectStatus {
            status,
            reason,
            date,
            customer,
        };
        execute(&self.projects, ctx, id.as_str(), command).await
    }

    /// Agrees the contract terms, before work starts.
    pub async fn set_contract(
        &self,
        ctx: &CommandContext,
        project: &str,
        input: ContractInput,
    ) -> Result<(), CommandError> {
        let terms = input.terms("contract")?;
        self.project(
            ctx,
            Permission::ProjectsWrite,
            project,
            ProjectCommand::SetContract { terms },
        )
        .await
    }

    /// Replaces the bill of quantities, before the first claim.
    pub async fn set_bill_of_quantities(
        &self,
        ctx: &CommandContext,
        project: &str,
        lines: Vec<BoqLineInput>,
    ) -> Result<(), CommandError> {
        let lines = bill(lines)?;
        let command = ProjectCommand::SetBillOfQuantities { lines };
        self.project(ctx, Permission::ProjectsWrite, project, command)
            .await
    }

    /// Adds a phase or task to the work breakdown.
    pub async fn add_work_item(
        &self,
        ctx: &CommandContext,
        project: &str,
        input: WorkItemInput,
    ) -> Result<(), CommandError> {
        let item = input.item()?;
        self.project(
            ctx,
            Permission::ProjectsWrite,
            project,
            ProjectCommand::AddWorkItem { item },
        )
        .await
    }

    /// Records a task's progress.
    pub async fn record_work_progress(
        &self,
        ctx: &CommandContext,
        project: &str,
        code: &str,
        percent_complete: rust_decimal::Decimal,
        actual_start: Option<NaiveDate>,
        actual_finish: Option<NaiveDate>,
    ) -> Result<(), CommandError> {
        let command = ProjectCommand::RecordWorkProgress {
            code: Code::parse("code", code)?.into(),
            percent_complete,
            actual_start: BusinessDate::parse_optional("actualStart", actual_start)?,
            actual_finish: BusinessDate::parse_optional("actualFinish", actual_finish)?,
        };
        self.project(ctx, Permission::ProjectsWrite, project, command)
            .await
    }

    /// `successor` starts after `predecessor` finishes; a cycle is refused.
    pub async fn add_work_dependency(
        &self,
        ctx: &CommandContext,
        project: &str,
        predecessor: &str,
        successor: &str,
    ) -> Result<(), CommandError> {
        let command = ProjectCommand::AddWorkDependency {
            predecessor: Code::parse("predecessor", predecessor)?.into(),
            successor: Code::parse("successor", successor)?.into(),
        };
        self.project(ctx, Permission::ProjectsWrite, project, command)
            .await
    }

    /// Proposes a variation order; answers nothing (its number is in the read model).
    pub async fn propose_variation(
        &self,
        ctx: &CommandContext,
        project: &str,
        description: &str,
        amount: Rand,
        cost_code: Option<&str>,
    ) -> Result<(), CommandError> {
        let command = ProjectCommand::ProposeVariation {
            description: Name::parse("description", description)?,
            amount,
            cost_code: Code::parse_optional("costCode", cost_code)?,
        };
        self.project(ctx, Permission::ProjectsWrite, project, command)
            .await
    }

    /// Approves (`reason` none) or rejects a proposed variation.
    pub async fn decide_variation(
        &self,
        ctx: &CommandContext,
        project: &str,
        number: &str,
        rejection: Option<&str>,
    ) -> Result<(), CommandError> {
        let number = Code::parse("number", number)?.into_string();
        let command = match rejection {
            None => ProjectCommand::ApproveVariation { number },
            Some(reason) => ProjectCommand::RejectVariation {
                number,
                reason: Reason::parse("reason", reason)?,
            },
        };
        self.project(ctx, Permission::ProjectsWrite, project, command)
            .await
    }

    /// Submits the next progress claim; answers its id.
    pub async fn submit_claim(
        &self,
        ctx: &CommandContext,
        project: &str,
        period_end: NaiveDate,
        lines: Vec<ClaimLineInput>,
    ) -> Result<String, CommandError> {
        let command = ProjectCommand::SubmitClaim {
            period_end: BusinessDate::parse("periodEnd", period_end)?,
            work: work_to_date(lines)?,
        };
        self.project(ctx, Permission::ClaimsWrite, project, command)
            .await?;
        let stream = self.projects.load(project.trim()).await?;
        stream
            .aggregate
            .open_claim()
            .map(|claim| claim.claim_id.clone())
            .ok_or_else(|| CommandError::Internal("a submitted claim is not open".into()))
    }

    /// The figures a claim with `lines` would have now — the same arithmetic as
    /// [`OrdersCommands::submit_claim`], without recording anything.
    pub async fn preview_claim(
        &self,
        ctx: &CommandContext,
        project: &str,
        lines: Vec<ClaimLineInput>,
    ) -> Result<ClaimFigures, CommandError> {
        ctx.require(Permission::ClaimsWrite)?;
        let id = project_id(project)?;
        let work = work_to_date(lines)?;
        let stream = self.projects.load(id.as_str()).await?;
        if stream.sequence == 0 {
            return Err(refused(OrdersError::ProjectNotFound));
        }
        let basis = stream.aggregate.claim_basis().map_err(refused)?;
        basis
            .value(&work)
            .map_err(|e| refused(OrdersError::Claim(e)))
    }

    /// Approves the open claim `claim_id`: finance raises the tax invoice from the
    /// event, to the customer as orders knows it now.
    pub async fn approve_claim(
        &self,
        ctx: &CommandContext,
        project: &str,
        claim_id: &str,
        date: NaiveDate,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::ClaimsApprove)?;
        let id = project_id(project)?;
        let command = ProjectCommand::ApproveClaim {
            claim_id: claim_id.trim().to_string(),
            date: BusinessDate::parse("date", date)?,
            customer: self.customer_of(id.as_str()).await?,
        };
        self.project(ctx, Permission::ClaimsApprove, project, command)
            .await
    }

    /// Rejects the open claim `claim_id`.
    pub async fn reject_claim(
        &self,
        ctx: &CommandContext,
        project: &str,
        claim_id: &str,
        reason: &str,
    ) -> Result<(), CommandError> {
        let command = ProjectCommand::RejectClaim {
            claim_id: claim_id.trim().to_string(),
            reason: Reason::parse("reason", reason)?,
        };
        self.project(ctx, Permission::ClaimsApprove, project, command)
            .await
    }

    /// Releases `amount` of the retention held (from practical completion on).
    pub async fn release_retention(
        &self,
        ctx: &CommandContext,
        project: &str,
        amount: Rand,
        date: NaiveDate,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::ClaimsApprove)?;
        let id = project_id(project)?;
        let command = ProjectCommand::ReleaseRetention {
            amount,
            date: BusinessDate::parse("date", date)?,
            customer: self.customer_of(id.as_str()).await?,
        };
        self.project(ctx, Permission::ClaimsApprove, project, command)
            .await
    }

    /// One command to the project `project`, after `permission` is checked.
    async fn project(
        &self,
        ctx: &CommandContext,
        permission: Permission,
        project: &str,
        command: ProjectCommand,
    ) -> Result<(), CommandError> {
        ctx.require(permission)?;
        let id = project_id(project)?;
        execute(&self.projects, ctx, id.as_str(), command).await
    }

    /// The project's customer as a tax invoice shows it, from orders' copy of
    /// identity's accounts.
    async fn customer_of(&self, project: &str) -> Result<CustomerSnapshot, CommandError> {
        let stream = self.projects.load(project).await?;
        if stream.sequence == 0 {
            return Err(refused(OrdersError::ProjectNotFound));
        }
        let account = stream
            .aggregate
            .customer_account_id()
            .ok_or_else(|| refused(OrdersError::NoCustomer))?;
        self.accounts
            .snapshot(account)
            .await?
            .ok_or_else(|| refused(OrdersError::UnknownCustomer(account.to_string())))
    }
}
