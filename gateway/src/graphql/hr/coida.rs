//! The COIDA assessment estimate in the schema: a year's earnings by employee, capped at
//! the year's maximum, at the employer's tariff, never below the minimum assessment.

use crate::graphql::errors::ask;
use crate::graphql::finance::Decimal;
use crate::graphql::rand::Rand;
use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::NaiveDate;
use constructos_domain::hr::payroll::coida::CoidaEstimate as DomainEstimate;
use constructos_services::hr::CoidaAssessment;

/// One employee's earnings in the assessment year.
#[derive(SimpleObject)]
pub struct CoidaLine {
    employee_id: ID,
    name: String,
    earnings: Rand,
    /// The earnings up to the year's maximum.
    assessable: Rand,
}

/// What the Compensation Fund will assess for a year, estimated from the pay runs.
#[derive(SimpleObject)]
pub struct CoidaEstimate {
    /// Named by the February it ends in.
    assessment_year: i32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    /// Where the year's limits come from.
    source: String,
    /// Rand per R100 of assessable earnings.
    tariff_per_hundred: Decimal,
    /// The most of one employee's earnings that is assessed.
    maximum_earnings: Rand,
    minimum_assessment: Rand,
    lines: Vec<CoidaLine>,
    earnings: Rand,
    assessable_earnings: Rand,
    /// The tariff on the assessable earnings, to the cent.
    at_tariff: Rand,
    /// The larger of the tariff's figure and the minimum assessment.
    assessment: Rand,
    minimum_applied: bool,
}

impl From<DomainEstimate> for CoidaEstimate {
    fn from(e: DomainEstimate) -> Self {
        Self {
            assessment_year: e.assessment_year,
            starts_on: e.starts_on,
            ends_on: e.ends_on,
            source: e.source,
            tariff_per_hundred: Decimal(e.tariff_per_hundred.normalize()),
            maximum_earnings: Rand(e.maximum_earnings),
            minimum_assessment: Rand(e.minimum_assessment),
            lines: e
                .lines
                .into_iter()
                .map(|l| CoidaLine {
                    employee_id: ID(l.employee_id),
                    name: l.name,
                    earnings: Rand(l.earnings),
                    assessable: Rand(l.assessable),
                })
                .collect(),
            earnings: Rand(e.earnings),
            assessable_earnings: Rand(e.assessable_earnings),
            at_tariff: Rand(e.at_tariff),
            assessment: Rand(e.assessment),
            minimum_applied: e.minimum_applied,
        }
    }
}

#[derive(Default)]
pub struct CoidaQuery;

#[Object]
impl CoidaQuery {
    /// The COIDA assessment estimate of assessment year `year` (1 March to the end of
    /// February, named by the February) from the approved and paid runs paid in it, at
    /// `tariffPerHundred` — rand per R100 of earnings, from the employer's notice of
    /// assessment.
    async fn coida_estimate(
        &self,
        ctx: &Context<'_>,
        year: i32,
        tariff_per_hundred: Decimal,
    ) -> async_graphql::Result<CoidaEstimate> {
        let op = CoidaAssessment {
            year,
            tariff_per_hundred: tariff_per_hundred.0,
        };
        Ok(ask(ctx, op).await?.into())
    }
}
