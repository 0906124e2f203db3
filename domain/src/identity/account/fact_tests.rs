//! Given/when/then tests of the account's further facts: trading name, tax reference,
//! B-BBEE, CIDB, addresses, payment terms, and what an archived account refuses.

use chrono::NaiveDate;

use super::tests::{created, created_as, status_changed, AccountTest};
use super::*;
use crate::identity::{PaymentBasis, Province};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn archived() -> Vec<AccountEvent> {
    vec![
        created(),
        status_changed(AccountStatus::Active, AccountStatus::Archived),
    ]
}

#[test]
fn sets_and_clears_a_trading_name() {
    AccountTest::with(())
        .given(vec![created()])
        .when(AccountCommand::ChangeTradingName {
            trading_name: Some(" Ubuntu Build ".into()),
        })
        .then_expect_events(vec![AccountEvent::AccountTradingNameChanged {
            trading_name: Some("Ubuntu Build".into()),
        }]);
    AccountTest::with(())
        .given(vec![created()])
        .when(AccountCommand::ChangeTradingName {
            trading_name: Some("  ".into()),
        })
        .then_expect_error(IdentityError::NothingChanged);
}

#[test]
fn records_a_tax_reference_and_refuses_a_malformed_one() {
    AccountTest::with(())
        .given(vec![created()])
        .when(AccountCommand::ChangeTaxReference {
            tax_reference: Some("9012 345 678".into()),
        })
        .then_expect_events(vec![AccountEvent::AccountTaxReferenceChanged {
            tax_reference: Some("9012345678".into()),
        }]);
    AccountTest::with(())
        .given(vec![created()])
        .when(AccountCommand::ChangeTaxReference {
            tax_reference: Some("90123".into()),
        })
        .then_expect_error(IdentityError::InvalidTaxReference("90123".into()));
}

#[test]
fn certifies_a_vendors_bbbee_level() {
    AccountTest::with(())
        .given(vec![created_as(AccountKind::Vendor)])
        .when(AccountCommand::CertifyBbbee {
            level: BbbeeLevel::Level2,
            certificate_expires_on: Some(date(2026, 6, 30)),
        })
        .then_expect_events(vec![AccountEvent::VendorBbbeeCertified {
            level: BbbeeLevel::Level2,
            certificate_expires_on: Some(date(2026, 6, 30)),
        }]);
}

#[test]
fn refuses_bbbee_on_a_customer_and_a_level_without_expiry() {
    AccountTest::with(())
        .given(vec![created()])
        .when(AccountCommand::CertifyBbbee {
            level: BbbeeLevel::Level1,
            certificate_expires_on: Some(date(2026, 1, 31)),
        })
        .then_expect_error(IdentityError::NotForAccountKind {
            what: "B-BBEE status",
            kind: AccountKind::Customer,
        });
    AccountTest::with(())
        .given(vec![created_as(AccountKind::Subcontractor)])
        .when(AccountCommand::CertifyBbbee {
            level: BbbeeLevel::Level4,
            certificate_expires_on: None,
        })
        .then_expect_error(IdentityError::BbbeeExpiry);
}

#[test]
fn the_bbbee_level_lapses_after_the_certificate_expires() {
    let mut account = Account::default();
    account.apply(created_as(AccountKind::Vendor));
    assert_eq!(account.bbbee_level_on(date(2025, 1, 1)), None);
    account.apply(AccountEvent::VendorBbbeeCertified {
        level: BbbeeLevel::Level3,
        certificate_expires_on: Some(date(2025, 12, 31)),
    });
    assert_eq!(
        account.bbbee_level_on(date(2025, 12, 31)),
        Some(BbbeeLevel::Level3)
    );
    assert_eq!(
        account.bbbee_level_on(date(2026, 1, 1)),
        Some(BbbeeLevel::NonCompliant)
    );
}

#[test]
fn grades_a_subcontractor_per_class_of_works() {
    AccountTest::with(())
        .given(vec![created_as(AccountKind::Subcontractor)])
        .when(AccountCommand::GradeCidb {
            designation: "7gb".into(),
        })
        .then_expect_events(vec![AccountEvent::SubcontractorCidbGraded {
            grade: 7,
            class_of_works: CidbClass::GB,
        }]);
    AccountTest::with(())
        .given(vec![
            created_as(AccountKind::Subcontractor),
            AccountEvent::SubcontractorCidbGraded {
                grade: 7,
                class_of_works: CidbClass::GB,
            },
        ])
        .when(AccountCommand::GradeCidb {
            designation: "7GB".into(),
        })
        .then_expect_error(IdentityError::NothingChanged);
}

#[test]
fn refuses_a_cidb_grading_for_a_vendor_or_a_bad_code() {
    AccountTest::with(())
        .given(vec![created_as(AccountKind::Vendor)])
        .when(AccountCommand::GradeCidb {
            designation: "5CE".into(),
        })
        .then_expect_error(IdentityError::NotForAccountKind {
            what: "a CIDB grading",
            kind: AccountKind::Vendor,
        });
    AccountTest::with(())
        .given(vec![created_as(AccountKind::Subcontractor)])
        .when(AccountCommand::GradeCidb {
            designation: "5XY".into(),
        })
        .then_expect_error(IdentityError::InvalidCidbGrading("5XY".into()));
}

fn head_office() -> Address {
    Address {
        lines: vec!["Unit 4, 17 Electron Avenue".into(), "Isando".into()],
        city: "Kempton Park".into(),
        province: Province::Gauteng,
        postal_code: "1600".into(),
    }
}

#[test]
fn changes_an_address_and_refuses_a_bad_postal_code() {
    AccountTest::with(())
        .given(vec![created()])
        .when(AccountCommand::ChangeAddress {
            address_type: AddressType::Billing,
            address: head_office(),
        })
        .then_expect_events(vec![AccountEvent::AccountAddressChanged {
            address_type: AddressType::Billing,
            address: head_office(),
        }]);
    AccountTest::with(())
        .given(vec![created()])
        .when(AccountCommand::ChangeAddress {
            address_type: AddressType::Postal,
            address: Address {
                postal_code: "16000".into(),
                ..head_office()
            },
        })
        .then_expect_error(IdentityError::InvalidPostalCode("16000".into()));
}

#[test]
fn agrees_payment_terms_up_to_120_days() {
    let terms = |days| AccountCommand::ChangePaymentTerms {
        terms: PaymentTerms {
            days,
            basis: PaymentBasis::FromStatement,
        },
    };
    AccountTest::with(())
        .given(vec![created()])
        .when(terms(30))
        .then_expect_events(vec![AccountEvent::AccountPaymentTermsChanged {
            days: 30,
            basis: PaymentBasis::FromStatement,
        }]);
    AccountTest::with(())
        .given(vec![created()])
        .when(terms(121))
        .then_expect_error(IdentityError::InvalidPaymentTerms {
            days: 121,
            max: 120,
        });
}

#[test]
fn an_archived_account_refuses_every_new_fact() {
    let commands = [
        AccountCommand::ChangeTradingName {
            trading_name: Some("X".into()),
        },
        AccountCommand::ChangeTaxReference {
            tax_reference: Some("9012345678".into()),
        },
        AccountCommand::ChangeAddress {
            address_type: AddressType::Physical,
            address: head_office(),
        },
        AccountCommand::ChangePaymentTerms {
            terms: PaymentTerms {
                days: 30,
                basis: PaymentBasis::FromInvoice,
            },
        },
    ];
    for command in commands {
        AccountTest::with(())
            .given(archived())
            .when(command)
            .then_expect_error(IdentityError::AccountArchived);
    }
}

#[test]
fn only_an_active_account_takes_orders() {
    let mut account = Account::default();
    assert!(!account.can_take_orders());
    account.apply(created());
    assert!(account.can_take_orders());
    account.apply(status_changed(AccountStatus::Active, AccountStatus::OnHold));
    assert!(!account.can_take_orders());
    account.apply(status_changed(AccountStatus::OnHold, AccountStatus::Active));
    assert!(account.can_take_orders());
    account.apply(status_changed(
        AccountStatus::Active,
        AccountStatus::Archived,
    ));
    assert!(!account.can_take_orders());
}
