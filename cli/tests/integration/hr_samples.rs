//! One sample of every HR event beyond hiring and termination (profiles, leave books,
//! timesheets, pay runs), for the contract test (`contracts.rs`); each list's match
//! fails to compile when a variant is added.

use chrono::NaiveDate;
use constructos_domain::finance::Rand;
use constructos_domain::hr::leave::AnnualLeaveBasis;
use constructos_domain::hr::leave_book::{LeaveEvent, LeaveKind};
use constructos_domain::hr::payroll::pay_run::{CostAllocation, Earning, PayRunTotals, Payslip};
use constructos_domain::hr::payroll::PayRunEvent;
use constructos_domain::hr::profile::{
    Allocation, BankAccount, BankAccountType, Identification, PayFrequency,
};
use constructos_domain::hr::timesheet::{ClassifiedEntry, CostedLine, TimesheetEvent};
use constructos_domain::hr::{EmployeeEvent, EmployeeProfile, EmploymentType};
use rust_decimal::Decimal;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn dec(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Profiles: an identity number with a bank account and an allocation; a passport
/// holder on site labour without either.
pub fn profile_samples() -> Vec<EmployeeEvent> {
    vec![
        EmployeeEvent::EmployeeProfileSet {
            profile: EmployeeProfile {
                identification: Identification::IdNumber {
                    number: "8001015009087".into(),
                },
                date_of_birth: day(1980, 1, 1),
                tax_number: Some("0123456789".into()),
                bank_account: Some(BankAccount {
                    bank: "FNB".into(),
                    branch_code: "250655".into(),
                    account_number: "62123456789".into(),
                    account_type: BankAccountType::Cheque,
                }),
                employment_type: EmploymentType::Permanent,
                contract_ends: None,
                trade: Some("Site agent".into()),
                pay_rate: Rand::cents(3_000_000),
                cost_rate: Rand::cents(25_000),
                days_per_week: 5,
                leave_basis: AnnualLeaveBasis::PerCycle,
                line_manager_id: Some("0190c7a2-5d1e-7b3a-9f00-000000000001".into()),
                allocation: Some(Allocation {
                    project_id: "0190c7a2-5d1e-7b3a-9f00-0000000000aa".into(),
                    cost_code: "SUPERVISION".into(),
                }),
                medical_members: 2,
            },
        },
        EmployeeEvent::EmployeeProfileSet {
            profile: EmployeeProfile {
                identification: Identification::Passport {
                    number: "FN123456".into(),
                    country: "Zimbabwe".into(),
                },
                date_of_birth: day(1992, 6, 16),
                tax_number: None,
                bank_account: None,
                employment_type: EmploymentType::WeeklySiteLabour,
                contract_ends: None,
                trade: None,
                pay_rate: Rand::cents(4_500),
                cost_rate: Rand::cents(8_000),
                days_per_week: 6,
                leave_basis: AnnualLeaveBasis::PerDaysWorked,
                line_manager_id: None,
                allocation: None,
                medical_members: 0,
            },
        },
    ]
}

/// Every leave-book event.
pub fn leave_samples() -> Vec<LeaveEvent> {
    let samples = vec![
        LeaveEvent::LeaveRequested {
            request_id: "0190c7a2-5d1e-7b3a-9f00-0000000000b1".into(),
            kind: LeaveKind::FamilyResponsibility,
            from: day(2026, 2, 2),
            to: day(2026, 2, 3),
            days: Decimal::from(2),
            reason: "Child in hospital".into(),
        },
        LeaveEvent::LeaveApproved {
            request_id: "0190c7a2-5d1e-7b3a-9f00-0000000000b1".into(),
            by: "Kagiso Projects".into(),
        },
        LeaveEvent::LeaveDeclined {
            request_id: "0190c7a2-5d1e-7b3a-9f00-0000000000b2".into(),
            by: "Kagiso Projects".into(),
            reason: "The slab pour is that week".into(),
        },
        LeaveEvent::LeaveCancelled {
            request_id: "0190c7a2-5d1e-7b3a-9f00-0000000000b3".into(),
        },
    ];
    for sample in &samples {
        match sample {
            LeaveEvent::LeaveRequested { .. }
            | LeaveEvent::LeaveApproved { .. }
            | LeaveEvent::LeaveDeclined { .. }
            | LeaveEvent::LeaveCancelled { .. } => {}
        }
    }
    samples
}

/// Every timesheet event.
pub fn timesheet_samples() -> Vec<TimesheetEvent> {
    let samples = vec![
        TimesheetEvent::TimesheetSubmitted {
            employee_id: "e-1".into(),
            week_starting: day(2026, 2, 2),
            entries: vec![ClassifiedEntry {
                day: day(2026, 2, 2),
                project_id: "p-1".into(),
                cost_code: "BRICKWORK".into(),
                ordinary: Decimal::from(9),
                overtime: Decimal::from(1),
                double: Decimal::ZERO,
            }],
            cost_rate: Rand::cents(8_000),
            pay_rate: Some(Rand::cents(4_500)),
        },
        TimesheetEvent::TimesheetApproved {
            employee_id: "e-1".into(),
            week_starting: day(2026, 2, 2),
            by: "Sipho Site".into(),
            lines: vec![CostedLine {
                project_id: "p-1".into(),
                cost_code: "BRICKWORK".into(),
                ordinary_hours: Decimal::from(9),
                overtime_hours: Decimal::from(1),
                double_hours: Decimal::ZERO,
                cost: dec(84_000),
            }],
            total_cost: dec(84_000),
            gross_pay: Some(dec(47_250)),
        },
        TimesheetEvent::TimesheetRejected {
            by: "Sipho Site".into(),
            reason: "Tuesday's hours are on the wrong project".into(),
        },
    ];
    for sample in &samples {
        match sample {
            TimesheetEvent::TimesheetSubmitted { .. }
            | TimesheetEvent::TimesheetApproved { .. }
            | TimesheetEvent::TimesheetRejected { .. } => {}
        }
    }
    samples
}

/// Every pay-run event.
pub fn pay_run_samples() -> Vec<PayRunEvent> {
    let payslip = Payslip {
        employee_id: "e-1".into(),
        employee_number: "EMP-0042".into(),
        name: "Thandi Mokoena".into(),
        tax_number: Some("0123456789".into()),
        age: 46,
        medical_members: 0,
        earnings: vec![Earning {
            description: "Salary".into(),
            amount: dec(3_000_000),
            project_id: Some("p-1".into()),
            cost_code: Some("SUPERVISION".into()),
        }],
        gross: dec(3_000_000),
        tax_year: 2026,
        annual_equivalent: dec(36_000_000),
        medical_credits: Decimal::ZERO,
        paye: dec(478_308),
        uif_employee: dec(17_712),
        uif_employer: dec(17_712),
        sdl: dec(30_000),
        net: dec(2_503_980),
    };
    let totals = PayRunTotals::of(std::slice::from_ref(&payslip));
    let allocations = vec![CostAllocation {
        project_id: Some("p-1".into()),
        cost_code: Some("SUPERVISION".into()),
        gross: dec(3_000_000),
    }];
    let samples = vec![
        PayRunEvent::PayRunOpened {
            frequency: PayFrequency::Monthly,
            period_start: day(2026, 2, 1),
            period_end: day(2026, 2, 28),
            pay_date: day(2026, 2, 25),
        },
        PayRunEvent::PayRunCalculated {
            by: "payroll".into(),
            payslips: vec![payslip],
            totals: totals.clone(),
        },
        PayRunEvent::PayRunApproved {
            by: "hr".into(),
            pay_date: day(2026, 2, 25),
            totals: totals.clone(),
            allocations: allocations.clone(),
        },
        PayRunEvent::PayRunPaid {
            on: day(2026, 2, 25),
            net: dec(2_503_980),
        },
        PayRunEvent::PayRunReversed {
            by: "hr".into(),
            reason: "The salary was entered as the annual figure".into(),
            pay_date: day(2026, 2, 25),
            totals,
            allocations,
        },
    ];
    for sample in &samples {
        match sample {
            PayRunEvent::PayRunOpened { .. }
            | PayRunEvent::PayRunCalculated { .. }
            | PayRunEvent::PayRunApproved { .. }
            | PayRunEvent::PayRunPaid { .. }
            | PayRunEvent::PayRunReversed { .. } => {}
        }
    }
    samples
}
