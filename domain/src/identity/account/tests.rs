//! Given/when/then tests of the account aggregate: at least one refusal per command.

use cqrs_es::test::TestFramework;

use super::*;
use crate::values::{Problem, ValueError};

pub(super) type AccountTest = TestFramework<Account>;

pub(super) fn created() -> AccountEvent {
    created_as(AccountKind::Customer)
}

pub(super) fn created_as(kind: AccountKind) -> AccountEvent {
    AccountEvent::AccountCreated {
        kind,
        name: "Ubuntu Builders (Pty) Ltd".into(),
        registration_number: Some("2015/123456/07".into()),
        vat_number: Some("4123456789".into()),
    }
}

pub(super) fn status_changed(from: AccountStatus, to: AccountStatus) -> AccountEvent {
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
        .then_expect_error(IdentityError::Invalid(ValueError::new(
            "name",
            Problem::Required,
        )));
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
