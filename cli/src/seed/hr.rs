//! The demo staff and payroll: three employees with profiles (a site agent on a salary,
//! a quantity surveyor on a fixed term, a bricklayer paid weekly), a leave request
//! waiting for the site agent's decision, and the February 2026 monthly pay run
//! calculated by the demo payroll officer and approved by the demo HR manager — so the
//! payslips, EMP201 and the payroll journal in finance show real figures. February
//! 2026 because it is the last month whose SARS tables this build carries
//! (`docs/payroll.md`). Seeded once, through the command side.

use constructos_commands::hr::{
    HireEmployeeInput, HrCommands, OpenPayRunInput, RequestLeaveInput, SetProfileInput,
};
use constructos_domain::access::Role;
use constructos_domain::hr::leave::AnnualLeaveBasis;
use constructos_domain::hr::leave_book::LeaveKind;
use constructos_domain::hr::{EmploymentType, PayFrequency, EMPLOYEE_AGGREGATE};
use rust_decimal::Decimal;
use sqlx::PgPool;

use super::{acting_as, day, seed_context};

struct Person {
    number: &'static str,
    first: &'static str,
    last: &'static str,
    title: &'static str,
    id_number: &'static str,
    kind: EmploymentType,
    pay: Decimal,
    cost: Decimal,
    days: i64,
}

const fn rand(cents: i64) -> Decimal {
    Decimal::from_parts(cents as u32, 0, 0, false, 2)
}

const STAFF: [Person; 3] = [
    Person {
        number: "EMP-0101",
        first: "Lindiwe",
        last: "Khumalo",
        title: "Site Agent",
        id_number: "8001015009087",
        kind: EmploymentType::Permanent,
        pay: rand(3_850_000),
        cost: rand(32_000),
        days: 5,
    },
    Person {
        number: "EMP-0102",
        first: "Pieter",
        last: "van Wyk",
        title: "Quantity Surveyor",
        id_number: "8506235800081",
        kind: EmploymentType::FixedTerm,
        pay: rand(4_200_000),
        cost: rand(35_000),
        days: 5,
    },
    Person {
        number: "EMP-0103",
        first: "Themba",
        last: "Zulu",
        title: "Bricklayer",
        id_number: "9203125120080",
        kind: EmploymentType::WeeklySiteLabour,
        pay: rand(5_200),
        cost: rand(9_500),
        days: 6,
    },
];

/// Seeds the demo staff and the February 2026 pay run unless HR has employees;
/// answers the payslips the run holds.
pub async fn seed_hr(hr: &PgPool) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1")
        .bind(EMPLOYEE_AGGREGATE)
        .fetch_one(hr)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let commands = HrCommands::new(hr.clone());
    let hr_manager = acting_as("demo-hr-manager", "Demo HR manager", Role::HrManager);
    let mut ids = Vec::new();
    for p in &STAFF {
        let id = commands
            .hire_employee(
                &hr_manager,
                HireEmployeeInput {
                    employee_number: p.number.to_string(),
                    first_name: p.first.to_string(),
                    last_name: p.last.to_string(),
                    job_title: p.title.to_string(),
                    hired_on: day(2023, 3, 1)?,
                    site_id: Some("SITE-CPT-01".to_string()),
                },
            )
            .await?;
        ids.push(id);
    }
    for (p, id) in STAFF.iter().zip(&ids) {
        commands
            .set_profile(
                &hr_manager,
                SetProfileInput {
                    employee_id: id.clone(),
                    id_number: Some(p.id_number.to_string()),
                    passport_number: None,
                    passport_country: None,
                    date_of_birth: None,
                    tax_number: None,
                    bank_account: None,
                    employment_type: p.kind,
                    contract_ends: (p.kind == EmploymentType::FixedTerm)
                        .then(|| day(2027, 2, 28))
                        .transpose()?,
                    trade: (p.kind == EmploymentType::WeeklySiteLabour)
                        .then(|| "Bricklayer".to_string()),
                    pay_rate: p.pay,
                    cost_rate: p.cost,
                    days_per_week: p.days,
                    leave_basis: AnnualLeaveBasis::PerCycle,
                    line_manager_id: (p.number != STAFF[0].number).then(|| ids[0].clone()),
                    project_id: None,
                    cost_code: None,
                    medical_members: 0,
                },
            )
            .await?;
    }
    commands
        .request_leave(
            &hr_manager,
            None,
            RequestLeaveInput {
                employee_id: ids[1].clone(),
                kind: LeaveKind::Annual,
                from: day(2026, 2, 16)?,
                to: day(2026, 2, 20)?,
                reason: "Family holiday".to_string(),
            },
        )
        .await?;
    let officer = acting_as(
        "demo-payroll-officer",
        "Demo payroll officer",
        Role::PayrollOfficer,
    );
    let run = commands
        .open_pay_run(
            &officer,
            OpenPayRunInput {
                frequency: PayFrequency::Monthly,
                period_start: day(2026, 2, 1)?,
                period_end: day(2026, 2, 28)?,
                pay_date: day(2026, 2, 25)?,
            },
        )
        .await?;
    let calculated = commands.calculate_pay_run(&officer, &run, ids).await?;
    commands.approve_pay_run(&seed_context(), &run).await?;
    Ok(calculated.payslips as usize)
}
