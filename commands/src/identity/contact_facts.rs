//! Commands that record what a contact does at the account, how they may be reached,
//! and their POPIA consent.

use chrono::NaiveDate;
use constructos_domain::access::Permission;
use constructos_domain::identity::{CommunicationPreferences, ContactCommand, ContactRole};

use super::inputs::{date, given_id};
use super::IdentityCommands;
use crate::execute::execute;
use crate::{CommandContext, CommandError};

impl IdentityCommands {
    async fn change_contact(
        &self,
        ctx: &CommandContext,
        contact_id: &str,
        command: ContactCommand,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::IdentityWrite)?;
        let contact_id = given_id("id", contact_id)?;
        execute(&self.contacts, ctx, &contact_id, command).await
    }

    /// Replaces the roles the contact plays at the account.
    pub async fn change_contact_roles(
        &self,
        ctx: &CommandContext,
        contact_id: &str,
        roles: Vec<ContactRole>,
    ) -> Result<(), CommandError> {
        let command = ContactCommand::ChangeContactRoles { roles };
        self.change_contact(ctx, contact_id, command).await
    }

    /// Replaces the channels the contact allows and prefers.
    pub async fn change_communication_preferences(
        &self,
        ctx: &CommandContext,
        contact_id: &str,
        preferences: CommunicationPreferences,
    ) -> Result<(), CommandError> {
        let command = ContactCommand::ChangeCommunicationPreferences { preferences };
        self.change_contact(ctx, contact_id, command).await
    }

    /// Records POPIA consent given (`true`) or withdrawn on the business date `on`.
    pub async fn record_popia_consent(
        &self,
        ctx: &CommandContext,
        contact_id: &str,
        given: bool,
        on: NaiveDate,
    ) -> Result<(), CommandError> {
        let on = date("on", on)?;
        let command = ContactCommand::RecordPopiaConsent { given, on };
        self.change_contact(ctx, contact_id, command).await
    }
}
