//! HR in the schema: employee records (everyone's for HR and payroll, their own for every
//! member of staff; sensitive fields for HR only), leave, timesheets and payroll.

mod coida;
mod employees;
mod enums;
mod leave;
mod pay_runs;
mod payroll;
mod timesheets;

use async_graphql::MergedObject;
use constructos_commands::hr::{
    CancelLeaveInput, DecideLeaveInput, HireEmployeeInput, OpenPayRunInput, RequestLeaveInput,
    SetProfileInput, SubmitTimesheetInput,
};
use constructos_domain::access::Access;
use constructos_services::hr::{
    ApprovePayRun, CalculatePayRun, CoidaAssessment, DecideTimesheet, Emp201, Employee, Employees,
    LeaveBalances, LeaveRequests, MarkPayRunPaid, PayRunWhatIf, PayRuns, PayeCalculation, Payslips,
    PublicHolidays, ReversePayRun, TerminateEmployment, Timesheets,
};
use constructos_services::Operation;

/// HR's query fields.
#[derive(MergedObject, Default)]
pub struct HrQuery(
    employees::EmployeesQuery,
    payroll::PayrollQuery,
    leave::LeaveQuery,
    timesheets::TimesheetsQuery,
    pay_runs::PayRunsQuery,
    coida::CoidaQuery,
);

/// HR's mutations.
#[derive(MergedObject, Default)]
pub struct HrMutation(
    employees::EmployeesMutation,
    leave::LeaveMutation,
    timesheets::TimesheetsMutation,
    pay_runs::PayRunsMutation,
);

/// What each of HR's root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.employees", Employees::ACCESS),
    ("Query.employee", Employee::ACCESS),
    ("Mutation.hireEmployee", HireEmployeeInput::ACCESS),
    ("Mutation.terminateEmployment", TerminateEmployment::ACCESS),
    ("Query.payeCalculation", PayeCalculation::ACCESS),
    ("Query.publicHolidays", PublicHolidays::ACCESS),
    ("Mutation.setEmployeeProfile", SetProfileInput::ACCESS),
    ("Query.leaveRequests", LeaveRequests::ACCESS),
    ("Query.leaveBalances", LeaveBalances::ACCESS),
    ("Mutation.requestLeave", RequestLeaveInput::ACCESS),
    ("Mutation.decideLeave", DecideLeaveInput::ACCESS),
    ("Mutation.cancelLeave", CancelLeaveInput::ACCESS),
    ("Query.timesheets", Timesheets::ACCESS),
    ("Query.timesheet", Timesheets::ACCESS),
    ("Mutation.submitTimesheet", SubmitTimesheetInput::ACCESS),
    ("Mutation.decideTimesheet", DecideTimesheet::ACCESS),
    ("Query.payRuns", PayRuns::ACCESS),
    ("Query.payRun", PayRuns::ACCESS),
    ("Query.payslips", Payslips::ACCESS),
    ("Query.emp201", Emp201::ACCESS),
    ("Query.coidaEstimate", CoidaAssessment::ACCESS),
    ("Query.payRunWhatIf", PayRunWhatIf::ACCESS),
    ("Mutation.openPayRun", OpenPayRunInput::ACCESS),
    ("Mutation.calculatePayRun", CalculatePayRun::ACCESS),
    ("Mutation.approvePayRun", ApprovePayRun::ACCESS),
    ("Mutation.markPayRunPaid", MarkPayRunPaid::ACCESS),
    ("Mutation.reversePayRun", ReversePayRun::ACCESS),
];
