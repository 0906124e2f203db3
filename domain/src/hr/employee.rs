//! The employee aggregate: someone the company employs, from hiring to the last day.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::{EmployeeCommand, EmployeeEvent, EmployeeProfile, HrError, EMPLOYEE_AGGREGATE};

/// The state an employee's decisions need, rebuilt from its events; also what leave,
/// timesheets and pay runs read of the employee (as stored, never from a read model).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Employee {
    hired_on: Option<NaiveDate>,
    terminated: bool,
    #[serde(default)]
    number: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    last_day: Option<NaiveDate>,
    #[serde(default)]
    profile: Option<EmployeeProfile>,
}

impl Employee {
    /// The first day of employment, once hired.
    pub fn hired_on(&self) -> Option<NaiveDate> {
        self.hired_on
    }

    /// The last day worked, once the employment has ended.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.last_day
    }

    /// The employee number (`EMP-…`).
    pub fn number(&self) -> &str {
        &self.number
    }

    /// First and last name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The profile HR has recorded, if any.
    pub fn profile(&self) -> Option<&EmployeeProfile> {
        self.profile.as_ref()
    }

    /// Whether the employee is employed on `date`.
    pub fn employed_on(&self, date: NaiveDate) -> bool {
        self.hired_on.is_some_and(|hired| hired <= date)
            && self.last_day.is_none_or(|last| date <= last)
    }

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
                // The id derives from the number: a record here already holds it.
                if self.hired_on.is_some() {
                    return Err(HrError::EmployeeNumberTaken(number.to_string()));
                }
                Ok(EmployeeEvent::EmployeeHired {
                    employee_number: number.into(),
                    first_name: first_name.into(),
                    last_name: last_name.into(),
                    job_title: job_title.into(),
                    hired_on: hired_on.date(),
                    site_id: site_id.map(String::from),
                })
            }
            EmployeeCommand::SetProfile { profile } => {
                let hired_on = self.hired_on.ok_or(HrError::EmployeeNotFound)?;
                if self.terminated {
                    return Err(HrError::AlreadyTerminated);
                }
                if profile.contract_ends.is_some_and(|end| end < hired_on) {
                    return Err(HrError::Profile(format!(
                        "input.contractEnds: the contract cannot end before the hiring date {hired_on}"
                    )));
                }
                if (profile.employment_type == super::EmploymentType::FixedTerm)
                    != profile.contract_ends.is_some()
                {
                    return Err(HrError::Profile(
                        "input.contractEnds: a fixed-term employment has an end date, and only it"
                            .into(),
                    ));
                }
                if profile.date_of_birth >= hired_on {
                    return Err(HrError::Profile(format!(
                        "input.dateOfBirth: born on {} is not before the hiring date {hired_on}",
                        profile.date_of_birth
                    )));
                }
                Ok(EmployeeEvent::EmployeeProfileSet { profile })
            }
            EmployeeCommand::TerminateEmployment { last_day, reason } => {
                let last_day = last_day.date();
                let hired_on = self.hired_on.ok_or(HrError::EmployeeNotFound)?;
                if self.terminated {
                    return Err(HrError::AlreadyTerminated);
                }
                if last_day < hired_on {
                    return Err(HrError::LastDayBeforeHiring { last_day, hired_on });
                }
                Ok(EmployeeEvent::EmploymentTerminated {
                    last_day,
                    reason: reason.into(),
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
            EmployeeEvent::EmployeeHired {
                employee_number,
                hired_on,
                first_name,
                last_name,
                ..
            } => {
                self.hired_on = Some(hired_on);
                self.number = employee_number;
                self.name = format!("{first_name} {last_name}");
            }
            EmployeeEvent::EmployeeProfileSet { profile } => self.profile = Some(profile),
            EmployeeEvent::EmploymentTerminated { last_day, .. } => {
                self.terminated = true;
                self.last_day = Some(last_day);
            }
        }
    }
}

impl crate::stored::Stored for Employee {
    const SNAPSHOT_SCHEMA: i32 = 2;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hr::EmployeeNumber;
    use crate::values::{BusinessDate, Code, Name, Reason, Title};
    use cqrs_es::test::TestFramework;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn hire(number: &str) -> EmployeeCommand {
        EmployeeCommand::HireEmployee {
            employee_number: EmployeeNumber::parse("n", number).expect("number"),
            first_name: Name::parse("f", "Sipho").expect("name"),
            last_name: Name::parse("l", "Dlamini").expect("name"),
            job_title: Title::parse("t", "Site Foreman").expect("title"),
            hired_on: BusinessDate::parse("d", date(2024, 3, 1)).expect("date"),
            site_id: Some(Code::parse("s", "SITE-PTA").expect("site")),
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
    fn refuses_a_number_already_taken() {
        TestFramework::<Employee>::with(())
            .given(vec![hired()])
            .when(hire("emp-0042"))
            .then_expect_error(HrError::EmployeeNumberTaken("EMP-0042".into()));
    }

    #[test]
    fn terminates_once_and_not_before_hiring() {
        let terminate = |d| EmployeeCommand::TerminateEmployment {
            last_day: BusinessDate::parse("lastDay", d).expect("date"),
            reason: Reason::parse("reason", "resigned").expect("reason"),
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
