//! Leads in-process, with the row-level rule: Admin, Auditor and Sales_Manager see every
//! lead; any other holder of `identity.leads.read` (a Sales_Rep) sees only the leads
//! they own. The command side applies the same rule to writes.

use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::{sees_every_lead, Permission};

use super::local::read_failed;
use super::{IdentityRequest as R, IdentityResponse as A, LocalIdentity};

/// The owner a caller's lead reads are limited to; `None` when they see every lead.
fn visible_to(ctx: &CommandContext) -> Option<&str> {
    (!sees_every_lead(&ctx.caller.roles)).then_some(ctx.caller.subject.as_str())
}

impl LocalIdentity {
    /// Answers the lead requests; any other request is a programming error.
    pub(super) async fn handle_lead(
        &self,
        ctx: &CommandContext,
        request: R,
    ) -> Result<A, CommandError> {
        let (c, q) = (&self.commands, &self.queries);
        match request {
            R::CaptureLead { input } => c.capture_lead(ctx, input).await.map(A::Created),
            R::QualifyLead { id } => c.qualify_lead(ctx, &id).await.map(|_| A::Done),
            R::DisqualifyLead { id, reason } => {
                c.disqualify_lead(ctx, &id, reason).await.map(|_| A::Done)
            }
            R::ConvertLead { id } => c.convert_lead(ctx, &id).await.map(A::Converted),
            R::Leads {
                filter,
                first,
                after,
            } => {
                ctx.require(Permission::LeadsRead)?;
                q.leads(&filter, visible_to(ctx), first, after.as_deref())
                    .await
                    .map(A::Leads)
                    .map_err(read_failed)
            }
            R::Lead { id } => {
                ctx.require(Permission::LeadsRead)?;
                q.lead(&id, visible_to(ctx))
                    .await
                    .map(A::Lead)
                    .map_err(read_failed)
            }
            other => Err(CommandError::Internal(format!(
                "not a lead request: {other:?}"
            ))),
        }
    }
}
