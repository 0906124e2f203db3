//! A contact's further facts: their roles, communication preferences and POPIA consent.

use async_trait::async_trait;
use chrono::NaiveDate;
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_domain::identity::{CommunicationPreferences, ContactRole};
use serde::{Deserialize, Serialize};

use crate::identity::IdentityService;
use crate::{Call, Handle, Operation};

const WRITERS: Access = Access::Requires(Permission::IdentityWrite);

/// Replaces a contact's roles at the account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeContactRoles {
    pub id: String,
    pub roles: Vec<ContactRole>,
}

impl Operation for ChangeContactRoles {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "change_contact_roles";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<ChangeContactRoles> for IdentityService {
    async fn handle(&self, call: &Call, op: ChangeContactRoles) -> Result<(), CommandError> {
        self.commands
            .change_contact_roles(&call.context, &op.id, op.roles)
            .await
    }
}

/// Replaces a contact's communication preferences.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeCommunicationPreferences {
    pub id: String,
    pub preferences: CommunicationPreferences,
}

impl Operation for ChangeCommunicationPreferences {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "change_communication_preferences";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<ChangeCommunicationPreferences> for IdentityService {
    async fn handle(
        &self,
        call: &Call,
        op: ChangeCommunicationPreferences,
    ) -> Result<(), CommandError> {
        self.commands
            .change_communication_preferences(&call.context, &op.id, op.preferences)
            .await
    }
}

/// Records a contact's POPIA consent given or withdrawn on a business date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordPopiaConsent {
    pub id: String,
    pub given: bool,
    pub on: NaiveDate,
}

impl Operation for RecordPopiaConsent {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "record_popia_consent";
    const ACCESS: Access = WRITERS;
}

#[async_trait]
impl Handle<RecordPopiaConsent> for IdentityService {
    async fn handle(&self, call: &Call, op: RecordPopiaConsent) -> Result<(), CommandError> {
        self.commands
            .record_popia_consent(&call.context, &op.id, op.given, op.on)
            .await
    }
}
