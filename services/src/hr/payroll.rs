//! Payroll's operations: pay runs through their life cycle, their payslips (everyone's
//! for payroll, one's own for every employee), the EMP201 month, the COIDA assessment
//! estimate and the what-if.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::hr::{Calculation, OpenPayRunInput, WhatIfCorrection, WhatIfLine};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::hr::payroll::coida::{self, CoidaEstimate};
use constructos_domain::hr::HrError;
use constructos_projections::hr::{Emp201Row, PayRunRow, PayslipRow};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::HrService;
use crate::{Call, Handle, Operation};

const RUN: Access = Access::Requires(Permission::PayrollRun);
const APPROVE: Access = Access::Requires(Permission::PayrollApprove);
const READ: Access = Access::Requires(Permission::PayrollRead);

/// Declares a pay-run operation: its input, name, answer, access and handling.
macro_rules! pay_run_op {
    ($op:ty, $name:literal, $answer:ty, $access:expr, |$service:ident, $ctx:ident, $input:ident| $body:expr) => {
        impl Operation for $op {
            type Service = HrService;
            type Answer = $answer;
            const NAME: &'static str = $name;
            const ACCESS: Access = $access;
        }

        #[async_trait]
        impl Handle<$op> for HrService {
            async fn handle(&self, call: &Call, $input: $op) -> Result<$answer, CommandError> {
                let $service = self;
                let $ctx = &call.context;
                $ctx.permit($access)?;
                $body
            }
        }
    };
}

pay_run_op!(
    OpenPayRunInput,
    "open_pay_run",
    String,
    RUN,
    |s, ctx, op| s.commands.open_pay_run(ctx, op).await
);

/// Calculate (or recalculate) a draft run over everyone employed in its period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalculatePayRun {
    pub id: String,
}

pay_run_op!(
    CalculatePayRun,
    "calculate_pay_run",
    Calculation,
    RUN,
    |s, ctx, op| {
        // The period as stored: a run opened a moment ago is calculated at once.
        let Some((start, end)) = s.commands.pay_run(&op.id).await?.period() else {
            return Err(CommandError::NotFound("the pay run does not exist".into()));
        };
        let employees = s.queries.employed_between(start, end).await?;
        s.commands.calculate_pay_run(ctx, &op.id, employees).await
    }
);

/// Approve a calculated run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApprovePayRun {
    pub id: String,
}

pay_run_op!(
    ApprovePayRun,
    "approve_pay_run",
    (),
    APPROVE,
    |s, ctx, op| s.commands.approve_pay_run(ctx, &op.id).await
);

/// Record a run paid.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MarkPayRunPaid {
    pub id: String,
    pub on: NaiveDate,
}

pay_run_op!(
    MarkPayRunPaid,
    "mark_pay_run_paid",
    (),
    RUN,
    |s, ctx, op| s.commands.mark_pay_run_paid(ctx, &op.id, op.on).await
);

/// Reverse an approved or paid run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReversePayRun {
    pub id: String,
    pub reason: String,
}

pay_run_op!(
    ReversePayRun,
    "reverse_pay_run",
    (),
    APPROVE,
    |s, ctx, op| s.commands.reverse_pay_run(ctx, &op.id, &op.reason).await
);

/// Pay runs, latest first (or one).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PayRuns {
    pub id: Option<String>,
}

pay_run_op!(PayRuns, "pay_runs", Vec<PayRunRow>, READ, |s, _ctx, op| {
    Ok(s.queries.pay_runs(op.id.as_deref()).await?)
});

/// Payslips of a run or an employee: payroll sees all; everyone else only their own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payslips {
    pub pay_run_id: Option<String>,
    pub employee_id: Option<String>,
}

pay_run_op!(
    Payslips,
    "payslips",
    Vec<PayslipRow>,
    Access::AnyOf(&[Permission::PayrollRead, Permission::EmployeesReadOwn]),
    |s, ctx, op| {
        if ctx.caller.may(Permission::PayrollRead) {
            return Ok(s
                .queries
                .payslips(op.pay_run_id.as_deref(), op.employee_id.as_deref())
                .await?);
        }
        let Some(own) = s.acting_as(ctx).await? else {
            return Ok(Vec::new());
        };
        if op.employee_id.as_deref().is_some_and(|e| e != own) {
            return Ok(Vec::new());
        }
        Ok(s.queries
            .payslips(op.pay_run_id.as_deref(), Some(&own))
            .await?)
    }
);

/// The EMP201 figures of a calendar year's months.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Emp201 {
    pub year: i32,
}

pay_run_op!(Emp201, "emp201", Vec<Emp201Row>, READ, |s, _ctx, op| {
    Ok(s.queries.emp201(op.year).await?)
});

/// An approved run recalculated under another tax year's table or corrected facts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PayRunWhatIf {
    pub id: String,
    pub tax_year: i32,
    #[serde(default)]
    pub corrections: Vec<WhatIfCorrection>,
}

pay_run_op!(
    PayRunWhatIf,
    "pay_run_what_if",
    Vec<WhatIfLine>,
    READ,
    |s, ctx, op| {
        s.commands
            .pay_run_what_if(ctx, &op.id, op.tax_year, op.corrections)
            .await
    }
);

/// The COIDA assessment estimate of an assessment year (1 March to the end of
/// February, named by the February) from the approved and paid runs with a pay date in
/// it, at the employer's tariff from its notice of assessment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CoidaAssessment {
    pub year: i32,
    pub tariff_per_hundred: Decimal,
}

pay_run_op!(
    CoidaAssessment,
    "coida_assessment",
    CoidaEstimate,
    READ,
    |s, _ctx, op| {
        let year = coida::coida_year(op.year)
            .ok_or_else(|| CommandError::Rejected(HrError::NoCoidaYear(op.year).to_string()))?;
        let earnings = s
            .queries
            .earnings_between(year.starts_on, year.ends_on)
            .await?;
        coida::estimate(year, op.tariff_per_hundred, &earnings)
            .map_err(|e| CommandError::Rejected(e.to_string()))
    }
);
