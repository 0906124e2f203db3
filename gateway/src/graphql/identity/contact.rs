//! The `Contact` type: a person at an account, their roles, how they may be reached and
//! their POPIA consent.

use async_graphql::{SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::identity as domain;
use constructos_projections::identity::ContactRow;

use super::enums::{from_wire, Channel, ContactRole};

/// A person at an account.
#[derive(SimpleObject)]
pub struct Contact {
    id: ID,
    account_id: ID,
    first_name: String,
    last_name: String,
    email: Option<String>,
    phone: Option<String>,
    /// Free-text title, e.g. "Senior QS".
    job_title: Option<String>,
    /// The roles the person plays at the account.
    roles: Vec<ContactRole>,
    communication: CommunicationPreferences,
    /// Null until consent was given or withdrawn.
    popia_consent: Option<PopiaConsent>,
    /// The channels direct marketing may use: the allowed ones while POPIA consent is
    /// given, none otherwise.
    marketing_channels: Vec<Channel>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// The channels a contact allows, and the one they prefer.
#[derive(SimpleObject)]
pub struct CommunicationPreferences {
    email: bool,
    phone: bool,
    sms: bool,
    whatsapp: bool,
    preferred_channel: Option<Channel>,
}

/// A contact's consent to direct marketing (POPIA), as last recorded.
#[derive(SimpleObject)]
pub struct PopiaConsent {
    /// True: given; false: withdrawn (or refused).
    given: bool,
    /// The business date it was given or withdrawn.
    on: NaiveDate,
}

impl Contact {
    /// The contact from its read-model row.
    pub fn from_row(row: ContactRow) -> async_graphql::Result<Self> {
        let preferred: Option<domain::Channel> = match &row.preferred_channel {
            Some(c) => Some(from_wire::<domain::Channel, _>("channel", c)?),
            None => None,
        };
        let preferences = domain::CommunicationPreferences {
            email: row.allow_email,
            phone: row.allow_phone,
            sms: row.allow_sms,
            whatsapp: row.allow_whatsapp,
            preferred_channel: preferred,
        };
        let consent = match (row.popia_consent, row.popia_consent_on) {
            (Some(true), Some(on)) => domain::PopiaConsent::Given(on),
            (Some(false), Some(on)) => domain::PopiaConsent::Withdrawn(on),
            _ => domain::PopiaConsent::Unknown,
        };
        Ok(Self {
            roles: row
                .roles
                .iter()
                .map(|r| from_wire::<domain::ContactRole, _>("contact role", r))
                .collect::<Result<_, _>>()?,
            marketing_channels: domain::marketing_channels(&preferences, consent)
                .into_iter()
                .map(Channel::from)
                .collect(),
            communication: CommunicationPreferences {
                email: preferences.email,
                phone: preferences.phone,
                sms: preferences.sms,
                whatsapp: preferences.whatsapp,
                preferred_channel: preferred.map(Channel::from),
            },
            popia_consent: consent.date().map(|on| PopiaConsent {
                given: consent.is_given(),
                on,
            }),
            id: ID(row.id),
            account_id: ID(row.account_id),
            first_name: row.first_name,
            last_name: row.last_name,
            email: row.email,
            phone: row.phone,
            job_title: row.job_title,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}
