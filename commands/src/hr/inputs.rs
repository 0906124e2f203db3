//! The inputs of HR commands as the service API carries them, and the builders that
//! turn them into domain commands: every field parsed into its value type, named as
//! the caller knows it (the GraphQL argument), before anything is read or written.

use chrono::NaiveDate;
use constructos_domain::hr::{EmployeeCommand, EmployeeNumber};
use constructos_domain::values::{BusinessDate, Code, Identifier, Name, Reason, Title, ValueError};
use serde::{Deserialize, Serialize};

// A new employee. (A plain comment: a doc comment here would become the input's
// description in the schema, which has none.)
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
pub struct HireEmployeeInput {
    /// `EMP-` and 4 to 6 digits; unique (a number already taken is refused).
    pub employee_number: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub hired_on: NaiveDate,
    pub site_id: Option<String>,
}

impl HireEmployeeInput {
    /// The command, and the id of the record its employee number derives.
    pub fn command(self) -> Result<(String, EmployeeCommand), ValueError> {
        let number = EmployeeNumber::parse("input.employeeNumber", &self.employee_number)?;
        let command = EmployeeCommand::HireEmployee {
            first_name: Name::parse("input.firstName", &self.first_name)?,
            last_name: Name::parse("input.lastName", &self.last_name)?,
            job_title: Title::parse("input.jobTitle", &self.job_title)?,
            hired_on: BusinessDate::parse("input.hiredOn", self.hired_on)?,
            site_id: Code::parse_optional("input.siteId", self.site_id.as_deref())?,
            employee_number: number.clone(),
        };
        Ok((number.employee_id(), command))
    }
}

/// An employee id given by the caller.
pub fn employee_id(id: &str) -> Result<Identifier, ValueError> {
    Identifier::parse("id", id)
}

/// The command that ends an employment on `last_day`.
pub fn terminate(last_day: NaiveDate, reason: &str) -> Result<EmployeeCommand, ValueError> {
    Ok(EmployeeCommand::TerminateEmployment {
        last_day: BusinessDate::parse("lastDay", last_day)?,
        reason: Reason::parse("reason", reason)?,
    })
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use proptest::prelude::*;

    use super::*;

    fn input() -> HireEmployeeInput {
        HireEmployeeInput {
            employee_number: "EMP-0042".into(),
            first_name: "Sipho".into(),
            last_name: "Dlamini".into(),
            job_title: "Site Foreman".into(),
            hired_on: NaiveDate::from_ymd_opt(2024, 3, 1).expect("date"),
            site_id: Some("SITE-PTA".into()),
        }
    }

    #[test]
    fn each_field_is_named_as_the_caller_knows_it() {
        type Spoil = fn(&mut HireEmployeeInput);
        let cases: [(&str, Spoil); 7] = [
            ("input.employeeNumber", |i| i.employee_number = "42".into()),
            ("input.firstName", |i| i.first_name = "Si\u{7}pho".into()),
            ("input.lastName", |i| i.last_name = "Dla\nmini".into()),
            ("input.jobTitle", |i| i.job_title = "x".repeat(9000)),
            ("input.hiredOn", |i| {
                i.hired_on = NaiveDate::from_ymd_opt(9999, 12, 31).expect("date")
            }),
            ("input.siteId", |i| i.site_id = Some("S".repeat(9000))),
            ("input.lastName", |i| i.last_name = "\u{202E}inimalD".into()),
        ];
        for (field, spoil) in cases {
            let mut bad = input();
            spoil(&mut bad);
            assert_eq!(
                bad.command().map(|_| ()).map_err(|e| e.field),
                Err(field.to_string())
            );
        }
        assert_eq!(
            terminate(
                NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                &"r".repeat(9000)
            )
            .map_err(|e| e.field),
            Err("reason".to_string())
        );
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[A-Za-z][A-Za-z .'-]{0,30}",
            "\\PC{90,110}"
        ]
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // Mostly anything chrono holds; often a day of the last few centuries.
        prop_oneof![
            NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce(),
            690_000..=810_000i32,
        ]
        .prop_filter_map("a day", NaiveDate::from_num_days_from_ce_opt)
    }

    proptest! {
        /// Any strings and dates in: a command, or a refusal naming one of the fields.
        #[test]
        fn any_input_is_a_command_or_a_named_refusal(
            number in prop_oneof![any::<String>(), " ?[Ee][Mm][Pp]-[0-9]{3,7} ?"],
            first in text(), last in text(), title in text(), hired_on in any_date(), site in proptest::option::of(any::<String>()),
            last_day in any_date(), reason in any::<String>(),
        ) {
            let fields = ["input.employeeNumber", "input.firstName", "input.lastName", "input.jobTitle", "input.hiredOn", "input.siteId"];
            let input = HireEmployeeInput { employee_number: number, first_name: first, last_name: last, job_title: title, hired_on, site_id: site };
            match input.command() {
                Ok((id, _)) => prop_assert!(employee_id(&id).is_ok()),
                Err(e) => prop_assert!(fields.contains(&e.field.as_str()), "{}", e),
            }
            if let Err(e) = terminate(last_day, &reason) {
                prop_assert!(["lastDay", "reason"].contains(&e.field.as_str()));
            }
        }
    }
}
