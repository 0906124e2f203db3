//! Properties of the account aggregate over arbitrary command sequences.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::tests::created_as;
use super::*;
use crate::identity::{PaymentBasis, Province};

fn any_status() -> impl Strategy<Value = AccountStatus> {
    prop_oneof![
        Just(AccountStatus::Active),
        Just(AccountStatus::OnHold),
        Just(AccountStatus::Archived),
    ]
}

fn any_kind() -> impl Strategy<Value = AccountKind> {
    prop_oneof![
        Just(AccountKind::Customer),
        Just(AccountKind::Vendor),
        Just(AccountKind::Subcontractor),
    ]
}

/// Any command an account may be sent after it exists, valid or not.
fn any_command() -> impl Strategy<Value = AccountCommand> {
    prop_oneof![
        (any_status(), proptest::option::of("[a-z ]{0,8}"))
            .prop_map(|(status, reason)| AccountCommand::ChangeAccountStatus { status, reason }),
        proptest::option::of("[A-Za-z ]{0,12}")
            .prop_map(|trading_name| AccountCommand::ChangeTradingName { trading_name }),
        proptest::option::of("[0-9]{9,11}")
            .prop_map(|tax_reference| AccountCommand::ChangeTaxReference { tax_reference }),
        (0usize..9, any::<bool>()).prop_map(|(level, expires)| AccountCommand::CertifyBbbee {
            level: [
                BbbeeLevel::Level1,
                BbbeeLevel::Level2,
                BbbeeLevel::Level3,
                BbbeeLevel::Level4,
                BbbeeLevel::Level5,
                BbbeeLevel::Level6,
                BbbeeLevel::Level7,
                BbbeeLevel::Level8,
                BbbeeLevel::NonCompliant,
            ][level],
            certificate_expires_on: expires
                .then(|| NaiveDate::from_ymd_opt(2026, 2, 28).expect("date")),
        }),
        "[0-9][A-Z]{2}".prop_map(|designation| AccountCommand::GradeCidb { designation }),
        "[0-9]{3,5}".prop_map(|postal_code| AccountCommand::ChangeAddress {
            address_type: AddressType::Physical,
            address: Address {
                lines: vec!["1 Main Road".into()],
                city: "Polokwane".into(),
                province: Province::Limpopo,
                postal_code,
            },
        }),
        (0u16..200).prop_map(|days| AccountCommand::ChangePaymentTerms {
            terms: PaymentTerms {
                days,
                basis: PaymentBasis::FromStatement
            },
        }),
    ]
}

/// Runs `commands` against a new account of `kind`; returns it and the events recorded.
fn run(kind: AccountKind, commands: Vec<AccountCommand>) -> (Account, Vec<AccountEvent>) {
    let mut account = Account::default();
    account.apply(created_as(kind));
    let mut history = Vec::new();
    for command in commands {
        if let Ok(events) = account.decide(command) {
            for event in events {
                history.push(event.clone());
                account.apply(event);
            }
        }
    }
    (account, history)
}

proptest! {
    /// Whatever statuses are asked for, the recorded history is a chain: each
    /// change starts where the last ended, and nothing follows an archive.
    #[test]
    fn status_history_is_a_chain(asks in proptest::collection::vec(any_status(), 0..12)) {
        let commands = asks
            .into_iter()
            .map(|status| AccountCommand::ChangeAccountStatus { status, reason: None })
            .collect();
        let (account, history) = run(AccountKind::Customer, commands);
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

    /// Once archived, an account records nothing more, never leaves ARCHIVED and takes
    /// no new orders, whatever it is sent.
    #[test]
    fn an_archived_account_stays_archived_and_takes_no_orders(
        kind in any_kind(),
        before in proptest::collection::vec(any_command(), 0..8),
        after in proptest::collection::vec(any_command(), 0..16),
    ) {
        let (mut account, _) = run(kind, before);
        if account.status() != AccountStatus::Archived {
            let archive = AccountCommand::ChangeAccountStatus { status: AccountStatus::Archived, reason: None };
            for event in account.decide(archive).expect("a live account can be archived") {
                account.apply(event);
            }
        }
        for command in after {
            prop_assert_eq!(account.decide(command), Err(IdentityError::AccountArchived));
            prop_assert_eq!(account.status(), AccountStatus::Archived);
            prop_assert!(!account.can_take_orders());
        }
    }

    /// B-BBEE status is only ever recorded for vendors and subcontractors, and CIDB
    /// gradings only for subcontractors.
    #[test]
    fn bbbee_and_cidb_only_on_the_right_kinds(
        kind in any_kind(),
        commands in proptest::collection::vec(any_command(), 0..20),
    ) {
        let (account, history) = run(kind, commands);
        for event in &history {
            match event {
                AccountEvent::VendorBbbeeCertified { .. } => prop_assert_ne!(kind, AccountKind::Customer),
                AccountEvent::SubcontractorCidbGraded { grade, .. } => {
                    prop_assert_eq!(kind, AccountKind::Subcontractor);
                    prop_assert!((1..=9).contains(grade));
                }
                _ => {}
            }
        }
        if kind == AccountKind::Customer {
            prop_assert_eq!(account.bbbee(), None);
        }
        if kind != AccountKind::Subcontractor {
            prop_assert!(CidbClass::ALL.iter().all(|c| account.cidb_grade(*c).is_none()));
        }
        prop_assert_eq!(account.can_take_orders(), account.status() == AccountStatus::Active);
    }
}
