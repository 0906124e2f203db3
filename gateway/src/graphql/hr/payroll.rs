//! Payroll in the schema: the PAYE calculator payroll officers check a figure with — the
//! same function the pay run uses — and the public holidays leave and overtime count by.

use async_graphql::{Context, Object, SimpleObject};
use chrono::NaiveDate;
use constructos_services::hr::{PayeCalculation, PublicHolidays};

use crate::graphql::errors::{ask, error, ErrorCode};
use crate::graphql::rand::Rand;

/// A month's PAYE, UIF and SDL for regular remuneration.
#[derive(SimpleObject)]
pub struct PayeAnswer {
    /// The tax year of the pay date, named by the February it ends in.
    tax_year: i32,
    /// Where the table's figures come from.
    table_source: String,
    /// The month's remuneration × 12.
    annual_equivalent: Rand,
    /// The year's tax on it after the rebates for the age.
    annual_tax: Rand,
    /// Medical scheme fees tax credits for the month.
    medical_credits: Rand,
    paye: Rand,
    uif_employee: Rand,
    uif_employer: Rand,
    /// As for an employer whose annual payroll exceeds R500 000.
    sdl: Rand,
}

/// A public holiday.
#[derive(SimpleObject)]
pub struct PublicHoliday {
    date: NaiveDate,
    name: String,
    /// The Monday after a holiday that fell on a Sunday.
    observed: bool,
}

#[derive(Default)]
pub struct PayrollQuery;

#[Object]
impl PayrollQuery {
    /// South Africa's public holidays of `year`, in date order, with the Mondays
    /// observed for holidays that fell on a Sunday.
    async fn public_holidays(
        &self,
        ctx: &Context<'_>,
        year: i32,
    ) -> async_graphql::Result<Vec<PublicHoliday>> {
        let days = ask(ctx, PublicHolidays { year }).await?;
        Ok(days
            .into_iter()
            .map(|h| PublicHoliday {
                date: h.date,
                name: h.name,
                observed: h.observed,
            })
            .collect())
    }

    /// A month's PAYE (SARS's annual equivalent method for the tax year of `payDate`),
    /// UIF (employee and employer, 1% each up to the ceiling) and SDL (1%), for
    /// `monthlyRemuneration` at `age` (on the last day of the tax year), with
    /// `medicalMembers` on a medical scheme (0: none).
    async fn paye_calculation(
        &self,
        ctx: &Context<'_>,
        pay_date: NaiveDate,
        monthly_remuneration: Rand,
        age: i32,
        #[graphql(default = 0)] medical_members: i32,
    ) -> async_graphql::Result<PayeAnswer> {
        let non_negative = |field: &str, value: i32| {
            u32::try_from(value).map_err(|_| {
                error(
                    ErrorCode::BadUserInput,
                    format!("{field}: {value} is not nought or more"),
                )
            })
        };
        let op = PayeCalculation {
            pay_date,
            monthly_remuneration: monthly_remuneration.0,
            age: non_negative("age", age)?,
            medical_members: non_negative("medicalMembers", medical_members)?,
        };
        let d = ask(ctx, op).await?;
        Ok(PayeAnswer {
            tax_year: d.tax_year,
            table_source: d.table_source,
            annual_equivalent: Rand(d.annual_equivalent),
            annual_tax: Rand(d.annual_tax),
            medical_credits: Rand(d.medical_credits),
            paye: Rand(d.paye),
            uif_employee: Rand(d.uif_employee),
            uif_employer: Rand(d.uif_employer),
            sdl: Rand(d.sdl),
        })
    }
}
