//! The compliance read models: inspections (items, findings, corrective actions),
//! incidents with the hours worked per project, and tickets with their comments.

mod hours;
mod projection;
mod queries;

pub use hours::HoursProjection;
pub use projection::ComplianceProjection;
pub use queries::{
    ActionRow, ComplianceQueries, IncidentRateRow, IncidentRow, InspectionItemRow, InspectionRow,
    TicketCommentRow, TicketRow,
};
