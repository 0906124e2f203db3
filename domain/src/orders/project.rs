//! The project aggregate: a construction job for a customer at a site, and its life
//! cycle. Site managers and project managers see the projects they are assigned to.

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::{OrdersError, ProjectCommand, ProjectEvent, PROJECT_AGGREGATE};
use crate::values::BusinessDate;

/// Where a project stands. Completed and cancelled are final.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProjectStatus {
    #[default]
    Planned,
    Active,
    OnHold,
    Completed,
    Cancelled,
}

impl ProjectStatus {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "PLANNED",
            ProjectStatus::Active => "ACTIVE",
            ProjectStatus::OnHold => "ON_HOLD",
            ProjectStatus::Completed => "COMPLETED",
            ProjectStatus::Cancelled => "CANCELLED",
        }
    }

    /// Whether a project may move from `self` to `to`.
    pub fn may_become(self, to: ProjectStatus) -> bool {
        use ProjectStatus::*;
        matches!(
            (self, to),
            (Planned, Active)
                | (Planned, Cancelled)
                | (Active, OnHold)
                | (Active, Completed)
                | (Active, Cancelled)
                | (OnHold, Active)
                | (OnHold, Cancelled)
        )
    }
}

/// The state a project's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    created: bool,
    status: ProjectStatus,
}

impl Project {
    fn decide(&self, command: ProjectCommand) -> Result<ProjectEvent, OrdersError> {
        match command {
            ProjectCommand::CreateProject {
                code,
                name,
                customer_account_id,
                site_id,
                site_name,
                starts_on,
            } => {
                // The id derives from the code: an existing project here holds the code.
                if self.created {
                    return Err(OrdersError::ProjectCodeTaken(code.to_string()));
                }
                Ok(ProjectEvent::ProjectCreated {
                    code: code.into(),
                    name: name.into(),
                    customer_account_id: customer_account_id.map(String::from),
                    site_id: site_id.into(),
                    site_name: site_name.into(),
                    starts_on: starts_on.map(BusinessDate::date),
                })
            }
            ProjectCommand::ChangeProjectStatus { status, reason } => {
                if !self.created {
                    return Err(OrdersError::ProjectNotFound);
                }
                if !self.status.may_become(status) {
                    return Err(OrdersError::InvalidTransition {
                        from: self.status,
                        to: status,
                    });
                }
                Ok(ProjectEvent::ProjectStatusChanged {
                    from: self.status,
                    to: status,
                    reason: reason.map(String::from),
                })
            }
        }
    }
}

impl Aggregate for Project {
    const TYPE: &'static str = PROJECT_AGGREGATE;
    type Command = ProjectCommand;
    type Event = ProjectEvent;
    type Error = OrdersError;
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
            ProjectEvent::ProjectCreated { .. } => {
                self.created = true;
                self.status = ProjectStatus::Planned;
            }
            ProjectEvent::ProjectStatusChanged { to, .. } => self.status = to,
        }
    }
}

impl crate::stored::Stored for Project {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::ProjectCode;
    use crate::values::{Code, Identifier, Name};
    use cqrs_es::test::TestFramework;
    use proptest::prelude::*;

    fn create(code: &str) -> ProjectCommand {
        ProjectCommand::CreateProject {
            code: ProjectCode::parse("code", code).expect("code"),
            name: Name::parse("name", " Menlyn Office Park Phase 2 ").expect("name"),
            customer_account_id: Some(Identifier::parse("id", "acc-1").expect("id")),
            site_id: Code::parse("site", "SITE-PTA-01").expect("site"),
            site_name: Name::parse("site name", "Menlyn, Pretoria").expect("name"),
            starts_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .map(|d| BusinessDate::parse("startsOn", d).expect("date")),
        }
    }

    fn created() -> ProjectEvent {
        ProjectEvent::ProjectCreated {
            code: "PRJ-2026-014".into(),
            name: "Menlyn Office Park Phase 2".into(),
            customer_account_id: Some("acc-1".into()),
            site_id: "SITE-PTA-01".into(),
            site_name: "Menlyn, Pretoria".into(),
            starts_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        }
    }

    #[test]
    fn opens_a_planned_project() {
        TestFramework::<Project>::with(())
            .given_no_previous_events()
            .when(create("PRJ-2026-014"))
            .then_expect_events(vec![created()]);
    }

    #[test]
    fn opens_under_a_normalised_code() {
        TestFramework::<Project>::with(())
            .given_no_previous_events()
            .when(create(" prj-2026-014 "))
            .then_expect_events(vec![created()]);
    }

    #[test]
    fn refuses_a_code_already_taken() {
        TestFramework::<Project>::with(())
            .given(vec![created()])
            .when(create("PRJ-2026-014"))
            .then_expect_error(OrdersError::ProjectCodeTaken("PRJ-2026-014".into()));
    }

    #[test]
    fn a_completed_project_stays_completed() {
        TestFramework::<Project>::with(())
            .given(vec![
                created(),
                ProjectEvent::ProjectStatusChanged {
                    from: ProjectStatus::Planned,
                    to: ProjectStatus::Active,
                    reason: None,
                },
                ProjectEvent::ProjectStatusChanged {
                    from: ProjectStatus::Active,
                    to: ProjectStatus::Completed,
                    reason: None,
                },
            ])
            .when(ProjectCommand::ChangeProjectStatus {
                status: ProjectStatus::Active,
                reason: None,
            })
            .then_expect_error(OrdersError::InvalidTransition {
                from: ProjectStatus::Completed,
                to: ProjectStatus::Active,
            });
    }

    #[test]
    fn refuses_to_change_an_unknown_project() {
        TestFramework::<Project>::with(())
            .given_no_previous_events()
            .when(ProjectCommand::ChangeProjectStatus {
                status: ProjectStatus::Active,
                reason: None,
            })
            .then_expect_error(OrdersError::ProjectNotFound);
    }

    fn any_status() -> impl Strategy<Value = ProjectStatus> {
        prop_oneof![
            Just(ProjectStatus::Planned),
            Just(ProjectStatus::Active),
            Just(ProjectStatus::OnHold),
            Just(ProjectStatus::Completed),
            Just(ProjectStatus::Cancelled),
        ]
    }

    proptest! {
        /// Whatever is asked, the history is a chain of allowed moves and nothing
        /// follows completion or cancellation.
        #[test]
        fn status_history_follows_the_life_cycle(asks in proptest::collection::vec(any_status(), 0..15)) {
            let mut project = Project::default();
            project.apply(created());
            let mut current = ProjectStatus::Planned;
            for status in asks {
                if let Ok(event) = project.decide(ProjectCommand::ChangeProjectStatus { status, reason: None }) {
                    let ProjectEvent::ProjectStatusChanged { from, to, .. } = &event else {
                        unreachable!("only status changes were asked for");
                    };
                    prop_assert_eq!(*from, current);
                    prop_assert!(current.may_become(*to));
                    prop_assert!(!matches!(current, ProjectStatus::Completed | ProjectStatus::Cancelled));
                    current = *to;
                    project.apply(event);
                }
            }
        }
    }
}
