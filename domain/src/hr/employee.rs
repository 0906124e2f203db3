//! The employee aggregate: someone the company employs, from hiring to the last day.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::{EmployeeCommand, EmployeeEvent, HrError, EMPLOYEE_AGGREGATE};

/// The state an employee's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Employee {
    hired_on: Option<NaiveDate>,
    terminated: bool,
}

fn employee_number(value: &str) -> Result<String, HrError> {
    let value = value.trim().to_uppercase();
    let valid = value.strip_prefix("EMP-").is_some_and(|digits| {
        (4..=6).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
    });
    if valid {
        Ok(value)
    } else {
        Err(HrError::InvalidEmployeeNumber(value))
    }
}

fn required(field: &'static str, value: &str) -> Result<String, HrError> {
    let value = value.trim();
    if value.is_empty() {
        Err(HrError::Required(field))
    } else {
        Ok(value.to_string())
    }
}

impl Employee {
    fn decide(&self, command: EmployeeCommand) -> Result<EmployeeEvent, HrError> {
        match command {
            EmployeeCommand::HireEmployee {
                employee_number: number,
                first_name,
                last_name,
                job_title,
                hired_on,
                site_id,
            } => {
                if self.hired_on.is_some() {
                    return Err(HrError::EmployeeAlreadyExists);
                }
                Ok(EmployeeEvent::EmployeeHired {
                    employee_number: employee_number(&number)?,
                    first_name: required("first name", &first_name)?,
                    last_name: required("last name", &last_name)?,
                    job_title: required("job title", &job_title)?,
                    hired_on,
                    site_id: site_id
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty()),
                })
            }
            EmployeeCommand::TerminateEmployment { last_day, reason } => {
                let hired_on = self.hired_on.ok_or(HrError::EmployeeNotFound)?;
                if self.terminated {
                    return Err(HrError::AlreadyTerminated);
                }
                if last_day < hired_on {
                    return Err(HrError::LastDayBeforeHiring { last_day, hired_on });
                }
                Ok(EmployeeEvent::EmploymentTerminated {
                    last_day,
                    reason: required("reason", &reason)?,
                })
            }
        }
    }
}

impl Aggregate for Employee {
    const TYPE: &'static str = EMPLOYEE_AGGREGATE;
    type Command = EmployeeCommand;
    type Event = EmployeeEvent;
    type Error = HrError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            EmployeeEvent::EmployeeHired { hired_on, .. } => self.hired_on = Some(hired_on),
            EmployeeEvent::EmploymentTerminated { .. } => self.terminated = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn hire(number: &str) -> EmployeeCommand {
        EmployeeCommand::HireEmployee {
            employee_number: number.into(),
            first_name: "Sipho".into(),
            last_name: "Dlamini".into(),
            job_title: "Site Foreman".into(),
            hired_on: date(2024, 3, 1),
            site_id: Some("SITE-PTA".into()),
        }
    }

    fn hired() -> EmployeeEvent {
        EmployeeEvent::EmployeeHired {
            employee_number: "EMP-0042".into(),
            first_name: "Sipho".into(),
            last_name: "Dlamini".into(),
            job_title: "Site Foreman".into(),
            hired_on: date(2024, 3, 1),
            site_id: Some("SITE-PTA".into()),
        }
    }

    #[test]
    fn hires_with_a_normalised_number() {
        TestFramework::<Employee>::with(())
            .given_no_previous_events()
            .when(hire(" emp-0042 "))
            .then_expect_events(vec![hired()]);
    }

    #[test]
    fn refuses_a_malformed_number_and_a_second_hiring() {
        TestFramework::<Employee>::with(())
            .given_no_previous_events()
            .when(hire("42"))
            .then_expect_error(HrError::InvalidEmployeeNumber("42".into()));
        TestFramework::<Employee>::with(())
            .given(vec![hired()])
            .when(hire("EMP-0042"))
            .then_expect_error(HrError::EmployeeAlreadyExists);
    }

    #[test]
    fn terminates_once_and_not_before_hiring() {
        let terminate = |d| EmployeeCommand::TerminateEmployment {
            last_day: d,
            reason: "resigned".into(),
        };
        TestFramework::<Employee>::with(())
            .given(vec![hired()])
            .when(terminate(date(2026, 11, 30)))
            .then_expect_events(vec![EmployeeEvent::EmploymentTerminated {
                last_day: date(2026, 11, 30),
                reason: "resigned".into(),
            }]);
        TestFramework::<Employee>::with(())
            .given(vec![hired()])
            .when(terminate(date(2024, 2, 28)))
            .then_expect_error(HrError::LastDayBeforeHiring {
                last_day: date(2024, 2, 28),
                hired_on: date(2024, 3, 1),
            });
        TestFramework::<Employee>::with(())
            .given(vec![
                hired(),
                EmployeeEvent::EmploymentTerminated {
                    last_day: date(2026, 11, 30),
                    reason: "resigned".into(),
                },
            ])
            .when(terminate(date(2026, 12, 1)))
            .then_expect_error(HrError::AlreadyTerminated);
        TestFramework::<Employee>::with(())
            .given_no_previous_events()
            .when(terminate(date(2026, 12, 1)))
            .then_expect_error(HrError::EmployeeNotFound);
    }
}
