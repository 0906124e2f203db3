//! The inputs of orders commands as the service API carries them, and the builders
//! that turn them into domain commands: every field parsed into its value type, named
//! as the caller knows it (the GraphQL argument), before anything is read or written.

use chrono::NaiveDate;
use constructos_domain::orders::{ProjectCode, ProjectCommand, ProjectStatus};

use super::project_inputs::ContractInput;
use crate::CommandError;
use constructos_domain::values::{BusinessDate, Code, Identifier, Name, Reason, ValueError};
use serde::{Deserialize, Serialize};

/// A new project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateProjectInput {
    pub code: String,
    pub name: String,
    pub customer_account_id: Option<String>,
    pub site_id: String,
    pub site_name: String,
    pub starts_on: Option<NaiveDate>,
    /// `TENDER` or `AWARDED` (the default).
    #[serde(default)]
    pub status: Option<ProjectStatus>,
    /// The contract terms, when known at opening.
    #[serde(default)]
    pub contract: Option<ContractInput>,
}

impl CreateProjectInput {
    /// The command opened by `opened_by` (identity's user id), and the id of the project
    /// its code derives.
    pub fn command(
        self,
        opened_by: Option<String>,
    ) -> Result<(String, ProjectCommand), CommandError> {
        let code = ProjectCode::parse("input.code", &self.code)?;
        let contract = self
            .contract
            .map(|c| c.terms("input.contract"))
            .transpose()?;
        let command = ProjectCommand::CreateProject {
            name: Name::parse("input.name", &self.name)?,
            customer_account_id: Identifier::parse_optional(
                "input.customerAccountId",
                self.customer_account_id.as_deref(),
            )?,
            site_id: Code::parse("input.siteId", &self.site_id)?,
            site_name: Name::parse("input.siteName", &self.site_name)?,
            starts_on: BusinessDate::parse_optional("input.startsOn", self.starts_on)?,
            status: self.status.unwrap_or(ProjectStatus::Awarded),
            contract,
            opened_by,
            code: code.clone(),
        };
        Ok((code.project_id(), command))
    }
}

/// A project id given by the caller.
pub fn project_id(id: &str) -> Result<Identifier, ValueError> {
    Identifier::parse("id", id)
}

/// A status change's reason, checked.
pub fn status_reason(reason: Option<&str>) -> Result<Option<Reason>, ValueError> {
    Reason::parse_optional("reason", reason)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn input() -> CreateProjectInput {
        CreateProjectInput {
            code: "PRJ-2026-014".into(),
            name: "Menlyn Office Park".into(),
            customer_account_id: None,
            site_id: "SITE-PTA".into(),
            site_name: "Menlyn".into(),
            starts_on: NaiveDate::from_ymd_opt(2026, 12, 1),
            status: None,
            contract: None,
        }
    }

    #[test]
    fn each_field_is_named_as_the_caller_knows_it() {
        type Spoil = fn(&mut CreateProjectInput);
        let cases: [(&str, Spoil); 6] = [
            ("input.code", |i| i.code = "prj 1".into()),
            ("input.name", |i| i.name = "x".repeat(9000)),
            ("input.name", |i| i.name = "Park\u{202E}gpj.exe".into()),
            ("input.siteId", |i| i.site_id = "S".repeat(9000)),
            ("input.siteName", |i| i.site_name = "a\u{1b}b".into()),
            ("input.startsOn", |i| {
                i.starts_on = NaiveDate::from_ymd_opt(0, 1, 1)
            }),
        ];
        for (field, spoil) in cases {
            let mut bad = input();
            spoil(&mut bad);
            match bad.command(None) {
                Err(CommandError::Rejected(m)) => {
                    assert!(m.starts_with(&format!("{field}:")), "{m}")
                }
                other => panic!("{field}: expected a refusal of the field, got {other:?}"),
            }
        }
    }

    #[test]
    fn the_id_follows_the_normalised_code() {
        let (a, _) = input().command(None).expect("valid");
        let mut other = input();
        other.code = "  prj-2026-014 ".into();
        let (b, _) = other.command(None).expect("valid");
        assert_eq!(a, b);
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[A-Za-z][A-Za-z0-9 .'-]{0,30}",
            "\\PC{190,210}"
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

    use chrono::Datelike;

    proptest! {
        /// Any strings and dates in: a command, or a refusal naming one of the fields.
        #[test]
        fn any_input_is_a_command_or_a_named_refusal(
            code in prop_oneof![any::<String>(), " ?[A-Za-z0-9-]{2,21} ?"],
            name in text(), customer in proptest::option::of(text()),
            site_id in text(), site_name in text(), starts_on in proptest::option::of(any_date()),
            reason in proptest::option::of(any::<String>()),
        ) {
            let fields = ["input.code", "input.name", "input.customerAccountId", "input.siteId", "input.siteName", "input.startsOn"];
            match (CreateProjectInput { code, name, customer_account_id: customer, site_id, site_name, starts_on, status: None, contract: None }).command(None) {
                Ok((id, _)) => prop_assert!(Identifier::parse("id", &id).is_ok()),
                Err(CommandError::Rejected(m)) => prop_assert!(fields.iter().any(|f| m.starts_with(&format!("{f}:"))), "{}", m),
                Err(other) => prop_assert!(false, "not a field refusal: {:?}", other),
            }
            if let Err(e) = status_reason(reason.as_deref()) {
                prop_assert_eq!(e.field, "reason");
            }
        }
    }
}
