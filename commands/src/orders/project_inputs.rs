//! The inputs of a project's contract, bill of quantities, work breakdown, variations
//! and claims as the service API carries them, and their parsing into domain values:
//! every field named as the caller knows it (the GraphQL argument).

use chrono::NaiveDate;
use constructos_domain::finance::{line_value, Rand};
use constructos_domain::orders::{
    BoqLine, ContractTerms, ContractType, OrdersError, WorkItem, WorkItemKind, WorkToDate,
};
use constructos_domain::values::{strict_decimal, BusinessDate, Code, Name, Problem, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::CommandError;

/// A project's contract terms.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContractInput {
    pub contract_type: ContractType,
    /// The contract sum excluding VAT.
    pub contract_value: Rand,
    /// 0–20; e.g. 10.
    pub retention_percent: Decimal,
    /// Retention stops at this share of the varied contract value, e.g. 5; none: no cap.
    pub retention_cap_percent: Option<Decimal>,
    /// The share of retention released at practical completion; 50 when not given.
    pub release_at_practical_percent: Option<Decimal>,
    pub planned_completion_on: Option<NaiveDate>,
}

impl ContractInput {
    /// The checked terms.
    pub fn terms(self, field: &str) -> Result<ContractTerms, CommandError> {
        let completion = BusinessDate::parse_optional(
            &format!("{field}.plannedCompletionOn"),
            self.planned_completion_on,
        )?;
        ContractTerms::new(
            self.contract_type,
            self.contract_value,
            self.retention_percent,
            self.retention_cap_percent,
            self.release_at_practical_percent
                .unwrap_or(Decimal::from(50)),
            completion.map(BusinessDate::date),
        )
        .map_err(|e| refused(OrdersError::Terms(e)))
    }
}

/// One item of a bill of quantities.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BoqLineInput {
    pub item: String,
    pub description: String,
    pub unit: String,
    pub quantity: Decimal,
    /// Rand per unit excluding VAT.
    pub rate: Rand,
    pub cost_code: Option<String>,
}

/// The bill's lines, checked and valued.
pub fn bill(lines: Vec<BoqLineInput>) -> Result<Vec<BoqLine>, ValueError> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let field = |name: &str| format!("lines[{i}].{name}");
            let quantity = positive(&field("quantity"), line.quantity, 4)?;
            if !line.rate.is_positive() {
                return Err(ValueError::new(
                    field("rate"),
                    Problem::Malformed {
                        value: line.rate.to_string(),
                        expected: "an amount more than nought",
                    },
                ));
            }
            let amount = line_value(quantity, line.rate).map_err(|_| {
                ValueError::new(field("quantity"), Problem::TooLarge(quantity.to_string()))
            })?;
            Ok(BoqLine {
                item: Code::parse(&field("item"), &line.item)?.into(),
                description: Name::parse(&field("description"), &line.description)?.into(),
                unit: Code::parse(&field("unit"), &line.unit)?.into(),
                quantity,
                rate: line.rate,
                amount,
                cost_code: Code::parse_optional(&field("costCode"), line.cost_code.as_deref())?
                    .map(String::from),
            })
        })
        .collect()
}

/// A phase or task of the work breakdown.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkItemInput {
    pub code: String,
    pub name: String,
    pub kind: WorkItemKind,
    pub parent: Option<String>,
    pub planned_start: Option<NaiveDate>,
    pub planned_finish: Option<NaiveDate>,
    pub cost_code: Option<String>,
    /// A task's budget excluding VAT; phases roll their tasks up.
    pub budget: Option<Rand>,
}

impl WorkItemInput {
    /// The checked item, not yet started.
    pub fn item(self) -> Result<WorkItem, ValueError> {
        let budget = self.budget.unwrap_or(Rand::ZERO);
        if budget < Rand::ZERO {
            return Err(ValueError::new(
                "budget",
                Problem::Malformed {
                    value: budget.to_string(),
                    expected: "an amount of nought or more",
                },
            ));
        }
        Ok(WorkItem {
            code: Code::parse("code", &self.code)?.into(),
            name: Name::parse("name", &self.name)?.into(),
            kind: self.kind,
            parent: Code::parse_optional("parent", self.parent.as_deref())?.map(String::from),
            planned_start: BusinessDate::parse_optional("plannedStart", self.planned_start)?
                .map(BusinessDate::date),
            planned_finish: BusinessDate::parse_optional("plannedFinish", self.planned_finish)?
                .map(BusinessDate::date),
            cost_code: Code::parse_optional("costCode", self.cost_code.as_deref())?
                .map(String::from),
            budget,
            percent_complete: Decimal::ZERO,
            actual_start: None,
            actual_finish: None,
        })
    }
}

/// Work done to date on one bill item, for a claim.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimLineInput {
    pub item: String,
    /// 0–100, at most two decimal places.
    pub percent_to_date: Decimal,
}

/// A claim's lines, checked.
pub fn work_to_date(lines: Vec<ClaimLineInput>) -> Result<Vec<WorkToDate>, ValueError> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let field = format!("lines[{i}].percentToDate");
            let percent = strict_decimal(&field, &line.percent_to_date.normalize().to_string(), 2)?;
            Ok(WorkToDate {
                item: Code::parse(&format!("lines[{i}].item"), &line.item)?.into(),
                percent_to_date: percent,
            })
        })
        .collect()
}

/// A decimal more than nought with at most `scale` places.
fn positive(field: &str, value: Decimal, scale: u32) -> Result<Decimal, ValueError> {
    let value = strict_decimal(field, &value.normalize().to_string(), scale)?;
    if value <= Decimal::ZERO {
        return Err(ValueError::new(
            field,
            Problem::Malformed {
                value: value.to_string(),
                expected: "a quantity more than nought",
            },
        ));
    }
    Ok(value)
}

/// A business refusal as the command side reports it.
pub(super) fn refused(error: OrdersError) -> CommandError {
    CommandError::from(cqrs_es::AggregateError::UserError(error))
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // amounts read as rand_cents
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn line() -> BoqLineInput {
        BoqLineInput {
            item: "3.2".into(),
            description: "Concrete 30 MPa".into(),
            unit: "m3".into(),
            quantity: dec!(12.5),
            rate: Rand::cents(2_000_00),
            cost_code: Some("CONCRETE".into()),
        }
    }

    #[test]
    fn a_bill_line_is_valued_half_up() {
        let mut odd = line();
        odd.quantity = dec!(0.3333);
        odd.rate = Rand::cents(1_50);
        let lines = bill(vec![line(), odd]).expect("bill");
        assert_eq!(lines[0].amount, Rand::cents(25_000_00));
        assert_eq!(lines[1].amount, Rand::cents(50)); // 0.49995 → 0.50
    }

    #[test]
    fn each_bad_field_is_named() {
        type Spoil = fn(&mut BoqLineInput);
        let cases: [(&str, Spoil); 5] = [
            ("lines[0].item", |l| l.item = " ".into()),
            ("lines[0].quantity", |l| l.quantity = dec!(0)),
            ("lines[0].quantity", |l| l.quantity = dec!(1.00001)),
            ("lines[0].rate", |l| l.rate = Rand::ZERO),
            ("lines[0].description", |l| {
                l.description = "a\u{202E}b".into()
            }),
        ];
        for (field, spoil) in cases {
            let mut bad = line();
            spoil(&mut bad);
            assert_eq!(
                bill(vec![bad]).map(|_| ()).map_err(|e| e.field),
                Err(field.into())
            );
        }
        let too_fine = ClaimLineInput {
            item: "3.2".into(),
            percent_to_date: dec!(33.333),
        };
        assert_eq!(
            work_to_date(vec![too_fine]).map_err(|e| e.field),
            Err("lines[0].percentToDate".into())
        );
    }
}
