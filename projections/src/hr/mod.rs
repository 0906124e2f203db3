//! The HR read models: employees with their profiles, leave requests, timesheets, pay
//! runs and payslips; and HR's copies of identity's user links and assignments.

mod leave;
mod links;
mod pay_runs;
mod projection;
mod queries;
mod timesheets;

pub use links::LinksProjection;
pub use projection::HrProjection;
pub use queries::{
    Emp201Row, EmployeeRow, HrQueries, LeaveFactsRow, LeaveRequestRow, PayRunRow, PayslipRow,
    TimesheetRow,
};
