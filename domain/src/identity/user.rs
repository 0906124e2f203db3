//! The user aggregate: a person who signs in (an Entra ID object id), linked to the
//! employee or contact they are, and assigned to the projects and sites they work on.
//! Assignments drive row-level filtering.

use std::collections::BTreeSet;

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::values::optional_text;
use super::{IdentityError, UserCommand, UserEvent, USER_AGGREGATE};

/// The state a user's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    provisioned: bool,
    name: Option<String>,
    username: Option<String>,
    employee_id: Option<String>,
    contact_id: Option<String>,
    projects: BTreeSet<String>,
    sites: BTreeSet<String>,
}

/// Trims ids, drops blanks and duplicates, and sorts them.
fn id_set(ids: Vec<String>) -> BTreeSet<String> {
    ids.into_iter()
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect()
}

impl User {
    fn decide(&self, command: UserCommand) -> Result<Vec<UserEvent>, IdentityError> {
        match command {
            UserCommand::ProvisionUser {
                subject,
                tenant_id,
                name,
                username,
            } => {
                let (name, username) = (optional_text(name), optional_text(username));
                if !self.provisioned {
                    if subject.trim().is_empty() {
                        return Err(IdentityError::Required("subject"));
                    }
                    return Ok(vec![UserEvent::UserProvisioned {
                        subject,
                        tenant_id,
                        name,
                        username,
                    }]);
                }
                // Signing in again refreshes what the identity provider says, if it changed.
                if name != self.name || username != self.username {
                    return Ok(vec![UserEvent::UserProfileRefreshed { name, username }]);
                }
                Ok(vec![])
            }
            UserCommand::LinkUser {
                employee_id,
                contact_id,
            } => {
                self.require_provisioned()?;
                let (employee_id, contact_id) =
                    (optional_text(employee_id), optional_text(contact_id));
                if employee_id == self.employee_id && contact_id == self.contact_id {
                    return Err(IdentityError::NothingChanged);
                }
                Ok(vec![UserEvent::UserLinked {
                    employee_id,
                    contact_id,
                }])
            }
            UserCommand::AssignUser { projects, sites } => {
                self.require_provisioned()?;
                let (projects, sites) = (id_set(projects), id_set(sites));
                if projects == self.projects && sites == self.sites {
                    return Err(IdentityError::NothingChanged);
                }
                Ok(vec![UserEvent::UserAssignmentsChanged {
                    projects: projects.into_iter().collect(),
                    sites: sites.into_iter().collect(),
                }])
            }
            UserCommand::AssignOpener { project } => {
                self.require_provisioned()?;
                let project = project.trim().to_string();
                if project.is_empty() || self.projects.contains(&project) {
                    return Ok(vec![]);
                }
                let mut projects = self.projects.clone();
                projects.insert(project);
                Ok(vec![UserEvent::UserAssignmentsChanged {
                    projects: projects.into_iter().collect(),
                    sites: self.sites.iter().cloned().collect(),
                }])
            }
        }
    }

    fn require_provisioned(&self) -> Result<(), IdentityError> {
        if self.provisioned {
            Ok(())
        } else {
            Err(IdentityError::UserNotFound)
        }
    }
}

impl Aggregate for User {
    const TYPE: &'static str = USER_AGGREGATE;
    type Command = UserCommand;
    type Event = UserEvent;
    type Error = IdentityError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            UserEvent::UserProvisioned { name, username, .. } => {
                self.provisioned = true;
                self.name = name;
                self.username = username;
            }
            UserEvent::UserProfileRefreshed { name, username } => {
                self.name = name;
                self.username = username;
            }
            UserEvent::UserLinked {
                employee_id,
                contact_id,
            } => {
                self.employee_id = employee_id;
                self.contact_id = contact_id;
            }
            UserEvent::UserAssignmentsChanged { projects, sites } => {
                self.projects = projects.into_iter().collect();
                self.sites = sites.into_iter().collect();
            }
        }
    }
}

impl crate::stored::Stored for User {}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;
    use proptest::prelude::*;

    fn provision(name: &str) -> UserCommand {
        UserCommand::ProvisionUser {
            subject: "thandi".into(),
            tenant_id: Some("tenant-1".into()),
            name: Some(name.into()),
            username: Some("thandi@constructos.co.za".into()),
        }
    }

    fn provisioned() -> UserEvent {
        UserEvent::UserProvisioned {
            subject: "thandi".into(),
            tenant_id: Some("tenant-1".into()),
            name: Some("Thandi Nkosi".into()),
            username: Some("thandi@constructos.co.za".into()),
        }
    }

    #[test]
    fn the_opener_of_a_project_is_added_to_it_once_keeping_their_other_assignments() {
        let assigned = UserEvent::UserAssignmentsChanged {
            projects: vec!["P-1".into()],
            sites: vec!["S-1".into()],
        };
        TestFramework::<User>::with(())
            .given(vec![provisioned(), assigned.clone()])
            .when(UserCommand::AssignOpener {
                project: "P-2".into(),
            })
            .then_expect_events(vec![UserEvent::UserAssignmentsChanged {
                projects: vec!["P-1".into(), "P-2".into()],
                sites: vec!["S-1".into()],
            }]);
        TestFramework::<User>::with(())
            .given(vec![provisioned(), assigned])
            .when(UserCommand::AssignOpener {
                project: "P-1".into(),
            })
            .then_expect_events(vec![]);
        TestFramework::<User>::with(())
            .given_no_previous_events()
            .when(UserCommand::AssignOpener {
                project: "P-1".into(),
            })
            .then_expect_error(IdentityError::UserNotFound);
    }

    #[test]
    fn the_first_sign_in_provisions_the_user() {
        TestFramework::<User>::with(())
            .given_no_previous_events()
            .when(provision("Thandi Nkosi"))
            .then_expect_events(vec![provisioned()]);
    }

    #[test]
    fn signing_in_again_changes_nothing_unless_the_profile_changed() {
        TestFramework::<User>::with(())
            .given(vec![provisioned()])
            .when(provision("Thandi Nkosi"))
            .then_expect_events(vec![]);
        TestFramework::<User>::with(())
            .given(vec![provisioned()])
            .when(provision("Thandi Dlamini"))
            .then_expect_events(vec![UserEvent::UserProfileRefreshed {
                name: Some("Thandi Dlamini".into()),
                username: Some("thandi@constructos.co.za".into()),
            }]);
    }

    #[test]
    fn assignments_are_sets() {
        TestFramework::<User>::with(())
            .given(vec![provisioned()])
            .when(UserCommand::AssignUser {
                projects: vec!["P-2".into(), " P-1 ".into(), "P-2".into(), "".into()],
                sites: vec!["S-9".into()],
            })
            .then_expect_events(vec![UserEvent::UserAssignmentsChanged {
                projects: vec!["P-1".into(), "P-2".into()],
                sites: vec!["S-9".into()],
            }]);
    }

    #[test]
    fn refuses_to_assign_an_unknown_user() {
        TestFramework::<User>::with(())
            .given_no_previous_events()
            .when(UserCommand::AssignUser {
                projects: vec!["P-1".into()],
                sites: vec![],
            })
            .then_expect_error(IdentityError::UserNotFound);
    }

    #[test]
    fn refuses_an_assignment_that_changes_nothing() {
        TestFramework::<User>::with(())
            .given(vec![
                provisioned(),
                UserEvent::UserAssignmentsChanged {
                    projects: vec!["P-1".into()],
                    sites: vec![],
                },
            ])
            .when(UserCommand::AssignUser {
                projects: vec!["P-1".into(), "P-1".into()],
                sites: vec![],
            })
            .then_expect_error(IdentityError::NothingChanged);
    }

    #[test]
    fn links_to_an_employee() {
        TestFramework::<User>::with(())
            .given(vec![provisioned()])
            .when(UserCommand::LinkUser {
                employee_id: Some("EMP-0042".into()),
                contact_id: None,
            })
            .then_expect_events(vec![UserEvent::UserLinked {
                employee_id: Some("EMP-0042".into()),
                contact_id: None,
            }]);
    }

    proptest! {
        /// Whatever is assigned, the recorded sets are sorted, unique and blank-free.
        #[test]
        fn recorded_assignments_are_clean_sets(projects in proptest::collection::vec("[ A-Z0-9-]{0,6}", 0..8)) {
            let mut user = User::default();
            user.apply(provisioned());
            if let Ok(events) = user.decide(UserCommand::AssignUser { projects, sites: vec![] }) {
                for event in events {
                    let UserEvent::UserAssignmentsChanged { projects, .. } = &event else {
                        unreachable!("only assignments were asked for");
                    };
                    let mut sorted = projects.clone();
                    sorted.sort();
                    sorted.dedup();
                    prop_assert_eq!(&sorted, projects);
                    prop_assert!(projects.iter().all(|p| !p.is_empty() && p.trim() == p));
                }
            }
        }
    }
}
