//! The lead aggregate: a prospective customer, captured by a sales user who owns it,
//! qualified or disqualified, and converted — at most once — into a customer account
//! and a contact.
//!
//! Conversion is recorded here first, with the ids the account and contact will have.
//! The write side then creates those through their own aggregates; as the ids are
//! fixed in `LeadConverted`, a retried conversion finds them and cannot make a second
//! account.

mod values;

impl crate::stored::Stored for Lead {}

#[cfg(test)]
mod tests;

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

pub use values::{LeadSource, LeadStatus, Opportunity};

use super::values::{email, optional_checked, required_name, required_text};
use super::{IdentityError, LeadCommand, LeadEvent, LEAD_AGGREGATE};
use crate::values::{Code, Identifier, Reason};
use values::rand_amount;

/// The state a lead's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    captured: bool,
    status: LeadStatus,
    owner: String,
    company_name: String,
    contact_first_name: String,
    contact_last_name: String,
    email: Option<String>,
    phone: Option<String>,
    source: Option<LeadSource>,
    estimated_value: Option<rust_decimal::Decimal>,
    conversion: Option<LeadConversion>,
}

/// What a converted lead became: the account and contact to create, with their ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadConversion {
    pub account_id: String,
    pub contact_id: String,
    pub company_name: String,
    pub contact_first_name: String,
    pub contact_last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Lead {
    /// Whether the lead has been captured.
    pub fn exists(&self) -> bool {
        self.captured
    }

    /// Where the lead stands.
    pub fn status(&self) -> LeadStatus {
        self.status
    }

    /// The subject of the user who owns the lead.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The account and contact the lead was converted into, once it was.
    pub fn conversion(&self) -> Option<&LeadConversion> {
        self.conversion.as_ref()
    }

    /// The lead as the caller may see it: refused as unknown when it does not exist or,
    /// for a caller limited to their own leads, belongs to someone else.
    fn visible_to(&self, owned_by: Option<&str>) -> Result<(), IdentityError> {
        if !self.captured || owned_by.is_some_and(|subject| subject != self.owner) {
            return Err(IdentityError::LeadNotFound);
        }
        Ok(())
    }

    fn decide(&self, command: LeadCommand) -> Result<Vec<LeadEvent>, IdentityError> {
        match command {
            LeadCommand::CaptureLead {
                company_name,
                contact_first_name,
                contact_last_name,
                email: email_address,
                phone,
                source,
                estimated_value,
                owner,
            } => {
                if self.captured {
                    return Err(IdentityError::LeadAlreadyExists);
                }
                let email = email(email_address)?;
                let phone = optional_checked(Code::RULE, "phone", phone)?;
                if email.is_none() && phone.is_none() {
                    return Err(IdentityError::LeadUnreachable);
                }
                Ok(vec![LeadEvent::LeadCaptured {
                    company_name: required_name("company name", &company_name)?,
                    contact_first_name: required_name("first name", &contact_first_name)?,
                    contact_last_name: required_name("last name", &contact_last_name)?,
                    email,
                    phone,
                    source,
                    estimated_value: rand_amount(estimated_value)?,
                    owner: required_name("owner", &owner)?,
                }])
            }
            LeadCommand::QualifyLead { owned_by } => {
                self.visible_to(owned_by.as_deref())?;
                match self.status {
                    LeadStatus::New => Ok(vec![LeadEvent::LeadQualified {}]),
                    other => Err(IdentityError::LeadNotNew(other)),
                }
            }
            LeadCommand::DisqualifyLead { reason, owned_by } => {
                self.visible_to(owned_by.as_deref())?;
                if self.status.is_final() {
                    return Err(IdentityError::LeadClosed(self.status));
                }
                Ok(vec![LeadEvent::LeadDisqualified {
                    reason: required_text(Reason::RULE, "reason", &reason)?,
                }])
            }
            LeadCommand::ConvertLead {
                account_id,
                contact_id,
                owned_by,
            } => {
                self.visible_to(owned_by.as_deref())?;
                match self.status {
                    // Converting again is a retry: the first conversion stands.
                    LeadStatus::Converted => Ok(vec![]),
                    LeadStatus::Qualified => Ok(vec![LeadEvent::LeadConverted {
                        account_id: required_text(Identifier::RULE, "account id", &account_id)?,
                        contact_id: required_text(Identifier::RULE, "contact id", &contact_id)?,
                        opportunity: self.opportunity(),
                    }]),
                    other => Err(IdentityError::LeadNotQualified(other)),
                }
            }
        }
    }

    fn opportunity(&self) -> Opportunity {
        Opportunity {
            company_name: self.company_name.clone(),
            contact_name: format!("{} {}", self.contact_first_name, self.contact_last_name),
            source: self.source.unwrap_or(LeadSource::Other),
            estimated_value: self.estimated_value,
            owner: self.owner.clone(),
        }
    }
}

impl Aggregate for Lead {
    const TYPE: &'static str = LEAD_AGGREGATE;
    type Command = LeadCommand;
    type Event = LeadEvent;
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
            LeadEvent::LeadCaptured {
                company_name,
                contact_first_name,
                contact_last_name,
                email,
                phone,
                source,
                estimated_value,
                owner,
            } => {
                self.captured = true;
                self.status = LeadStatus::New;
                self.company_name = company_name;
                self.contact_first_name = contact_first_name;
                self.contact_last_name = contact_last_name;
                self.email = email;
                self.phone = phone;
                self.source = Some(source);
                self.estimated_value = estimated_value;
                self.owner = owner;
            }
            LeadEvent::LeadQualified {} => self.status = LeadStatus::Qualified,
            LeadEvent::LeadDisqualified { .. } => self.status = LeadStatus::Disqualified,
            LeadEvent::LeadConverted {
                account_id,
                contact_id,
                ..
            } => {
                self.status = LeadStatus::Converted;
                self.conversion = Some(LeadConversion {
                    account_id,
                    contact_id,
                    company_name: self.company_name.clone(),
                    contact_first_name: self.contact_first_name.clone(),
                    contact_last_name: self.contact_last_name.clone(),
                    email: self.email.clone(),
                    phone: self.phone.clone(),
                });
            }
        }
    }
}
