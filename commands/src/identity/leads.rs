//! Lead commands: capture, qualify, disqualify and convert. A caller who does not see
//! every lead (a sales rep) acts only on leads they own; to them others do not exist.
//!
//! Conversion happens in two steps that are each safe to repeat. The lead records
//! `LeadConverted` with freshly minted account and contact ids — once; a repeated
//! conversion records nothing. Then the ids the lead recorded (read back from the
//! event store) are used to create the account and the contact through their own
//! aggregates, where "already exists" means a previous attempt got there first. So a
//! conversion sent twice, or retried after a crash between the steps, ends with
//! exactly one account and one contact.

use constructos_domain::access::{sees_every_lead, Permission};
use constructos_domain::identity::{
    Account, AccountCommand, AccountKind, Contact, ContactCommand, IdentityError, Lead,
    LeadCommand, LeadConversion,
};
use cqrs_es::{Aggregate, AggregateError};
use uuid::Uuid;

use super::inputs::{given_id, reason as checked_reason};
use super::{CaptureLeadInput, IdentityCommands, LeadConverted};
use crate::execute::{execute, execute_new, report, try_execute};
use crate::{CommandContext, CommandError};

/// The subject whose leads alone the caller may act on; `None` when they see every lead.
fn owned_by(ctx: &CommandContext) -> Option<String> {
    (!sees_every_lead(&ctx.caller.roles)).then(|| ctx.caller.subject.clone())
}

impl IdentityCommands {
    /// Captures a lead owned by the caller; returns its new id.
    pub async fn capture_lead(
        &self,
        ctx: &CommandContext,
        input: CaptureLeadInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::LeadsWrite)?;
        let input = input.checked()?;
        let id = Uuid::now_v7().to_string();
        let command = LeadCommand::CaptureLead {
            company_name: input.company_name,
            contact_first_name: input.contact_first_name,
            contact_last_name: input.contact_last_name,
            email: input.email,
            phone: input.phone,
            source: input.source,
            estimated_value: input.estimated_value,
            owner: ctx.caller.subject.clone(),
        };
        execute_new(&self.leads, ctx, &id, command).await?;
        Ok(id)
    }

    /// Marks a new lead as worth pursuing.
    pub async fn qualify_lead(
        &self,
        ctx: &CommandContext,
        lead_id: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::LeadsWrite)?;
        let lead_id = given_id("id", lead_id)?;
        let command = LeadCommand::QualifyLead {
            owned_by: owned_by(ctx),
        };
        execute(&self.leads, ctx, &lead_id, command).await
    }

    /// Closes a lead as not worth pursuing, with the reason.
    pub async fn disqualify_lead(
        &self,
        ctx: &CommandContext,
        lead_id: &str,
        reason: String,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::LeadsWrite)?;
        let lead_id = given_id("id", lead_id)?;
        let command = LeadCommand::DisqualifyLead {
            reason: checked_reason("reason", &reason)?,
            owned_by: owned_by(ctx),
        };
        execute(&self.leads, ctx, &lead_id, command).await
    }

    /// Converts a qualified lead into a customer account and a contact, at most once;
    /// returns the ids the lead was converted into (the same ones on every retry).
    pub async fn convert_lead(
        &self,
        ctx: &CommandContext,
        lead_id: &str,
    ) -> Result<LeadConverted, CommandError> {
        ctx.require(Permission::LeadsWrite)?;
        let lead_id = &given_id("id", lead_id)?;
        let command = LeadCommand::ConvertLead {
            account_id: Uuid::now_v7().to_string(),
            contact_id: Uuid::now_v7().to_string(),
            owned_by: owned_by(ctx),
        };
        execute(&self.leads, ctx, lead_id, command).await?;
        let conversion = self.recorded_conversion(lead_id).await?;

        let account = AccountCommand::CreateAccount {
            kind: AccountKind::Customer,
            name: conversion.company_name.clone(),
            registration_number: None,
            vat_number: None,
        };
        let created = try_execute(&self.accounts, ctx, &conversion.account_id, account).await;
        already_done(created, IdentityError::AccountAlreadyExists)
            .map_err(|e| report::<Account>(ctx, &conversion.account_id, e))?;

        let contact = ContactCommand::CreateContact {
            account_id: conversion.account_id.clone(),
            first_name: conversion.contact_first_name.clone(),
            last_name: conversion.contact_last_name.clone(),
            email: conversion.email.clone(),
            phone: conversion.phone.clone(),
            job_title: None,
        };
        let created = try_execute(&self.contacts, ctx, &conversion.contact_id, contact).await;
        already_done(created, IdentityError::ContactAlreadyExists)
            .map_err(|e| report::<Contact>(ctx, &conversion.contact_id, e))?;

        Ok(LeadConverted {
            lead_id: lead_id.to_string(),
            account_id: conversion.account_id,
            contact_id: conversion.contact_id,
        })
    }

    /// The conversion the lead's events record.
    async fn recorded_conversion(&self, lead_id: &str) -> Result<LeadConversion, CommandError> {
        let lead = self.leads.load(lead_id).await?.aggregate;
        lead.conversion().cloned().ok_or_else(|| {
            CommandError::Internal(format!(
                "lead {lead_id} ({}) accepted a conversion but records none",
                <Lead as Aggregate>::TYPE
            ))
        })
    }
}

/// Treats the refusal `done` as success: a previous attempt already did the work.
fn already_done(
    result: Result<(), AggregateError<IdentityError>>,
    done: IdentityError,
) -> Result<(), AggregateError<IdentityError>> {
    match result {
        Err(AggregateError::UserError(e)) if e == done => Ok(()),
        other => other,
    }
}
