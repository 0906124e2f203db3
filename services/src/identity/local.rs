//! The identity service in-process: permission checks, then the command side or the
//! read models of the identity database. Leads are answered in `local_leads.rs`.

use async_trait::async_trait;
use constructos_commands::identity::IdentityCommands;
use constructos_commands::CommandError;
use constructos_domain::access::Permission;
use constructos_projections::identity::{IdentityQueries, InvalidCursor};
use sqlx::PgPool;

use super::{IdentityApi, IdentityRequest, IdentityResponse};
use crate::Call;

/// Identity answered from its own database.
#[derive(Clone)]
pub struct LocalIdentity {
    pub(super) commands: IdentityCommands,
    pub(super) queries: IdentityQueries,
}

impl LocalIdentity {
    /// The service over the identity database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            commands: IdentityCommands::new(pool.clone()),
            queries: IdentityQueries::new(pool),
        }
    }
}

pub(super) fn read_failed(error: anyhow::Error) -> CommandError {
    match error.downcast_ref::<InvalidCursor>() {
        Some(invalid) => CommandError::Rejected(invalid.to_string()),
        None => CommandError::Internal(format!("{error:#}")),
    }
}

#[async_trait]
impl IdentityApi for LocalIdentity {
    async fn handle(
        &self,
        call: &Call,
        request: IdentityRequest,
    ) -> Result<IdentityResponse, CommandError> {
        let ctx = &call.context;
        let c = &self.commands;
        let q = &self.queries;
        use IdentityRequest as R;
        use IdentityResponse as A;
        match request {
            R::CreateAccount { input } => c.create_account(ctx, input).await.map(A::Created),
            R::UpdateAccountDetails { id, input } => c
                .update_account_details(ctx, &id, input)
                .await
                .map(|_| A::Done),
            R::ChangeAccountStatus { id, status, reason } => c
                .change_account_status(ctx, &id, status, reason)
                .await
                .map(|_| A::Done),
            R::CreateContact { input } => c.create_contact(ctx, input).await.map(A::Created),
            R::UpdateContactDetails { id, input } => c
                .update_contact_details(ctx, &id, input)
                .await
                .map(|_| A::Done),
            R::Accounts {
                filter,
                first,
                after,
            } => {
                ctx.require(Permission::IdentityRead)?;
                q.accounts(&filter, first, after.as_deref())
                    .await
                    .map(A::Accounts)
                    .map_err(read_failed)
            }
            R::Account { id } => {
                ctx.require(Permission::IdentityRead)?;
                q.account(&id).await.map(A::Account).map_err(read_failed)
            }
            R::Contact { id } => {
                ctx.require(Permission::IdentityRead)?;
                q.contact(&id).await.map(A::Contact).map_err(read_failed)
            }
            R::ContactsOf { account_id } => {
                ctx.require(Permission::IdentityRead)?;
                q.contacts_of(&account_id)
                    .await
                    .map(A::Contacts)
                    .map_err(read_failed)
            }
            R::ProvisionSelf => c.provision_user(ctx).await.map(A::Created),
            R::LinkUser {
                id,
                employee_id,
                contact_id,
            } => c
                .link_user(ctx, &id, employee_id, contact_id)
                .await
                .map(|_| A::Done),
            R::AssignUser {
                id,
                projects,
                sites,
            } => c
                .assign_user(ctx, &id, projects, sites)
                .await
                .map(|_| A::Done),
            // Row-level: without `identity.users.read` a caller sees only their own user.
            R::Users => {
                let only = (!ctx.caller.may(Permission::UsersRead)).then(|| ctx.caller.user_id());
                q.users(only).await.map(A::Users).map_err(read_failed)
            }
            R::User { id } => {
                if !ctx.caller.may(Permission::UsersRead) && id != ctx.caller.user_id() {
                    return Ok(A::User(None));
                }
                q.user(&id).await.map(A::User).map_err(read_failed)
            }
            R::ChangeTradingName { id, trading_name } => c
                .change_trading_name(ctx, &id, trading_name)
                .await
                .map(|_| A::Done),
            R::ChangeTaxReference { id, tax_reference } => c
                .change_tax_reference(ctx, &id, tax_reference)
                .await
                .map(|_| A::Done),
            R::CertifyBbbee {
                id,
                level,
                certificate_expires_on,
            } => c
                .certify_bbbee(ctx, &id, level, certificate_expires_on)
                .await
                .map(|_| A::Done),
            R::GradeCidb { id, designation } => {
                c.grade_cidb(ctx, &id, designation).await.map(|_| A::Done)
            }
            R::ChangeAddress {
                id,
                address_type,
                address,
            } => c
                .change_address(ctx, &id, address_type, address)
                .await
                .map(|_| A::Done),
            R::ChangePaymentTerms { id, terms } => c
                .change_payment_terms(ctx, &id, terms)
                .await
                .map(|_| A::Done),
            R::AddressesOf { account_id } => {
                ctx.require(Permission::IdentityRead)?;
                q.addresses_of(&account_id)
                    .await
                    .map(A::Addresses)
                    .map_err(read_failed)
            }
            R::StatusHistoryOf { account_id } => {
                ctx.require(Permission::IdentityRead)?;
                q.status_history_of(&account_id)
                    .await
                    .map(A::StatusHistory)
                    .map_err(read_failed)
            }
            R::ChangeContactRoles { id, roles } => c
                .change_contact_roles(ctx, &id, roles)
                .await
                .map(|_| A::Done),
            R::ChangeCommunicationPreferences { id, preferences } => c
                .change_communication_preferences(ctx, &id, preferences)
                .await
                .map(|_| A::Done),
            R::RecordPopiaConsent { id, given, on } => c
                .record_popia_consent(ctx, &id, given, on)
                .await
                .map(|_| A::Done),
            lead @ (R::CaptureLead { .. }
            | R::QualifyLead { .. }
            | R::DisqualifyLead { .. }
            | R::ConvertLead { .. }
            | R::Leads { .. }
            | R::Lead { .. }) => self.handle_lead(ctx, lead).await,
        }
    }
}
