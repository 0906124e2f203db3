//! HR's enums in the schema, mirroring the domain's (`remote`), so the two cannot drift.

use async_graphql::Enum;
use constructos_domain::hr::leave::AnnualLeaveBasis as DomainBasis;
use constructos_domain::hr::leave_book::{
    LeaveKind as DomainKind, LeaveStatus as DomainLeaveStatus,
};
use constructos_domain::hr::payroll::pay_run::PayRunStatus as DomainRunStatus;
use constructos_domain::hr::profile::{
    BankAccountType as DomainBank, EmploymentType as DomainType, PayFrequency as DomainFrequency,
};
use constructos_domain::hr::timesheet::TimesheetStatus as DomainSheetStatus;

/// How someone is employed.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainType")]
pub enum EmploymentType {
    /// Without an end date, paid monthly.
    Permanent,
    /// To an end date, paid monthly.
    FixedTerm,
    /// Site labour paid weekly for the hours on approved timesheets.
    WeeklySiteLabour,
}

/// How often a pay run pays.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainFrequency")]
pub enum PayFrequency {
    Monthly,
    Weekly,
}

/// The kind of a bank account.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainBank")]
pub enum BankAccountType {
    Cheque,
    Savings,
    Transmission,
}

/// How annual leave is earned (BCEA s 20).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainBasis")]
pub enum AnnualLeaveBasis {
    /// Three weeks of working days per annual cycle, accrued through it.
    PerCycle,
    /// One day for every 17 days worked.
    PerDaysWorked,
}

/// A kind of leave.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainKind")]
pub enum LeaveKind {
    Annual,
    Sick,
    FamilyResponsibility,
    Maternity,
    Unpaid,
}

/// Where a leave request stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainLeaveStatus")]
pub enum LeaveStatus {
    Pending,
    Approved,
    Declined,
    Cancelled,
}

/// Where a timesheet stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainSheetStatus")]
pub enum TimesheetStatus {
    New,
    Submitted,
    Approved,
    Rejected,
}

/// Where a pay run stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainRunStatus")]
pub enum PayRunStatus {
    New,
    Draft,
    Calculated,
    Approved,
    Paid,
    Reversed,
}

/// A read model's wire name as the domain enum, then the schema's.
pub fn parsed<D: serde::de::DeserializeOwned, T: From<D>>(name: &str) -> Option<T> {
    serde_json::from_value::<D>(serde_json::Value::String(name.to_string()))
        .ok()
        .map(T::from)
}
