//! HR in the schema: employee records, everyone's for HR and payroll and their own for
//! every member of staff (the HR service filters the rows).

mod employees;
mod payroll;

use async_graphql::MergedObject;
use constructos_commands::hr::HireEmployeeInput;
use constructos_domain::access::Access;
use constructos_services::hr::{
    Employee, Employees, PayeCalculation, PublicHolidays, TerminateEmployment,
};
use constructos_services::Operation;

/// HR's query fields.
#[derive(MergedObject, Default)]
pub struct HrQuery(employees::EmployeesQuery, payroll::PayrollQuery);

/// HR's mutations.
#[derive(MergedObject, Default)]
pub struct HrMutation(employees::EmployeesMutation);

/// What each of HR's root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.employees", Employees::ACCESS),
    ("Query.employee", Employee::ACCESS),
    ("Mutation.hireEmployee", HireEmployeeInput::ACCESS),
    ("Mutation.terminateEmployment", TerminateEmployment::ACCESS),
    ("Query.payeCalculation", PayeCalculation::ACCESS),
    ("Query.publicHolidays", PublicHolidays::ACCESS),
];
