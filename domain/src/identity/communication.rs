//! What a contact does at their account, how they may be reached, and their POPIA
//! consent to direct marketing.
//!
//! POPIA (Protection of Personal Information Act, s 69) allows direct marketing by
//! electronic communication only with the person's consent. The consent is a business
//! fact with its own date (the day the form was signed or the e-mail received), so the
//! command carries that date; it is not the moment the record was typed in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A role a contact plays at their account (several may apply; the free-text job title
/// stays beside them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContactRole {
    Director,
    QuantitySurveyor,
    AccountsPayable,
    AccountsReceivable,
    SiteAgent,
    ProjectManager,
    Procurement,
    SafetyOfficer,
    Other,
}

impl ContactRole {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactRole::Director => "DIRECTOR",
            ContactRole::QuantitySurveyor => "QUANTITY_SURVEYOR",
            ContactRole::AccountsPayable => "ACCOUNTS_PAYABLE",
            ContactRole::AccountsReceivable => "ACCOUNTS_RECEIVABLE",
            ContactRole::SiteAgent => "SITE_AGENT",
            ContactRole::ProjectManager => "PROJECT_MANAGER",
            ContactRole::Procurement => "PROCUREMENT",
            ContactRole::SafetyOfficer => "SAFETY_OFFICER",
            ContactRole::Other => "OTHER",
        }
    }
}

/// A way of reaching a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Channel {
    Email,
    Phone,
    Sms,
    Whatsapp,
}

impl Channel {
    /// Every channel, in the order they are shown.
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Phone,
        Channel::Sms,
        Channel::Whatsapp,
    ];

    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "EMAIL",
            Channel::Phone => "PHONE",
            Channel::Sms => "SMS",
            Channel::Whatsapp => "WHATSAPP",
        }
    }
}

/// The channels a contact allows and the one they prefer. Until the contact says
/// otherwise every channel is allowed (ordinary business correspondence) and none is
/// preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommunicationPreferences {
    pub email: bool,
    pub phone: bool,
    pub sms: bool,
    pub whatsapp: bool,
    pub preferred_channel: Option<Channel>,
}

impl Default for CommunicationPreferences {
    fn default() -> Self {
        Self {
            email: true,
            phone: true,
            sms: true,
            whatsapp: true,
            preferred_channel: None,
        }
    }
}

impl CommunicationPreferences {
    /// Whether `channel` is allowed.
    pub fn allows(&self, channel: Channel) -> bool {
        match channel {
            Channel::Email => self.email,
            Channel::Phone => self.phone,
            Channel::Sms => self.sms,
            Channel::Whatsapp => self.whatsapp,
        }
    }

    /// The allowed channels, in [`Channel::ALL`] order.
    pub fn allowed(&self) -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|c| self.allows(*c))
            .collect()
    }
}

/// A contact's POPIA consent to direct marketing, as last recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PopiaConsent {
    /// Never asked or never answered: no marketing.
    #[default]
    Unknown,
    /// Given on this date.
    Given(NaiveDate),
    /// Withdrawn (or refused) on this date.
    Withdrawn(NaiveDate),
}

impl PopiaConsent {
    /// Whether consent is in force.
    pub fn is_given(self) -> bool {
        matches!(self, PopiaConsent::Given(_))
    }

    /// The date of the last recorded answer.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            PopiaConsent::Unknown => None,
            PopiaConsent::Given(d) | PopiaConsent::Withdrawn(d) => Some(d),
        }
    }
}

/// The channels direct marketing may use: the allowed ones while consent is in force,
/// none otherwise. Withdrawing consent therefore turns every marketing channel off.
pub fn marketing_channels(
    preferences: &CommunicationPreferences,
    consent: PopiaConsent,
) -> Vec<Channel> {
    if consent.is_given() {
        preferences.allowed()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).expect("date")
    }

    #[test]
    fn marketing_follows_consent() {
        let prefs = CommunicationPreferences {
            sms: false,
            ..Default::default()
        };
        assert_eq!(marketing_channels(&prefs, PopiaConsent::Unknown), vec![]);
        assert_eq!(
            marketing_channels(&prefs, PopiaConsent::Given(date(1))),
            vec![Channel::Email, Channel::Phone, Channel::Whatsapp]
        );
        assert_eq!(
            marketing_channels(&prefs, PopiaConsent::Withdrawn(date(2))),
            vec![]
        );
    }

    proptest! {
        /// Without consent in force no channel is ever a marketing channel; with it, only
        /// allowed ones are.
        #[test]
        fn marketing_needs_consent(e: bool, p: bool, s: bool, w: bool, given: Option<bool>) {
            let prefs = CommunicationPreferences { email: e, phone: p, sms: s, whatsapp: w, preferred_channel: None };
            let consent = match given {
                None => PopiaConsent::Unknown,
                Some(true) => PopiaConsent::Given(date(1)),
                Some(false) => PopiaConsent::Withdrawn(date(1)),
            };
            let channels = marketing_channels(&prefs, consent);
            if given != Some(true) {
                prop_assert!(channels.is_empty());
            }
            prop_assert!(channels.iter().all(|c| prefs.allows(*c)));
        }
    }
}
