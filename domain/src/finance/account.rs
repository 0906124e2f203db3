//! The ledger account aggregate: one account of the chart of accounts, addressed by its
//! code. Accounts are opened, renamed and closed; never deleted, so every journal that
//! ever posted to one keeps its meaning.

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::{FinanceError, LedgerAccountCommand, LedgerAccountEvent, LEDGER_ACCOUNT_AGGREGATE};
use crate::values::Name;

/// Where an account sits in the financial statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountType {
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

impl AccountType {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountType::Asset => "ASSET",
            AccountType::Liability => "LIABILITY",
            AccountType::Equity => "EQUITY",
            AccountType::Income => "INCOME",
            AccountType::Expense => "EXPENSE",
        }
    }
}

/// The kind of cost a cost-of-sales account collects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CostType {
    Labour,
    Materials,
    Plant,
    Subcontractors,
}

impl CostType {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CostType::Labour => "LABOUR",
            CostType::Materials => "MATERIALS",
            CostType::Plant => "PLANT",
            CostType::Subcontractors => "SUBCONTRACTORS",
        }
    }
}

/// Whether an account takes postings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountStatus {
    #[default]
    Open,
    Closed,
}

/// The state a ledger account's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerAccount {
    opened: bool,
    name: String,
    status: AccountStatus,
}

impl LedgerAccount {
    /// Whether the account has been opened.
    pub fn exists(&self) -> bool {
        self.opened
    }

    /// Whether the account takes postings.
    pub fn status(&self) -> AccountStatus {
        self.status
    }
}

/// Validates an account code: exactly four digits.
pub fn account_code(code: &str) -> Result<String, FinanceError> {
    let code = code.trim();
    if code.len() == 4 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        // Echo a short prefix only: the message must stay readable whatever was sent.
        let shown: String = code.chars().take(12).filter(|c| !c.is_control()).collect();
        let ellipsis = if code.chars().count() > 12 { "…" } else { "" };
        Err(FinanceError::InvalidAccountCode(format!(
            "{shown}{ellipsis}"
        )))
    }
}

/// An account's name: a [`Name`] (one line, at most 200 characters).
fn required(field: &'static str, value: &str) -> Result<String, FinanceError> {
    Ok(Name::parse(field, value)?.into_string())
}

impl LedgerAccount {
    fn decide(&self, command: LedgerAccountCommand) -> Result<LedgerAccountEvent, FinanceError> {
        match command {
            LedgerAccountCommand::OpenLedgerAccount {
                code,
                name,
                account_type,
                cost_type,
            } => {
                if self.opened {
                    return Err(FinanceError::AccountAlreadyExists);
                }
                if cost_type.is_some() && account_type != AccountType::Expense {
                    return Err(FinanceError::CostTypeOnNonExpense);
                }
                Ok(LedgerAccountEvent::LedgerAccountOpened {
                    code: account_code(&code)?,
                    name: required("name", &name)?,
                    account_type,
                    cost_type,
                })
            }
            LedgerAccountCommand::RenameLedgerAccount { name } => {
                if !self.opened {
                    return Err(FinanceError::AccountNotFound);
                }
                Ok(LedgerAccountEvent::LedgerAccountRenamed {
                    from: self.name.clone(),
                    to: required("name", &name)?,
                })
            }
            LedgerAccountCommand::CloseLedgerAccount => {
                if !self.opened {
                    return Err(FinanceError::AccountNotFound);
                }
                if self.status == AccountStatus::Closed {
                    return Err(FinanceError::AccountAlreadyClosed);
                }
                Ok(LedgerAccountEvent::LedgerAccountClosed {})
            }
        }
    }
}

impl Aggregate for LedgerAccount {
    const TYPE: &'static str = LEDGER_ACCOUNT_AGGREGATE;
    type Command = LedgerAccountCommand;
    type Event = LedgerAccountEvent;
    type Error = FinanceError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            LedgerAccountEvent::LedgerAccountOpened { name, .. } => {
                self.opened = true;
                self.name = name;
                self.status = AccountStatus::Open;
            }
            LedgerAccountEvent::LedgerAccountRenamed { to, .. } => self.name = to,
            LedgerAccountEvent::LedgerAccountClosed {} => self.status = AccountStatus::Closed,
        }
    }
}

impl crate::stored::Stored for LedgerAccount {}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;

    fn open(
        code: &str,
        account_type: AccountType,
        cost_type: Option<CostType>,
    ) -> LedgerAccountCommand {
        LedgerAccountCommand::OpenLedgerAccount {
            code: code.into(),
            name: " Cost of sales: plant ".into(),
            account_type,
            cost_type,
        }
    }

    fn opened() -> LedgerAccountEvent {
        LedgerAccountEvent::LedgerAccountOpened {
            code: "5300".into(),
            name: "Cost of sales: plant".into(),
            account_type: AccountType::Expense,
            cost_type: Some(CostType::Plant),
        }
    }

    #[test]
    fn opens_an_account() {
        TestFramework::<LedgerAccount>::with(())
            .given_no_previous_events()
            .when(open("5300", AccountType::Expense, Some(CostType::Plant)))
            .then_expect_events(vec![opened()]);
    }

    #[test]
    fn refuses_a_malformed_code() {
        TestFramework::<LedgerAccount>::with(())
            .given_no_previous_events()
            .when(open("53A", AccountType::Expense, None))
            .then_expect_error(FinanceError::InvalidAccountCode("53A".into()));
    }

    #[test]
    fn refuses_a_cost_type_outside_expenses() {
        TestFramework::<LedgerAccount>::with(())
            .given_no_previous_events()
            .when(open("1000", AccountType::Asset, Some(CostType::Labour)))
            .then_expect_error(FinanceError::CostTypeOnNonExpense);
    }

    #[test]
    fn refuses_to_open_twice() {
        TestFramework::<LedgerAccount>::with(())
            .given(vec![opened()])
            .when(open("5300", AccountType::Expense, Some(CostType::Plant)))
            .then_expect_error(FinanceError::AccountAlreadyExists);
    }

    #[test]
    fn renames_keeping_the_old_name_in_the_event() {
        TestFramework::<LedgerAccount>::with(())
            .given(vec![opened()])
            .when(LedgerAccountCommand::RenameLedgerAccount {
                name: "Plant hire".into(),
            })
            .then_expect_events(vec![LedgerAccountEvent::LedgerAccountRenamed {
                from: "Cost of sales: plant".into(),
                to: "Plant hire".into(),
            }]);
    }

    #[test]
    fn refuses_to_rename_an_unknown_account() {
        TestFramework::<LedgerAccount>::with(())
            .given_no_previous_events()
            .when(LedgerAccountCommand::RenameLedgerAccount { name: "X".into() })
            .then_expect_error(FinanceError::AccountNotFound);
    }

    #[test]
    fn closes_once() {
        TestFramework::<LedgerAccount>::with(())
            .given(vec![opened(), LedgerAccountEvent::LedgerAccountClosed {}])
            .when(LedgerAccountCommand::CloseLedgerAccount)
            .then_expect_error(FinanceError::AccountAlreadyClosed);
    }
}
