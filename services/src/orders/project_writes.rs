//! The operations that change a project's contract, bill of quantities, work breakdown,
//! variations, claims and retention. Each is refused as `NOT_FOUND` for a project
//! outside the caller's scope, exactly as a read of it would be.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::orders::{BoqLineInput, ClaimLineInput, ContractInput, WorkItemInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::finance::Rand;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::OrdersService;
use crate::{Call, Handle, Operation};

/// Declares a project write: its struct, operation and handler. `$op` names the struct,
/// `$name` the wire name, `$permission` what it needs, and `$run` the command call with
/// the service, context and operation bound.
macro_rules! project_write {
    (
        $(#[$doc:meta])*
        $op:ident $name:literal needs $permission:ident answers $answer:ty {
            $($field:ident : $ty:ty),* $(,)?
        }
        |$svc:ident, $ctx:ident, $o:ident| $run:expr
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize, Deserialize)]
        pub struct $op {
            pub project_id: String,
            $(pub $field: $ty,)*
        }

        impl Operation for $op {
            type Service = OrdersService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = Access::Requires(Permission::$permission);
        }

        #[async_trait]
        impl Handle<$op> for OrdersService {
            async fn handle(&self, call: &Call, $o: $op) -> Result<$answer, CommandError> {
                let $ctx = &call.context;
                self.require_project_in_scope($ctx, &$o.project_id).await?;
                let $svc = &self.commands;
                $run
            }
        }
    };
}

project_write! {
    /// Agrees the contract terms, before work starts.
    SetProjectContract "set_project_contract" needs ProjectsWrite answers () { contract: ContractInput }
    |c, ctx, op| c.set_contract(ctx, &op.project_id, op.contract).await
}

project_write! {
    /// Replaces the bill of quantities, before the first claim.
    SetBillOfQuantities "set_bill_of_quantities" needs ProjectsWrite answers () { lines: Vec<BoqLineInput> }
    |c, ctx, op| c.set_bill_of_quantities(ctx, &op.project_id, op.lines).await
}

project_write! {
    /// Adds a phase or task to the work breakdown.
    AddWorkItem "add_work_item" needs ProjectsWrite answers () { item: WorkItemInput }
    |c, ctx, op| c.add_work_item(ctx, &op.project_id, op.item).await
}

project_write! {
    /// Records a task's progress.
    RecordWorkProgress "record_work_progress" needs ProjectsWrite answers () {
        code: String,
        percent_complete: Decimal,
        actual_start: Option<NaiveDate>,
        actual_finish: Option<NaiveDate>,
    }
    |c, ctx, op| c.record_work_progress(ctx, &op.project_id, &op.code, op.percent_complete, op.actual_start, op.actual_finish).await
}

project_write! {
    /// `successor` starts after `predecessor` finishes; a cycle is refused.
    AddWorkDependency "add_work_dependency" needs ProjectsWrite answers () { predecessor: String, successor: String }
    |c, ctx, op| c.add_work_dependency(ctx, &op.project_id, &op.predecessor, &op.successor).await
}

project_write! {
    /// Proposes a variation order (an addition, or a negative omission).
    ProposeVariation "propose_variation" needs ProjectsWrite answers () {
        description: String,
        amount: Rand,
        cost_code: Option<String>,
    }
    |c, ctx, op| c.propose_variation(ctx, &op.project_id, &op.description, op.amount, op.cost_code.as_deref()).await
}

project_write! {
    /// Approves a proposed variation: the contract value changes.
    ApproveVariation "approve_variation" needs ProjectsWrite answers () { number: String }
    |c, ctx, op| c.decide_variation(ctx, &op.project_id, &op.number, None).await
}

project_write! {
    /// Rejects a proposed variation.
    RejectVariation "reject_variation" needs ProjectsWrite answers () { number: String, reason: String }
    |c, ctx, op| c.decide_variation(ctx, &op.project_id, &op.number, Some(&op.reason)).await
}

project_write! {
    /// Submits the next progress claim; answers its id.
    SubmitProgressClaim "submit_progress_claim" needs ClaimsWrite answers String {
        period_end: NaiveDate,
        lines: Vec<ClaimLineInput>,
    }
    |c, ctx, op| c.submit_claim(ctx, &op.project_id, op.period_end, op.lines).await
}

project_write! {
    /// Approves the open claim: finance raises the customer's tax invoice.
    ApproveProgressClaim "approve_progress_claim" needs ClaimsApprove answers () { claim_id: String, date: NaiveDate }
    |c, ctx, op| c.approve_claim(ctx, &op.project_id, &op.claim_id, op.date).await
}

project_write! {
    /// Rejects the open claim.
    RejectProgressClaim "reject_progress_claim" needs ClaimsApprove answers () { claim_id: String, reason: String }
    |c, ctx, op| c.reject_claim(ctx, &op.project_id, &op.claim_id, &op.reason).await
}

project_write! {
    /// Releases retention by hand, from practical completion on.
    ReleaseRetention "release_project_retention" needs ClaimsApprove answers () { amount: Rand, date: NaiveDate }
    |c, ctx, op| c.release_retention(ctx, &op.project_id, op.amount, op.date).await
}

project_write! {
    /// The figures a claim with these lines would have now, recording nothing.
    PreviewProgressClaim "preview_progress_claim" needs ClaimsWrite answers constructos_domain::orders::ClaimFigures {
        lines: Vec<ClaimLineInput>,
    }
    |c, ctx, op| c.preview_claim(ctx, &op.project_id, op.lines).await
}
