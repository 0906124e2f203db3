//! What HR keeps about an employee beyond their name and dates: who they are to SARS
//! and the bank, how they are employed and paid, what an hour of theirs costs a project,
//! where they work and who manages them. Most of it is personal information (POPIA):
//! the identity number, tax number, bank account and pay are **sensitive** and the HR
//! service shows them only to HR roles and the employee themself.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::leave::AnnualLeaveBasis;
use super::IdNumber;
use crate::finance::Rand;
use crate::values::{Code, Name, Problem, Title, ValueError};

/// How someone is employed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EmploymentType {
    /// Employed without an end date, paid monthly.
    Permanent,
    /// Employed to an end date (LRA s 198B), paid monthly.
    FixedTerm,
    /// Site labour paid weekly for the hours on their approved timesheets.
    WeeklySiteLabour,
}

/// How often a pay run pays someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PayFrequency {
    Monthly,
    Weekly,
}

impl PayFrequency {
    /// Pay periods in a tax year: what PAYE annualises by.
    pub fn periods_per_year(self) -> u32 {
        match self {
            PayFrequency::Monthly => 12,
            PayFrequency::Weekly => 52,
        }
    }
}

impl EmploymentType {
    /// Site labour is paid weekly; everyone else monthly.
    pub fn pay_frequency(self) -> PayFrequency {
        match self {
            EmploymentType::WeeklySiteLabour => PayFrequency::Weekly,
            _ => PayFrequency::Monthly,
        }
    }
}

/// The kind of a bank account, as South African banks name them for payroll files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BankAccountType {
    Cheque,
    Savings,
    Transmission,
}

/// Where net pay goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccount {
    pub bank: String,
    /// Six digits (the universal branch code of most banks is fine).
    pub branch_code: String,
    /// 6 to 16 digits.
    pub account_number: String,
    pub account_type: BankAccountType,
}

/// Who the employee is to the state: a South African identity number (checked, and the
/// date of birth read from it) or a foreign passport.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identification {
    IdNumber { number: String },
    Passport { number: String, country: String },
}

/// Which project and cost code an employee's salary is charged to, when it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub project_id: String,
    pub cost_code: String,
}

/// Everything HR records about an employee's employment, set as a whole (each change
/// is a new `EmployeeProfileSet`, so history shows what was true when).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeProfile {
    pub identification: Identification,
    pub date_of_birth: NaiveDate,
    /// SARS income tax reference: ten digits.
    pub tax_number: Option<String>,
    pub bank_account: Option<BankAccount>,
    pub employment_type: EmploymentType,
    /// The end of a fixed-term contract.
    pub contract_ends: Option<NaiveDate>,
    pub trade: Option<String>,
    /// Monthly salary (permanent and fixed-term) or hourly rate (site labour), rand.
    pub pay_rate: Rand,
    /// What an hour of this employee costs a project (pay plus the employer's burden),
    /// rand per hour: what approved timesheets charge.
    pub cost_rate: Rand,
    /// Days worked in a normal week (1 to 7): leave and overtime count by it.
    pub days_per_week: u8,
    pub leave_basis: AnnualLeaveBasis,
    /// The employee id of the line manager, who approves leave.
    pub line_manager_id: Option<String>,
    pub allocation: Option<Allocation>,
    /// Members of a medical scheme the employee pays for (PAYE's fees tax credit).
    pub medical_members: u32,
}

impl EmployeeProfile {
    /// How often this employee is paid.
    pub fn pay_frequency(&self) -> PayFrequency {
        self.employment_type.pay_frequency()
    }

    /// The employee's age on `date` (whole years).
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        date.years_since(self.date_of_birth).unwrap_or(0)
    }
}

fn malformed(field: &str, value: &str, expected: &'static str) -> ValueError {
    ValueError::new(
        field,
        Problem::Malformed {
            value: value.to_string(),
            expected,
        },
    )
}

fn digits(
    field: &str,
    value: &str,
    lengths: std::ops::RangeInclusive<usize>,
    expected: &'static str,
) -> Result<String, ValueError> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if lengths.contains(&compact.len()) && compact.chars().all(|c| c.is_ascii_digit()) {
        Ok(compact)
    } else {
        Err(malformed(field, value, expected))
    }
}

/// A SARS income tax reference number: ten digits starting 0, 1, 2, 3 or 9 (spaces
/// allowed and dropped). SARS publishes no check-digit rule, so none is applied.
pub fn tax_number(field: &str, value: &str) -> Result<String, ValueError> {
    const EXPECTED: &str = "a SARS income tax number (ten digits starting 0, 1, 2, 3 or 9)";
    let number = digits(field, value, 10..=10, EXPECTED)?;
    if matches!(number.as_bytes()[0], b'0' | b'1' | b'2' | b'3' | b'9') {
        Ok(number)
    } else {
        Err(malformed(field, value, EXPECTED))
    }
}

/// A bank account from its parts (`field` names the input object).
pub fn bank_account(
    field: &str,
    bank: &str,
    branch_code: &str,
    account_number: &str,
    account_type: BankAccountType,
) -> Result<BankAccount, ValueError> {
    Ok(BankAccount {
        bank: Name::parse(&format!("{field}.bank"), bank)?.into(),
        branch_code: digits(
            &format!("{field}.branchCode"),
            branch_code,
            6..=6,
            "a six-digit branch code",
        )?,
        account_number: digits(
            &format!("{field}.accountNumber"),
            account_number,
            6..=16,
            "a bank account number (6 to 16 digits)",
        )?,
        account_type,
    })
}

/// An identification from an identity number, or else a passport and its country; the
/// date of birth is the identity number's (a passport holder's must be given).
pub fn identification(
    id_number: Option<&str>,
    passport: Option<(&str, &str)>,
    date_of_birth: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(Identification, NaiveDate), ValueError> {
    match (id_number, passport) {
        (Some(number), None) => {
            let id = IdNumber::parse("input.idNumber", number)?;
            let born = id.date_of_birth(today).ok_or_else(|| {
                malformed(
                    "input.idNumber",
                    number,
                    "an identity number with a real date of birth",
                )
            })?;
            if date_of_birth.is_some_and(|given| given != born) {
                return Err(malformed(
                    "input.dateOfBirth",
                    &date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
                    "the date of birth the identity number gives",
                ));
            }
            Ok((
                Identification::IdNumber {
                    number: id.as_str().to_string(),
                },
                born,
            ))
        }
        (None, Some((number, country))) => {
            let number = Code::parse("input.passportNumber", number)?;
            let country = Name::parse("input.passportCountry", country)?;
            let born = date_of_birth
                .ok_or_else(|| ValueError::new("input.dateOfBirth", Problem::Required))?;
            if born >= today {
                return Err(malformed(
                    "input.dateOfBirth",
                    &born.to_string(),
                    "a date of birth in the past",
                ));
            }
            Ok((
                Identification::Passport {
                    number: number.into(),
                    country: country.into(),
                },
                born,
            ))
        }
        (Some(_), Some(_)) => Err(malformed(
            "input.passportNumber",
            "both",
            "given with an identity number (give one or the other)",
        )),
        (None, None) => Err(ValueError::new("input.idNumber", Problem::Required)),
    }
}

/// A trade, e.g. bricklayer or electrician.
pub fn trade(value: Option<&str>) -> Result<Option<String>, ValueError> {
    Ok(Title::parse_optional("input.trade", value)?.map(String::from))
}

/// A pay or cost rate: rand, more than nought.
pub fn rate(field: &str, value: Decimal) -> Result<Rand, ValueError> {
    match Rand::from_decimal(value) {
        Ok(rand) if rand.is_positive() => Ok(rand),
        _ => Err(malformed(
            field,
            &value.to_string(),
            "an amount in rand above nought with at most two places",
        )),
    }
}

/// Days worked in a normal week.
pub fn days_per_week(value: i64) -> Result<u8, ValueError> {
    u8::try_from(value)
        .ok()
        .filter(|d| (1..=7).contains(d))
        .ok_or_else(|| {
            malformed(
                "input.daysPerWeek",
                &value.to_string(),
                "a number of days from 1 to 7",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_tax_number_is_ten_digits_starting_with_a_known_digit() {
        assert_eq!(
            tax_number("t", "0123 456 789"),
            Ok("0123456789".to_string())
        );
        assert_eq!(tax_number("t", "9123456789"), Ok("9123456789".to_string()));
        assert!(tax_number("t", "4123456789").is_err());
        assert!(tax_number("t", "012345678").is_err());
        assert!(tax_number("t", "01234567x9").is_err());
    }

    #[test]
    fn a_bank_account_names_the_bad_part() {
        let ok = bank_account(
            "input.bankAccount",
            "FNB",
            "250655",
            "62 123 456 789",
            BankAccountType::Cheque,
        )
        .expect("account");
        assert_eq!(ok.account_number, "62123456789");
        let err = bank_account(
            "input.bankAccount",
            "FNB",
            "25065",
            "62123456789",
            BankAccountType::Cheque,
        )
        .expect_err("short branch");
        assert_eq!(err.field, "input.bankAccount.branchCode");
    }

    #[test]
    fn identification_reads_the_birth_date_from_the_id_number_or_takes_it_for_a_passport() {
        let today = day(2026, 12, 3);
        let (id, born) = identification(Some("8001015009087"), None, None, today).expect("id");
        assert_eq!(born, day(1980, 1, 1));
        assert!(matches!(id, Identification::IdNumber { .. }));
        let err = identification(Some("8001015009087"), None, Some(day(1981, 1, 1)), today)
            .expect_err("mismatch");
        assert_eq!(err.field, "input.dateOfBirth");
        let (_, born) = identification(
            None,
            Some(("A1234567", "Zimbabwe")),
            Some(day(1990, 5, 5)),
            today,
        )
        .expect("passport");
        assert_eq!(born, day(1990, 5, 5));
        assert_eq!(
            identification(None, None, None, today)
                .expect_err("none")
                .field,
            "input.idNumber"
        );
        assert_eq!(
            identification(None, Some(("A1", "Lesotho")), None, today)
                .expect_err("no birth date")
                .field,
            "input.dateOfBirth"
        );
    }

    #[test]
    fn site_labour_is_paid_weekly() {
        assert_eq!(
            EmploymentType::WeeklySiteLabour.pay_frequency(),
            PayFrequency::Weekly
        );
        assert_eq!(
            EmploymentType::FixedTerm.pay_frequency().periods_per_year(),
            12
        );
        assert!(days_per_week(0).is_err());
        assert_eq!(days_per_week(6), Ok(6));
    }
}
