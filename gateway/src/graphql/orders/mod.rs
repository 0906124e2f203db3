//! Orders in the schema: projects, every one for head office and only their own for
//! those on site (the orders service filters the rows).

mod projects;

use async_graphql::MergedObject;
use constructos_commands::orders::CreateProjectInput;
use constructos_domain::access::Access;
use constructos_services::orders::{ChangeProjectStatus, Project, Projects};
use constructos_services::Operation;

/// Orders' query fields.
#[derive(MergedObject, Default)]
pub struct OrdersQuery(projects::ProjectsQuery);

/// Orders' mutations.
#[derive(MergedObject, Default)]
pub struct OrdersMutation(projects::ProjectsMutation);

/// What each of orders' root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.projects", Projects::ACCESS),
    ("Query.project", Project::ACCESS),
    ("Mutation.createProject", CreateProjectInput::ACCESS),
    ("Mutation.changeProjectStatus", ChangeProjectStatus::ACCESS),
];
