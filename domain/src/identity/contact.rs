//! The contact aggregate: a person at an account.

use std::sync::Arc;

use async_trait::async_trait;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::values::{email, optional_text, required_name};
use super::{AccountStatus, ContactCommand, ContactEvent, IdentityError, CONTACT_AGGREGATE};

/// What the contact aggregate needs to know about accounts: whether one exists and
/// where it stands. The write side answers from the event store.
#[async_trait]
pub trait AccountDirectory: Send + Sync {
    /// The account's status, or `None` when no such account exists.
    async fn account_status(&self, account_id: &str) -> Result<Option<AccountStatus>, String>;
}

/// The services the contact aggregate decides with.
#[derive(Clone)]
pub struct ContactServices {
    directory: Arc<dyn AccountDirectory>,
}

impl ContactServices {
    /// Services backed by the given account directory.
    pub fn new(directory: Arc<dyn AccountDirectory>) -> Self {
        Self { directory }
    }
}

/// The state a contact's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    created: bool,
    account_id: String,
    first_name: String,
    last_name: String,
    email: Option<String>,
    phone: Option<String>,
    job_title: Option<String>,
}

/// The validated details of a person.
struct Details {
    first_name: String,
    last_name: String,
    email: Option<String>,
    phone: Option<String>,
    job_title: Option<String>,
}

fn validate(
    first_name: &str,
    last_name: &str,
    email_address: Option<String>,
    phone: Option<String>,
    job_title: Option<String>,
) -> Result<Details, IdentityError> {
    Ok(Details {
        first_name: required_name("first name", first_name)?,
        last_name: required_name("last name", last_name)?,
        email: email(email_address)?,
        phone: optional_text(phone),
        job_title: optional_text(job_title),
    })
}

impl Aggregate for Contact {
    const TYPE: &'static str = CONTACT_AGGREGATE;
    type Command = ContactCommand;
    type Event = ContactEvent;
    type Error = IdentityError;
    type Services = ContactServices;

    async fn handle(
        &mut self,
        command: Self::Command,
        services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = match command {
            ContactCommand::CreateContact {
                account_id,
                first_name,
                last_name,
                email,
                phone,
                job_title,
            } => {
                if self.created {
                    return Err(IdentityError::ContactAlreadyExists);
                }
                let details = validate(&first_name, &last_name, email, phone, job_title)?;
                match services
                    .directory
                    .account_status(&account_id)
                    .await
                    .map_err(IdentityError::DirectoryUnavailable)?
                {
                    None => return Err(IdentityError::AccountNotFound),
                    Some(AccountStatus::Archived) => return Err(IdentityError::AccountArchived),
                    Some(_) => {}
                }
                ContactEvent::ContactCreated {
                    account_id,
                    first_name: details.first_name,
                    last_name: details.last_name,
                    email: details.email,
                    phone: details.phone,
                    job_title: details.job_title,
                }
            }
            ContactCommand::UpdateContactDetails {
                first_name,
                last_name,
                email,
                phone,
                job_title,
            } => {
                if !self.created {
                    return Err(IdentityError::ContactNotFound);
                }
                let d = validate(&first_name, &last_name, email, phone, job_title)?;
                if d.first_name == self.first_name
                    && d.last_name == self.last_name
                    && d.email == self.email
                    && d.phone == self.phone
                    && d.job_title == self.job_title
                {
                    return Err(IdentityError::NothingChanged);
                }
                ContactEvent::ContactDetailsUpdated {
                    first_name: d.first_name,
                    last_name: d.last_name,
                    email: d.email,
                    phone: d.phone,
                    job_title: d.job_title,
                }
            }
        };
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            ContactEvent::ContactCreated {
                account_id,
                first_name,
                last_name,
                email,
                phone,
                job_title,
            } => {
                self.created = true;
                self.account_id = account_id;
                self.first_name = first_name;
                self.last_name = last_name;
                self.email = email;
                self.phone = phone;
                self.job_title = job_title;
            }
            ContactEvent::ContactDetailsUpdated {
                first_name,
                last_name,
                email,
                phone,
                job_title,
            } => {
                self.first_name = first_name;
                self.last_name = last_name;
                self.email = email;
                self.phone = phone;
                self.job_title = job_title;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;

    /// A directory that knows exactly one account, in the given status.
    struct OneAccount(AccountStatus);

    #[async_trait]
    impl AccountDirectory for OneAccount {
        async fn account_status(&self, id: &str) -> Result<Option<AccountStatus>, String> {
            Ok((id == "acc-1").then_some(self.0))
        }
    }

    fn services(status: AccountStatus) -> ContactServices {
        ContactServices::new(Arc::new(OneAccount(status)))
    }

    fn create(account_id: &str) -> ContactCommand {
        ContactCommand::CreateContact {
            account_id: account_id.into(),
            first_name: " Thandi ".into(),
            last_name: "Nkosi".into(),
            email: Some("Thandi@Ubuntu.co.za".into()),
            phone: Some("+27 82 555 0101".into()),
            job_title: None,
        }
    }

    fn created() -> ContactEvent {
        ContactEvent::ContactCreated {
            account_id: "acc-1".into(),
            first_name: "Thandi".into(),
            last_name: "Nkosi".into(),
            email: Some("thandi@ubuntu.co.za".into()),
            phone: Some("+27 82 555 0101".into()),
            job_title: None,
        }
    }

    #[test]
    fn creates_a_contact_at_an_active_account() {
        TestFramework::<Contact>::with(services(AccountStatus::Active))
            .given_no_previous_events()
            .when(create("acc-1"))
            .then_expect_events(vec![created()]);
    }

    #[test]
    fn refuses_a_contact_at_an_unknown_account() {
        TestFramework::<Contact>::with(services(AccountStatus::Active))
            .given_no_previous_events()
            .when(create("acc-404"))
            .then_expect_error(IdentityError::AccountNotFound);
    }

    #[test]
    fn refuses_a_contact_at_an_archived_account() {
        TestFramework::<Contact>::with(services(AccountStatus::Archived))
            .given_no_previous_events()
            .when(create("acc-1"))
            .then_expect_error(IdentityError::AccountArchived);
    }

    #[test]
    fn refuses_a_bad_email() {
        let mut command = create("acc-1");
        if let ContactCommand::CreateContact { email, .. } = &mut command {
            *email = Some("not-an-address".into());
        }
        TestFramework::<Contact>::with(services(AccountStatus::Active))
            .given_no_previous_events()
            .when(command)
            .then_expect_error(IdentityError::InvalidEmail("not-an-address".into()));
    }

    #[test]
    fn refuses_to_create_twice() {
        TestFramework::<Contact>::with(services(AccountStatus::Active))
            .given(vec![created()])
            .when(create("acc-1"))
            .then_expect_error(IdentityError::ContactAlreadyExists);
    }

    #[test]
    fn updates_details_and_refuses_a_no_op() {
        let update = |job: &str| ContactCommand::UpdateContactDetails {
            first_name: "Thandi".into(),
            last_name: "Nkosi".into(),
            email: Some("thandi@ubuntu.co.za".into()),
            phone: Some("+27 82 555 0101".into()),
            job_title: Some(job.into()).filter(|j: &String| !j.is_empty()),
        };
        TestFramework::<Contact>::with(services(AccountStatus::Active))
            .given(vec![created()])
            .when(update("Quantity Surveyor"))
            .then_expect_events(vec![ContactEvent::ContactDetailsUpdated {
                first_name: "Thandi".into(),
                last_name: "Nkosi".into(),
                email: Some("thandi@ubuntu.co.za".into()),
                phone: Some("+27 82 555 0101".into()),
                job_title: Some("Quantity Surveyor".into()),
            }]);
        TestFramework::<Contact>::with(services(AccountStatus::Active))
            .given(vec![created()])
            .when(update(""))
            .then_expect_error(IdentityError::NothingChanged);
    }

    #[test]
    fn refuses_to_update_an_unknown_contact() {
        TestFramework::<Contact>::with(services(AccountStatus::Active))
            .given_no_previous_events()
            .when(ContactCommand::UpdateContactDetails {
                first_name: "A".into(),
                last_name: "B".into(),
                email: None,
                phone: None,
                job_title: None,
            })
            .then_expect_error(IdentityError::ContactNotFound);
    }
}
