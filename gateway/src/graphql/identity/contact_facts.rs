//! Mutations that record a contact's roles, communication preferences and POPIA
//! consent. Each is guarded by `identity.write` and becomes its own event.

use async_graphql::{Context, InputObject, Object, ID};
use chrono::NaiveDate;
use constructos_domain::identity as domain;

use super::enums::{Channel, ContactRole};
use constructos_services::identity::{
    ChangeCommunicationPreferences, ChangeContactRoles, RecordPopiaConsent,
};

use super::{accepted, Accepted};
use crate::graphql::errors::ask;

/// The channels a contact allows, and the one they prefer (which must be allowed).
#[derive(InputObject)]
pub struct CommunicationPreferencesInput {
    email: bool,
    phone: bool,
    sms: bool,
    whatsapp: bool,
    preferred_channel: Option<Channel>,
}

#[derive(Default)]
pub struct ContactFactsMutation;

#[Object]
impl ContactFactsMutation {
    /// Replaces the roles the contact plays at the account. Guarded by `identity.write`.
    async fn change_contact_roles(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(validator(max_items = 20))] roles: Vec<ContactRole>,
    ) -> async_graphql::Result<Accepted> {
        let roles = roles.into_iter().map(domain::ContactRole::from).collect();
        let change = ChangeContactRoles {
            id: id.0.clone(),
            roles,
        };
        ask(ctx, change).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Replaces the channels the contact allows and prefers. Guarded by `identity.write`.
    async fn change_contact_preferences(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CommunicationPreferencesInput,
    ) -> async_graphql::Result<Accepted> {
        let preferences = domain::CommunicationPreferences {
            email: input.email,
            phone: input.phone,
            sms: input.sms,
            whatsapp: input.whatsapp,
            preferred_channel: input.preferred_channel.map(Into::into),
        };
        let change = ChangeCommunicationPreferences {
            id: id.0.clone(),
            preferences,
        };
        ask(ctx, change).await?;
        Ok(accepted(ctx, id.0))
    }

    /// Records that the contact gave (`given: true`) or withdrew POPIA consent to direct
    /// marketing on the business date `on`. Withdrawn consent turns every marketing
    /// channel off. Guarded by `identity.write`.
    async fn record_popia_consent(
        &self,
        ctx: &Context<'_>,
        id: ID,
        given: bool,
        on: NaiveDate,
    ) -> async_graphql::Result<Accepted> {
        let consent = RecordPopiaConsent {
            id: id.0.clone(),
            given,
            on,
        };
        ask(ctx, consent).await?;
        Ok(accepted(ctx, id.0))
    }
}
