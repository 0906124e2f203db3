//! Contacts: record a person at an account, change their details, read them.

use async_trait::async_trait;
use constructos_commands::identity::{ContactDetailsInput, CreateContactInput};
use constructos_commands::CommandError;
use constructos_domain::access::{Access, Permission};
use constructos_projections::identity::ContactRow;
use serde::{Deserialize, Serialize};

use crate::identity::IdentityService;
use crate::{Call, Handle, Operation};

/// Records a contact at an existing account; answers its new id.
impl Operation for CreateContactInput {
    type Service = IdentityService;
    type Answer = String;
    const NAME: &'static str = "create_contact";
    const ACCESS: Access = Access::Requires(Permission::IdentityWrite);
}

#[async_trait]
impl Handle<CreateContactInput> for IdentityService {
    async fn handle(&self, call: &Call, op: CreateContactInput) -> Result<String, CommandError> {
        self.commands.create_contact(&call.context, op).await
    }
}

/// Replaces a contact's details.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateContactDetails {
    pub id: String,
    pub input: ContactDetailsInput,
}

impl Operation for UpdateContactDetails {
    type Service = IdentityService;
    type Answer = ();
    const NAME: &'static str = "update_contact_details";
    const ACCESS: Access = Access::Requires(Permission::IdentityWrite);
}

#[async_trait]
impl Handle<UpdateContactDetails> for IdentityService {
    async fn handle(&self, call: &Call, op: UpdateContactDetails) -> Result<(), CommandError> {
        self.commands
            .update_contact_details(&call.context, &op.id, op.input)
            .await
    }
}

/// One contact, if the read model has it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
}

impl Operation for Contact {
    type Service = IdentityService;
    type Answer = Option<ContactRow>;
    const NAME: &'static str = "contact";
    const ACCESS: Access = Access::Requires(Permission::IdentityRead);
}

#[async_trait]
impl Handle<Contact> for IdentityService {
    async fn handle(&self, _: &Call, op: Contact) -> Result<Option<ContactRow>, CommandError> {
        self.queries
            .contact(&op.id)
            .await
            .map_err(CommandError::from)
    }
}

/// The contacts at an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactsOf {
    pub account_id: String,
}

impl Operation for ContactsOf {
    type Service = IdentityService;
    type Answer = Vec<ContactRow>;
    const NAME: &'static str = "contacts_of";
    const ACCESS: Access = Access::Requires(Permission::IdentityRead);
}

#[async_trait]
impl Handle<ContactsOf> for IdentityService {
    async fn handle(&self, _: &Call, op: ContactsOf) -> Result<Vec<ContactRow>, CommandError> {
        self.queries
            .contacts_of(&op.account_id)
            .await
            .map_err(CommandError::from)
    }
}
