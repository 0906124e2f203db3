//! Compliance in the schema: safety inspections and corrective actions, incidents with
//! the LTIFR, and the ticket desk with SLA clocks.

mod enums;
mod incidents;
mod inspections;
mod tickets;

use async_graphql::MergedObject;
use constructos_commands::compliance::{
    InvestigateIncidentInput, OpenTicketInput, RaiseActionInput, RecordItemInput,
    ReportIncidentInput, StartInspectionInput,
};
use constructos_domain::access::Access;
use constructos_services::compliance::{
    CloseIncident, CommentOnTicket, CompleteInspection, CorrectiveActions, IncidentRates,
    Incidents, InspectionById, InspectionTemplates, Inspections, StepTicket, SubmitEvidence,
    TicketById, Tickets, VerifyAction,
};
use constructos_services::Operation;

/// Compliance's query fields.
#[derive(MergedObject, Default)]
pub struct ComplianceQuery(
    inspections::InspectionsQuery,
    incidents::IncidentsQuery,
    tickets::TicketsQuery,
);

/// Compliance's mutations.
#[derive(MergedObject, Default)]
pub struct ComplianceMutation(
    inspections::InspectionsMutation,
    incidents::IncidentsMutation,
    tickets::TicketsMutation,
);

/// What each of compliance's root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.inspectionTemplates", InspectionTemplates::ACCESS),
    ("Query.inspections", Inspections::ACCESS),
    ("Query.inspection", InspectionById::ACCESS),
    ("Query.correctiveActions", CorrectiveActions::ACCESS),
    ("Mutation.startInspection", StartInspectionInput::ACCESS),
    ("Mutation.recordInspectionItem", RecordItemInput::ACCESS),
    ("Mutation.completeInspection", CompleteInspection::ACCESS),
    ("Mutation.raiseCorrectiveAction", RaiseActionInput::ACCESS),
    ("Mutation.submitActionEvidence", SubmitEvidence::ACCESS),
    ("Mutation.verifyCorrectiveAction", VerifyAction::ACCESS),
    ("Query.incidents", Incidents::ACCESS),
    ("Query.incidentRates", IncidentRates::ACCESS),
    ("Mutation.reportIncident", ReportIncidentInput::ACCESS),
    (
        "Mutation.investigateIncident",
        InvestigateIncidentInput::ACCESS,
    ),
    ("Mutation.closeIncident", CloseIncident::ACCESS),
    ("Query.tickets", Tickets::ACCESS),
    ("Query.ticket", TicketById::ACCESS),
    ("Mutation.openTicket", OpenTicketInput::ACCESS),
    ("Mutation.commentOnTicket", CommentOnTicket::ACCESS),
    ("Mutation.assignTicket", StepTicket::ACCESS),
    ("Mutation.pendTicket", StepTicket::ACCESS),
    ("Mutation.resolveTicket", StepTicket::ACCESS),
    ("Mutation.closeTicket", StepTicket::ACCESS),
    ("Mutation.reopenTicket", StepTicket::ACCESS),
];
