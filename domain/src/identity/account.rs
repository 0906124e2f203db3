//! The account aggregate: a customer, vendor or subcontractor the company deals with.

use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use super::values::{optional_text, registration_number, required_name, vat_number};
use super::{
    AccountCommand, AccountEvent, AccountKind, AccountStatus, IdentityError, ACCOUNT_AGGREGATE,
};

/// The state an account's decisions need, rebuilt from its events.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    created: bool,
    kind: Option<AccountKind>,
    name: String,
    registration_number: Option<String>,
    vat_number: Option<String>,
    status: AccountStatus,
}

impl Account {
    /// Whether the account has been created.
    pub fn exists(&self) -> bool {
        self.created
    }

    /// The account's current status.
    pub fn status(&self) -> AccountStatus {
        self.status
    }

    fn decide(&self, command: AccountCommand) -> Result<Vec<AccountEvent>, IdentityError> {
        match command {
            AccountCommand::CreateAccount {
                kind,
                name,
                registration_number: reg,
                vat_number: vat,
            } => {
                if self.created {
                    return Err(IdentityError::AccountAlreadyExists);
                }
                Ok(vec![AccountEvent::AccountCreated {
                    kind,
                    name: required_name("name", &name)?,
                    registration_number: registration_number(reg)?,
                    vat_number: vat_number(vat)?,
                }])
            }
            AccountCommand::UpdateAccountDetails {
                name,
                registration_number: reg,
                vat_number: vat,
            } => {
                self.require_changeable()?;
                let name = required_name("name", &name)?;
                let reg = registration_number(reg)?;
                let vat = vat_number(vat)?;
                if name == self.name && reg == self.registration_number && vat == self.vat_number {
                    return Err(IdentityError::NothingChanged);
                }
                Ok(vec![AccountEvent::AccountDetailsUpdated {
                    name,
                    registration_number: reg,
                    vat_number: vat,
                }])
            }
            AccountCommand::ChangeAccountStatus { status, reason } => {
                self.require_changeable()?;
                if status == self.status {
                    return Err(IdentityError::StatusUnchanged(status));
                }
                Ok(vec![AccountEvent::AccountStatusChanged {
                    from: self.status,
                    to: status,
                    reason: optional_text(reason),
                }])
            }
        }
    }

    fn require_changeable(&self) -> Result<(), IdentityError> {
        if !self.created {
            return Err(IdentityError::AccountNotFound);
        }
        if self.status == AccountStatus::Archived {
            return Err(IdentityError::AccountArchived);
        }
        Ok(())
    }
}

impl Aggregate for Account {
    const TYPE: &'static str = ACCOUNT_AGGREGATE;
    type Command = AccountCommand;
    type Event = AccountEvent;
    type Error = IdentityError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            AccountEvent::AccountCreated {
                kind,
                name,
                registration_number,
                vat_number,
            } => {
                self.created = true;
                self.kind = Some(kind);
                self.name = name;
                self.registration_number = registration_number;
                self.vat_number = vat_number;
                self.status = AccountStatus::Active;
            }
            AccountEvent::AccountDetailsUpdated {
                name,
                registration_number,
                vat_number,
            } => {
                self.name = name;
                self.registration_number = registration_number;
                self.vat_number = vat_number;
            }
            AccountEvent::AccountStatusChanged { to, .. } => self.status = to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;
    use proptest::prelude::*;

    type AccountTest = TestFramework<Account>;

    fn created() -> AccountEvent {
        AccountEvent::AccountCreated {
            kind: AccountKind::Customer,
            name: "Ubuntu Builders (Pty) Ltd".into(),
            registration_number: Some("2015/123456/07".into()),
            vat_number: Some("4123456789".into()),
        }
    }

    fn status_changed(from: AccountStatus, to: AccountStatus) -> AccountEvent {
        AccountEvent::AccountStatusChanged {
            from,
            to,
            reason: None,
        }
    }

    #[test]
    fn creates_an_account_with_trimmed_validated_details() {
        AccountTest::with(())
            .given_no_previous_events()
            .when(AccountCommand::CreateAccount {
                kind: AccountKind::Customer,
                name: "  Ubuntu Builders (Pty) Ltd ".into(),
                registration_number: Some("2015/123456/07".into()),
                vat_number: Some("412 345 6789".into()),
            })
            .then_expect_events(vec![created()]);
    }

    #[test]
    fn refuses_to_create_twice() {
        AccountTest::with(())
            .given(vec![created()])
            .when(AccountCommand::CreateAccount {
                kind: AccountKind::Vendor,
                name: "Another".into(),
                registration_number: None,
                vat_number: None,
            })
            .then_expect_error(IdentityError::AccountAlreadyExists);
    }

    #[test]
    fn refuses_a_blank_name() {
        AccountTest::with(())
            .given_no_previous_events()
            .when(AccountCommand::CreateAccount {
                kind: AccountKind::Vendor,
                name: "   ".into(),
                registration_number: None,
                vat_number: None,
            })
            .then_expect_error(IdentityError::Required("name"));
    }

    #[test]
    fn refuses_a_malformed_vat_number() {
        AccountTest::with(())
            .given_no_previous_events()
            .when(AccountCommand::CreateAccount {
                kind: AccountKind::Vendor,
                name: "Cement Co".into(),
                registration_number: None,
                vat_number: Some("123".into()),
            })
            .then_expect_error(IdentityError::InvalidVatNumber("123".into()));
    }

    #[test]
    fn updates_details() {
        AccountTest::with(())
            .given(vec![created()])
            .when(AccountCommand::UpdateAccountDetails {
                name: "Ubuntu Construction".into(),
                registration_number: Some("2015/123456/07".into()),
                vat_number: None,
            })
            .then_expect_events(vec![AccountEvent::AccountDetailsUpdated {
                name: "Ubuntu Construction".into(),
                registration_number: Some("2015/123456/07".into()),
                vat_number: None,
            }]);
    }

    #[test]
    fn refuses_an_update_that_changes_nothing() {
        AccountTest::with(())
            .given(vec![created()])
            .when(AccountCommand::UpdateAccountDetails {
                name: "Ubuntu Builders (Pty) Ltd".into(),
                registration_number: Some("2015/123456/07".into()),
                vat_number: Some("4123456789".into()),
            })
            .then_expect_error(IdentityError::NothingChanged);
    }

    #[test]
    fn refuses_to_update_an_unknown_account() {
        AccountTest::with(())
            .given_no_previous_events()
            .when(AccountCommand::ChangeAccountStatus {
                status: AccountStatus::OnHold,
                reason: None,
            })
            .then_expect_error(IdentityError::AccountNotFound);
    }

    #[test]
    fn puts_on_hold_with_a_reason() {
        AccountTest::with(())
            .given(vec![created()])
            .when(AccountCommand::ChangeAccountStatus {
                status: AccountStatus::OnHold,
                reason: Some(" overdue 90 days ".into()),
            })
            .then_expect_events(vec![AccountEvent::AccountStatusChanged {
                from: AccountStatus::Active,
                to: AccountStatus::OnHold,
                reason: Some("overdue 90 days".into()),
            }]);
    }

    #[test]
    fn refuses_an_unchanged_status() {
        AccountTest::with(())
            .given(vec![created()])
            .when(AccountCommand::ChangeAccountStatus {
                status: AccountStatus::Active,
                reason: None,
            })
            .then_expect_error(IdentityError::StatusUnchanged(AccountStatus::Active));
    }

    #[test]
    fn an_archived_account_is_final() {
        AccountTest::with(())
            .given(vec![
                created(),
                status_changed(AccountStatus::Active, AccountStatus::Archived),
            ])
            .when(AccountCommand::ChangeAccountStatus {
                status: AccountStatus::Active,
                reason: None,
            })
            .then_expect_error(IdentityError::AccountArchived);
    }

    fn any_status() -> impl Strategy<Value = AccountStatus> {
        prop_oneof![
            Just(AccountStatus::Active),
            Just(AccountStatus::OnHold),
            Just(AccountStatus::Archived),
        ]
    }

    proptest! {
        /// Whatever statuses are asked for, the recorded history is a chain: each
        /// change starts where the last ended, and nothing follows an archive.
        #[test]
        fn status_history_is_a_chain(asks in proptest::collection::vec(any_status(), 0..12)) {
            let mut account = Account::default();
            account.apply(created());
            let mut history = Vec::new();
            for status in asks {
                if let Ok(events) = account.decide(AccountCommand::ChangeAccountStatus { status, reason: None }) {
                    for event in events {
                        history.push(event.clone());
                        account.apply(event);
                    }
                }
            }
            let mut current = AccountStatus::Active;
            for event in &history {
                let AccountEvent::AccountStatusChanged { from, to, .. } = event else {
                    unreachable!("only status changes were asked for");
                };
                prop_assert_eq!(*from, current);
                prop_assert_ne!(*from, *to);
                prop_assert_ne!(current, AccountStatus::Archived);
                current = *to;
            }
            prop_assert_eq!(account.status(), current);
        }
    }
}
