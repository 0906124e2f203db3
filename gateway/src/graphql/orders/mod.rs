//! Orders in the schema: projects — with their contract, bill of quantities, work
//! breakdown, variations, progress claims and retention — every one for head office
//! and only their own for those on site (the orders service filters the rows).

mod claims;
mod details;
mod projects;

use async_graphql::MergedObject;
use constructos_commands::orders::CreateProjectInput;
use constructos_domain::access::Access;
use constructos_services::orders::{
    AddWorkDependency, AddWorkItem, ApproveProgressClaim, ApproveVariation, ChangeProjectStatus,
    PreviewProgressClaim, Project, Projects, ProposeVariation, RecordWorkProgress,
    RejectProgressClaim, RejectVariation, ReleaseRetention, SetBillOfQuantities,
    SetProjectContract, SubmitProgressClaim,
};
use constructos_services::Operation;

/// Orders' query fields.
#[derive(MergedObject, Default)]
pub struct OrdersQuery(projects::ProjectsQuery, claims::ClaimsQuery);

/// Orders' mutations.
#[derive(MergedObject, Default)]
pub struct OrdersMutation(projects::ProjectsMutation, claims::ClaimsMutation);

/// What each of orders' root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.projects", Projects::ACCESS),
    ("Query.project", Project::ACCESS),
    ("Query.previewProgressClaim", PreviewProgressClaim::ACCESS),
    ("Mutation.createProject", CreateProjectInput::ACCESS),
    ("Mutation.changeProjectStatus", ChangeProjectStatus::ACCESS),
    ("Mutation.setProjectContract", SetProjectContract::ACCESS),
    ("Mutation.setBillOfQuantities", SetBillOfQuantities::ACCESS),
    ("Mutation.addWorkItem", AddWorkItem::ACCESS),
    ("Mutation.recordWorkProgress", RecordWorkProgress::ACCESS),
    ("Mutation.addWorkDependency", AddWorkDependency::ACCESS),
    ("Mutation.proposeVariation", ProposeVariation::ACCESS),
    ("Mutation.approveVariation", ApproveVariation::ACCESS),
    ("Mutation.rejectVariation", RejectVariation::ACCESS),
    ("Mutation.submitProgressClaim", SubmitProgressClaim::ACCESS),
    (
        "Mutation.approveProgressClaim",
        ApproveProgressClaim::ACCESS,
    ),
    ("Mutation.rejectProgressClaim", RejectProgressClaim::ACCESS),
    ("Mutation.releaseProjectRetention", ReleaseRetention::ACCESS),
];
