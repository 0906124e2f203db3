//! The contact aggregate: a person at an account, the roles they play there, how they
//! may be reached, and their POPIA consent to direct marketing.

impl crate::stored::Stored for Contact {}

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::sync::Arc;

use async_trait::async_trait;
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::values::{email, optional_checked, required_name};
use super::{
    marketing_channels, AccountStatus, Channel, CommunicationPreferences, ContactCommand,
    ContactEvent, ContactRole, IdentityError, PopiaConsent, CONTACT_AGGREGATE,
};
use crate::values::{Code, Title};

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
    roles: BTreeSet<ContactRole>,
    preferences: CommunicationPreferences,
    consent: PopiaConsent,
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
        phone: optional_checked(Code::RULE, "phone", phone)?,
        job_title: optional_checked(Title::RULE, "job title", job_title)?,
    })
}

impl Contact {
    /// The channels direct marketing may use for this contact (none without consent).
    pub fn marketing_channels(&self) -> Vec<Channel> {
        marketing_channels(&self.preferences, self.consent)
    }

    /// The contact's POPIA consent as last recorded.
    pub fn consent(&self) -> PopiaConsent {
        self.consent
    }

    fn require_created(&self) -> Result<(), IdentityError> {
        if self.created {
            Ok(())
        } else {
            Err(IdentityError::ContactNotFound)
        }
    }

    /// Decisions that need no services: everything after creation.
    fn decide(&self, command: ContactCommand) -> Result<ContactEvent, IdentityError> {
        self.require_created()?;
        match command {
            ContactCommand::CreateContact { .. } => Err(IdentityError::ContactAlreadyExists),
            ContactCommand::UpdateContactDetails {
                first_name,
                last_name,
                email,
                phone,
                job_title,
            } => {
                let d = validate(&first_name, &last_name, email, phone, job_title)?;
                if d.first_name == self.first_name
                    && d.last_name == self.last_name
                    && d.email == self.email
                    && d.phone == self.phone
                    && d.job_title == self.job_title
                {
                    return Err(IdentityError::NothingChanged);
                }
                Ok(ContactEvent::ContactDetailsUpdated {
                    first_name: d.first_name,
                    last_name: d.last_name,
                    email: d.email,
                    phone: d.phone,
                    job_title: d.job_title,
                })
            }
            ContactCommand::ChangeContactRoles { roles } => {
                let roles: BTreeSet<ContactRole> = roles.into_iter().collect();
                if roles == self.roles {
                    return Err(IdentityError::NothingChanged);
                }
                Ok(ContactEvent::ContactRolesChanged {
                    roles: roles.into_iter().collect(),
                })
            }
            ContactCommand::ChangeCommunicationPreferences { preferences: p } => {
                if let Some(preferred) = p.preferred_channel.filter(|c| !p.allows(*c)) {
                    return Err(IdentityError::PreferredChannelNotAllowed(preferred));
                }
                if p == self.preferences {
                    return Err(IdentityError::NothingChanged);
                }
                Ok(ContactEvent::ContactCommunicationPreferencesChanged {
                    email: p.email,
                    phone: p.phone,
                    sms: p.sms,
                    whatsapp: p.whatsapp,
                    preferred_channel: p.preferred_channel,
                })
            }
            ContactCommand::RecordPopiaConsent { given, on } => {
                if given == self.consent.is_given() && self.consent != PopiaConsent::Unknown {
                    return Err(IdentityError::ConsentUnchanged(given));
                }
                if let Some(last) = self.consent.date().filter(|last| on < *last) {
                    return Err(IdentityError::ConsentDateOutOfOrder(last));
                }
                Ok(if given {
                    ContactEvent::ContactPopiaConsentGiven { given_on: on }
                } else {
                    ContactEvent::ContactPopiaConsentWithdrawn { withdrawn_on: on }
                })
            }
        }
    }
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
            } if !self.created => {
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
            other => self.decide(other)?,
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
            ContactEvent::ContactRolesChanged { roles } => {
                self.roles = roles.into_iter().collect();
            }
            ContactEvent::ContactCommunicationPreferencesChanged {
                email,
                phone,
                sms,
                whatsapp,
                preferred_channel,
            } => {
                self.preferences = CommunicationPreferences {
                    email,
                    phone,
                    sms,
                    whatsapp,
                    preferred_channel,
                };
            }
            ContactEvent::ContactPopiaConsentGiven { given_on } => {
                self.consent = PopiaConsent::Given(given_on);
            }
            ContactEvent::ContactPopiaConsentWithdrawn { withdrawn_on } => {
                self.consent = PopiaConsent::Withdrawn(withdrawn_on);
            }
        }
    }
}
