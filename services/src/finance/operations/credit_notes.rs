//! Tax credit notes.

use async_trait::async_trait;
use constructos_commands::finance::{IssueCreditNoteInput, IssuedCreditNote};
use constructos_commands::CommandError;
use constructos_domain::access::Access;
use constructos_projections::finance::CreditNoteRow;
use serde::{Deserialize, Serialize};

use super::{JOURNAL_POSTERS, LEDGER_READERS};
use crate::finance::FinanceService;
use crate::{Call, Handle, Operation};

/// Issues a tax credit note against an issued invoice; answers its id and number.
impl Operation for IssueCreditNoteInput {
    type Service = FinanceService;
    type Answer = IssuedCreditNote;
    const NAME: &'static str = "issue_credit_note";
    const ACCESS: Access = JOURNAL_POSTERS;
}

#[async_trait]
impl Handle<IssueCreditNoteInput> for FinanceService {
    async fn handle(
        &self,
        call: &Call,
        op: IssueCreditNoteInput,
    ) -> Result<IssuedCreditNote, CommandError> {
        self.commands.issue_credit_note(&call.context, op).await
    }
}

/// Credit notes, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreditNotes;

impl Operation for CreditNotes {
    type Service = FinanceService;
    type Answer = Vec<CreditNoteRow>;
    const NAME: &'static str = "credit_notes";
    const ACCESS: Access = LEDGER_READERS;
}

#[async_trait]
impl Handle<CreditNotes> for FinanceService {
    async fn handle(&self, _: &Call, _: CreditNotes) -> Result<Vec<CreditNoteRow>, CommandError> {
        self.queries
            .credit_notes()
            .await
            .map_err(CommandError::from)
    }
}
