//! One sample of every event, for the contract tests. Each list ends in an
//! exhaustive `match`, so adding an event variant fails to compile until it has a
//! sample here (and so a schema check).

use std::str::FromStr;

use chrono::NaiveDate;
use constructos_domain::finance::{
    bill_totals, gross_retention, price_bill_lines, price_lines, totals, AccountType, BankEvent,
    BankLine, BillEvent, BillLineInput, BillSupplier, CostType, CreditNoteEvent, Customer,
    InvoiceEvent, InvoiceLineInput, InvoiceTotals, JournalEvent, JournalLine, JournalSource,
    LedgerAccountEvent, LineMatch, MatchStatus, NumberingEvent, PaymentDirection, PaymentEvent,
    PeriodEvent, Rand, ReconcileMethod, ReleaseTaxInvoice, ReleasedVat, RetentionAsked,
    RetentionBasis, Side, Supplier, VatPart, VatTreatment,
};
use constructos_domain::hr::EmployeeEvent;
use constructos_domain::identity::{
    AccountEvent, AccountKind, AccountStatus, Address, AddressType, BbbeeLevel, Channel, CidbClass,
    ContactEvent, ContactRole, LeadEvent, LeadSource, Opportunity, PaymentBasis, Province,
    UserEvent,
};
use constructos_domain::inventory::{
    AdjustmentReason, LocationEvent, LocationKind, ProductCategory, ProductDetails, ProductEvent,
    ReservationShare, StockEvent, TransferEvent, UnitConversion,
};
use constructos_domain::orders::{
    BoqLine, ClaimLine, ClaimedLine, ContractType, CustomerSnapshot, ProjectEvent, ProjectStatus,
    ReleaseStage, WorkItem, WorkItemKind,
};
use constructos_domain::sales::{OpportunityEvent, Stage};
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use rust_decimal::Decimal;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// One sample of every account event; the match fails to compile when a variant is added.
pub fn account_samples() -> Vec<AccountEvent> {
    let samples = vec![
        AccountEvent::AccountCreated {
            kind: AccountKind::Subcontractor,
            name: "Mzansi Electrical".into(),
            registration_number: Some("2009/087654/23".into()),
            vat_number: Some("4870098712".into()),
        },
        AccountEvent::AccountDetailsUpdated {
            name: "Mzansi Electrical CC".into(),
            registration_number: None,
            vat_number: None,
        },
        AccountEvent::AccountStatusChanged {
            from: AccountStatus::Active,
            to: AccountStatus::Archived,
            reason: Some("closed".into()),
        },
        AccountEvent::AccountTradingNameChanged {
            trading_name: Some("Mzansi Sparks".into()),
        },
        AccountEvent::AccountTaxReferenceChanged {
            tax_reference: Some("9087654321".into()),
        },
        AccountEvent::VendorBbbeeCertified {
            level: BbbeeLevel::Level1,
            certificate_expires_on: Some(date(2026, 3, 31)),
        },
        AccountEvent::SubcontractorCidbGraded {
            grade: 6,
            class_of_works: CidbClass::EB,
        },
        AccountEvent::AccountAddressChanged {
            address_type: AddressType::Physical,
            address: Address {
                lines: vec!["14 Voortrekker Road".into(), "Bellville".into()],
                city: "Cape Town".into(),
                province: Province::WesternCape,
                postal_code: "7530".into(),
            },
        },
        AccountEvent::AccountPaymentTermsChanged {
            days: 30,
            basis: PaymentBasis::FromStatement,
        },
    ];
    for sample in &samples {
        match sample {
            AccountEvent::AccountCreated { .. }
            | AccountEvent::AccountDetailsUpdated { .. }
            | AccountEvent::AccountStatusChanged { .. }
            | AccountEvent::AccountTradingNameChanged { .. }
            | AccountEvent::AccountTaxReferenceChanged { .. }
            | AccountEvent::VendorBbbeeCertified { .. }
            | AccountEvent::SubcontractorCidbGraded { .. }
            | AccountEvent::AccountAddressChanged { .. }
            | AccountEvent::AccountPaymentTermsChanged { .. } => {}
        }
    }
    samples
}

/// One sample of every contact event.
pub fn contact_samples() -> Vec<ContactEvent> {
    let samples = vec![
        ContactEvent::ContactCreated {
            account_id: "acc-1".into(),
            first_name: "Lerato".into(),
            last_name: "Molefe".into(),
            email: Some("lerato@mzansi.co.za".into()),
            phone: None,
            job_title: None,
        },
        ContactEvent::ContactDetailsUpdated {
            first_name: "Lerato".into(),
            last_name: "Molefe".into(),
            email: None,
            phone: Some("+27 11 555 0100".into()),
            job_title: Some("Contracts Manager".into()),
        },
        ContactEvent::ContactRolesChanged {
            roles: vec![ContactRole::Director, ContactRole::QuantitySurveyor],
        },
        ContactEvent::ContactCommunicationPreferencesChanged {
            email: true,
            phone: false,
            sms: false,
            whatsapp: true,
            preferred_channel: Some(Channel::Whatsapp),
        },
        ContactEvent::ContactPopiaConsentGiven {
            given_on: date(2025, 2, 3),
        },
        ContactEvent::ContactPopiaConsentWithdrawn {
            withdrawn_on: date(2025, 6, 30),
        },
    ];
    for sample in &samples {
        match sample {
            ContactEvent::ContactCreated { .. }
            | ContactEvent::ContactDetailsUpdated { .. }
            | ContactEvent::ContactRolesChanged { .. }
            | ContactEvent::ContactCommunicationPreferencesChanged { .. }
            | ContactEvent::ContactPopiaConsentGiven { .. }
            | ContactEvent::ContactPopiaConsentWithdrawn { .. } => {}
        }
    }
    samples
}

/// One sample of every user event.
pub fn user_samples() -> Vec<UserEvent> {
    let samples = vec![
        UserEvent::UserProvisioned {
            subject: "thandi".into(),
            tenant_id: Some("t-1".into()),
            name: Some("Thandi Nkosi".into()),
            username: None,
        },
        UserEvent::UserProfileRefreshed {
            name: None,
            username: Some("thandi@x.co.za".into()),
        },
        UserEvent::UserLinked {
            employee_id: Some("EMP-1".into()),
            contact_id: None,
        },
        UserEvent::UserAssignmentsChanged {
            projects: vec!["P-1".into()],
            sites: vec![],
        },
    ];
    for sample in &samples {
        match sample {
            UserEvent::UserProvisioned { .. }
            | UserEvent::UserProfileRefreshed { .. }
            | UserEvent::UserLinked { .. }
            | UserEvent::UserAssignmentsChanged { .. } => {}
        }
    }
    samples
}

/// One sample of every lead event.
pub fn lead_samples() -> Vec<LeadEvent> {
    let value = Some(Decimal::from_str("4500000.00").expect("decimal"));
    let samples = vec![
        LeadEvent::LeadCaptured {
            company_name: "Mahlangu Developments".into(),
            contact_first_name: "Nomsa".into(),
            contact_last_name: "Mahlangu".into(),
            email: Some("nomsa@mahlangu.co.za".into()),
            phone: None,
            source: LeadSource::TenderBulletin,
            estimated_value: value,
            owner: "rep-1".into(),
        },
        LeadEvent::LeadQualified {},
        LeadEvent::LeadDisqualified {
            reason: "no budget this year".into(),
        },
        LeadEvent::LeadConverted {
            account_id: "acc-1".into(),
            contact_id: "con-1".into(),
            opportunity: Opportunity {
                company_name: "Mahlangu Developments".into(),
                contact_name: "Nomsa Mahlangu".into(),
                source: LeadSource::TenderBulletin,
                estimated_value: value,
                owner: "rep-1".into(),
            },
        },
    ];
    for sample in &samples {
        match sample {
            LeadEvent::LeadCaptured { .. }
            | LeadEvent::LeadQualified { .. }
            | LeadEvent::LeadDisqualified { .. }
            | LeadEvent::LeadConverted { .. } => {}
        }
    }
    samples
}

/// One sample of every project event.
#[allow(clippy::inconsistent_digit_grouping)] // amounts read as rand_cents
pub fn project_samples() -> Vec<ProjectEvent> {
    let customer = CustomerSnapshot {
        account_id: "acc-1".into(),
        name: "Msunduzi Developments (Pty) Ltd".into(),
        vat_number: Some("4123456789".into()),
        address: None,
    };
    let line = ClaimLine {
        item: "3.2".into(),
        description: "Concrete 30 MPa".into(),
        cost_code: Some("CONCRETE".into()),
        percent_to_date: Decimal::from(25),
        value_to_date: Rand::cents(200_000_00),
        previously_claimed: Rand::ZERO,
        amount: Rand::cents(200_000_00),
    };
    let samples = vec![
        ProjectEvent::ProjectCreated {
            code: "PRJ-2026-014".into(),
            name: "Menlyn Office Park".into(),
            customer_account_id: Some("acc-1".into()),
            site_id: "SITE-PTA".into(),
            site_name: "Menlyn".into(),
            starts_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
            status: Some(ProjectStatus::Tender),
            opened_by: Some("8f14e45f-ceea-4e7a-9d2b-1c0e5a6b7c8d".into()),
        },
        ProjectEvent::ProjectContractSet {
            contract_type: ContractType::JbccPba,
            contract_value: Rand::cents(1_000_000_00),
            retention_percent: Decimal::from(10),
            retention_cap_percent: Some(Decimal::from(5)),
            release_at_practical_percent: Decimal::from(50),
            planned_completion_on: Some(date(2027, 6, 30)),
        },
        ProjectEvent::BillOfQuantitiesSet {
            lines: vec![BoqLine {
                item: "3.2".into(),
                description: "Concrete 30 MPa".into(),
                unit: "m3".into(),
                quantity: Decimal::from(400),
                rate: Rand::cents(2_000_00),
                amount: Rand::cents(800_000_00),
                cost_code: Some("CONCRETE".into()),
            }],
        },
        ProjectEvent::WorkItemAdded {
            item: WorkItem {
                code: "1.1".into(),
                name: "Foundations".into(),
                kind: WorkItemKind::Task,
                parent: Some("1".into()),
                planned_start: Some(date(2026, 12, 1)),
                planned_finish: Some(date(2027, 1, 31)),
                cost_code: Some("CONCRETE".into()),
                budget: Rand::cents(650_000_00),
                percent_complete: Decimal::ZERO,
                actual_start: None,
                actual_finish: None,
            },
        },
        ProjectEvent::WorkProgressRecorded {
            code: "1.1".into(),
            percent_complete: Decimal::from(40),
            actual_start: Some(date(2026, 12, 2)),
            actual_finish: None,
        },
        ProjectEvent::WorkDependencyAdded {
            predecessor: "1.1".into(),
            successor: "1.2".into(),
        },
        ProjectEvent::VariationProposed {
            number: "VO-001".into(),
            description: "Omit landscaping".into(),
            amount: -Rand::cents(25_000_00),
            cost_code: None,
        },
        ProjectEvent::VariationApproved {
            number: "VO-001".into(),
            amount: -Rand::cents(25_000_00),
            contract_value: Rand::cents(975_000_00),
            cost_code: None,
        },
        ProjectEvent::VariationRejected {
            number: "VO-002".into(),
            reason: "not instructed".into(),
        },
        ProjectEvent::ProgressClaimSubmitted {
            claim_id: "p-1:PC-001".into(),
            claim_number: "PC-001".into(),
            period_end: date(2026, 12, 25),
            lines: vec![line],
            amount: Rand::cents(200_000_00),
            retention: Rand::cents(20_000_00),
            retention_percent: Decimal::from(10),
            vat: Rand::cents(27_000_00),
            due_now: Rand::cents(207_000_00),
        },
        ProjectEvent::ProgressClaimApproved {
            claim_id: "p-1:PC-001".into(),
            claim_number: "PC-001".into(),
            project_id: "p-1".into(),
            customer: customer.clone(),
            date: date(2026, 12, 28),
            period_end: date(2026, 12, 25),
            lines: vec![ClaimedLine {
                item: "3.2".into(),
                description: "Concrete 30 MPa".into(),
                amount: Rand::cents(200_000_00),
                vat_treatment: VatTreatment::Standard,
                cost_code: Some("CONCRETE".into()),
            }],
            amount: Rand::cents(200_000_00),
            retention: Rand::cents(20_000_00),
            retention_percent: Decimal::from(10),
        },
        ProjectEvent::ProgressClaimRejected {
            claim_id: "p-1:PC-002".into(),
            reason: "measurement disputed".into(),
        },
        ProjectEvent::ProjectStatusChanged {
            from: ProjectStatus::InProgress,
            to: ProjectStatus::PracticalCompletion,
            reason: None,
        },
        ProjectEvent::ProjectRetentionReleased {
            release_id: "p-1:RR-1".into(),
            project_id: "p-1".into(),
            customer,
            date: date(2027, 7, 1),
            stage: ReleaseStage::PracticalCompletion,
            amount: Rand::cents(10_000_00),
        },
    ];
    for sample in &samples {
        match sample {
            ProjectEvent::ProjectCreated { .. }
            | ProjectEvent::ProjectContractSet { .. }
            | ProjectEvent::BillOfQuantitiesSet { .. }
            | ProjectEvent::WorkItemAdded { .. }
            | ProjectEvent::WorkProgressRecorded { .. }
            | ProjectEvent::WorkDependencyAdded { .. }
            | ProjectEvent::VariationProposed { .. }
            | ProjectEvent::VariationApproved { .. }
            | ProjectEvent::VariationRejected { .. }
            | ProjectEvent::ProgressClaimSubmitted { .. }
            | ProjectEvent::ProgressClaimApproved { .. }
            | ProjectEvent::ProgressClaimRejected { .. }
            | ProjectEvent::ProjectStatusChanged { .. }
            | ProjectEvent::ProjectRetentionReleased { .. } => {}
        }
    }
    samples
}

/// One sample of every opportunity event.
pub fn opportunity_samples() -> Vec<OpportunityEvent> {
    let samples = vec![
        OpportunityEvent::OpportunityOpened {
            lead_id: "0190c7a2-5d1e-7b3a-9f00-1234567890ab".into(),
            account_id: "0190c7a2-5d1e-7b3a-9f00-0000000000a1".into(),
            contact_id: "0190c7a2-5d1e-7b3a-9f00-0000000000c1".into(),
            name: "Mahlangu Developments".into(),
            owner: "rep-1".into(),
            source: LeadSource::TenderBulletin,
            estimated_value: Some(Decimal::from_str("4500000.00").expect("decimal")),
            stage: Stage::Qualification,
            probability: Stage::Qualification.default_probability(),
        },
        OpportunityEvent::OpportunityStageMoved {
            from: Stage::Negotiation,
            to: Stage::Tender,
            probability: Stage::Tender.default_probability(),
        },
        OpportunityEvent::OpportunityWon {},
        OpportunityEvent::OpportunityLost {
            reason: "priced 12% above the winning tender".into(),
            competitor: Some("Bokamoso Builders".into()),
        },
        OpportunityEvent::OpportunityForecastSet {
            expected_close: NaiveDate::from_ymd_opt(2027, 3, 31).expect("date"),
            estimated_value: Some(Decimal::new(275_000_000, 2)),
        },
        OpportunityEvent::OpportunityForecastSet {
            expected_close: NaiveDate::from_ymd_opt(2027, 4, 30).expect("date"),
            estimated_value: None,
        },
    ];
    for sample in &samples {
        match sample {
            OpportunityEvent::OpportunityOpened { .. }
            | OpportunityEvent::OpportunityStageMoved { .. }
            | OpportunityEvent::OpportunityForecastSet { .. }
            | OpportunityEvent::OpportunityWon { .. }
            | OpportunityEvent::OpportunityLost { .. } => {}
        }
    }
    samples
}

/// One sample of every pipeline-stage event.
pub fn pipeline_stage_samples() -> Vec<constructos_domain::sales::stages::PipelineStagesEvent> {
    use constructos_domain::sales::stages::PipelineStagesEvent;
    vec![PipelineStagesEvent::PipelineStageConfigured {
        stage: constructos_domain::sales::Stage::Tender,
        label: "Tender priced".into(),
        probability: 40,
    }]
}

/// One sample of every employee event.
pub fn employee_samples() -> Vec<EmployeeEvent> {
    let samples = vec![
        EmployeeEvent::EmployeeHired {
            employee_number: "EMP-0042".into(),
            first_name: "Sipho".into(),
            last_name: "Dlamini".into(),
            job_title: "Site Foreman".into(),
            hired_on: NaiveDate::from_ymd_opt(2024, 3, 1).expect("date"),
            site_id: None,
        },
        EmployeeEvent::EmploymentTerminated {
            last_day: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
            reason: "resigned".into(),
        },
    ];
    let mut samples = samples;
    samples.extend(crate::hr_samples::profile_samples());
    for sample in &samples {
        match sample {
            EmployeeEvent::EmployeeHired { .. }
            | EmployeeEvent::EmployeeProfileSet { .. }
            | EmployeeEvent::EmploymentTerminated { .. } => {}
        }
    }
    samples
}

/// One sample of every stock event.
pub fn stock_samples() -> Vec<StockEvent> {
    let amount = |text: &str| Decimal::from_str(text).expect("a decimal");
    let reservation = uuid::Uuid::now_v7();
    let share = ReservationShare {
        reservation,
        quantity: amount("2.5"),
    };
    let samples = vec![
        StockEvent::StockPositionOpened {
            product: "CEM-42".into(),
            location: "WH-JHB".into(),
        },
        StockEvent::StockReceived {
            quantity: amount("40"),
            unit_cost: amount("92.5"),
            value: amount("3700.00"),
            reference: "GRN-000017".into(),
            source: Some("receipt:0190c7a2-5d1e-7b3a-9f00-1234567890ab:1".into()),
        },
        StockEvent::StockReserved {
            reservation,
            quantity: amount("5"),
            purpose: "SO-000123".into(),
        },
        StockEvent::StockIssued {
            quantity: amount("2.5"),
            value: amount("231.25"),
            project_id: "PRJ-2026-001".into(),
            cost_code: "03-CONC".into(),
            reservation: Some(share),
            source: Some("shipment:0190c7a2-5d1e-7b3a-9f00-1234567890ab".into()),
        },
        StockEvent::StockIssued {
            quantity: amount("1"),
            value: amount("92.50"),
            project_id: "PRJ-2026-001".into(),
            cost_code: "03-CONC".into(),
            reservation: None,
            source: None,
        },
        StockEvent::ReservationReleased {
            reservation,
            quantity: amount("2.5"),
        },
        StockEvent::StockAdjusted {
            delta: amount("-1.125"),
            value: amount("-104.06"),
            reason: AdjustmentReason::Damage,
            note: "bags split in the rain".into(),
            trimmed: vec![share],
        },
        StockEvent::StockTransferredOut {
            transfer: reservation,
            to: "SS-SANDTON".into(),
            quantity: amount("80"),
            value: amount("7220.00"),
        },
        StockEvent::StockTransferredIn {
            transfer: reservation,
            from: "WH-JHB".into(),
            quantity: amount("80"),
            value: amount("7220.00"),
        },
    ];
    for sample in &samples {
        match sample {
            StockEvent::StockPositionOpened { .. }
            | StockEvent::StockReceived { .. }
            | StockEvent::StockReserved { .. }
            | StockEvent::StockIssued { .. }
            | StockEvent::ReservationReleased { .. }
            | StockEvent::StockAdjusted { .. }
            | StockEvent::StockTransferredOut { .. }
            | StockEvent::StockTransferredIn { .. } => {}
        }
    }
    samples
}

/// One sample of every product event.
pub fn product_samples() -> Vec<ProductEvent> {
    let amount = |text: &str| Decimal::from_str(text).expect("a decimal");
    let details = ProductDetails {
        description: "Cement CEM II 42.5N, 50 kg bag".into(),
        category: ProductCategory::Materials,
        unit: "bag".into(),
        conversions: vec![UnitConversion {
            unit: "pallet".into(),
            factor: amount("40"),
        }],
        standard_cost: amount("90.00"),
        sell_price: amount("119.00"),
        vat: constructos_domain::finance::VatTreatment::Standard,
        reorder_level: amount("300"),
        reorder_quantity: amount("800"),
        preferred_vendor: Some("acc-karoo".into()),
    };
    let samples = vec![
        ProductEvent::ProductDefined {
            sku: "CEM-425-50KG".into(),
            details: details.clone(),
        },
        ProductEvent::ProductRevised {
            details: ProductDetails {
                category: ProductCategory::Ppe,
                preferred_vendor: None,
                vat: constructos_domain::finance::VatTreatment::ZeroRated,
                ..details
            },
        },
        ProductEvent::ProductDiscontinued {
            reason: "replaced by CEM-525".into(),
        },
    ];
    for sample in &samples {
        match sample {
            ProductEvent::ProductDefined { .. }
            | ProductEvent::ProductRevised { .. }
            | ProductEvent::ProductDiscontinued { .. } => {}
        }
    }
    samples
}

/// One sample of every location event.
pub fn location_samples() -> Vec<LocationEvent> {
    let samples = vec![
        LocationEvent::LocationOpened {
            code: "SS-SANDTON".into(),
            name: "Sandton site store".into(),
            kind: LocationKind::SiteStore,
            project_id: Some("PRJ-2026-001".into()),
            allow_negative: false,
        },
        LocationEvent::LocationOpened {
            code: "WH-JHB".into(),
            name: "Johannesburg warehouse".into(),
            kind: LocationKind::Warehouse,
            project_id: None,
            allow_negative: false,
        },
        LocationEvent::NegativeStockPolicySet { allowed: true },
        LocationEvent::LocationClosed {
            reason: "site handed over".into(),
        },
    ];
    for sample in &samples {
        match sample {
            LocationEvent::LocationOpened { .. }
            | LocationEvent::NegativeStockPolicySet { .. }
            | LocationEvent::LocationClosed { .. } => {}
        }
    }
    samples
}

/// One sample of every transfer event.
pub fn transfer_samples() -> Vec<TransferEvent> {
    let amount = |text: &str| Decimal::from_str(text).expect("a decimal");
    let samples = vec![
        TransferEvent::TransferDispatched {
            product: "CEM-425-50KG".into(),
            from: "WH-JHB".into(),
            to: "SS-SANDTON".into(),
            quantity: amount("80"),
            value: amount("7220.00"),
            reference: "DN-0001".into(),
        },
        TransferEvent::TransferReceived {
            quantity: amount("80"),
            value: amount("7220.00"),
        },
    ];
    for sample in &samples {
        match sample {
            TransferEvent::TransferDispatched { .. } | TransferEvent::TransferReceived { .. } => {}
        }
    }
    samples
}

/// One sample of every ledger account event.
pub fn ledger_account_samples() -> Vec<LedgerAccountEvent> {
    let samples = vec![
        LedgerAccountEvent::LedgerAccountOpened {
            code: "5200".into(),
            name: "Cost of sales: plant".into(),
            account_type: AccountType::Expense,
            cost_type: Some(CostType::Plant),
        },
        LedgerAccountEvent::LedgerAccountRenamed {
            from: "Cost of sales: plant".into(),
            to: "Plant hire".into(),
        },
        LedgerAccountEvent::LedgerAccountClosed {},
    ];
    for sample in &samples {
        match sample {
            LedgerAccountEvent::LedgerAccountOpened { .. }
            | LedgerAccountEvent::LedgerAccountRenamed { .. }
            | LedgerAccountEvent::LedgerAccountClosed { .. } => {}
        }
    }
    samples
}

/// One sample of every journal event.
pub fn journal_samples() -> Vec<JournalEvent> {
    let line = |code: &str, side, cents| JournalLine {
        account_code: code.into(),
        side,
        amount: Rand::cents(cents),
        project_id: Some("PRJ-2026-014".into()),
        cost_code: Some("CC-100".into()),
        site_id: None,
    };
    let samples = vec![
        JournalEvent::JournalPosted {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 10).expect("date"),
            period: "2026-03".into(),
            narrative: "Highveld Cement invoice 4411".into(),
            source: JournalSource::Manual,
            lines: vec![
                line("5100", Side::Debit, 1_150_000),
                line("2000", Side::Credit, 1_150_000),
            ],
            reverses: Some("0190f0c2-0000-7000-8000-000000000001".into()),
        },
        JournalEvent::JournalReversed {
            reversal_id: "0190f0c2-0000-7000-8000-000000000002".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 20).expect("date"),
        },
    ];
    for sample in &samples {
        match sample {
            JournalEvent::JournalPosted { .. } | JournalEvent::JournalReversed { .. } => {}
        }
    }
    samples
}

/// One sample of every period event.
pub fn period_samples() -> Vec<PeriodEvent> {
    let samples = vec![
        PeriodEvent::PeriodClosed {
            financial_year: 2027,
            period_number: 1,
        },
        PeriodEvent::PeriodReopened {
            reason: "Late supplier invoices".into(),
        },
    ];
    for sample in &samples {
        match sample {
            PeriodEvent::PeriodClosed { .. } | PeriodEvent::PeriodReopened { .. } => {}
        }
    }
    samples
}

/// One sample of every invoice event.
pub fn invoice_samples() -> Vec<InvoiceEvent> {
    let lines = price_lines(vec![
        InvoiceLineInput {
            description: "Concrete 30MPa, m³".into(),
            quantity: Decimal::new(25, 1),
            unit_price: Rand::cents(189_900),
            vat_treatment: VatTreatment::Standard,
            project_id: Some("PRJ-2026-014".into()),
            cost_code: Some("CC-100".into()),
        },
        InvoiceLineInput {
            description: "Export crating".into(),
            quantity: Decimal::ONE,
            unit_price: Rand::cents(50_000),
            vat_treatment: VatTreatment::ZeroRated,
            project_id: None,
            cost_code: None,
        },
    ])
    .expect("priced");
    let five = Some(RetentionAsked::Percent(Decimal::new(5, 0)));
    let (totals, retained) = totals(&lines, five).expect("totals");
    let customer = Customer {
        account_id: "0190f0c2-0000-7000-8000-0000000000aa".into(),
        name: "Msunduzi Developments (Pty) Ltd".into(),
        vat_number: Some("4123456789".into()),
        address: None,
    };
    let supplier = Supplier {
        name: "ConstructOS Demo Construction (Pty) Ltd".into(),
        vat_number: "4000000000".into(),
        address: "1 Demo Road, Midrand, 1685".into(),
    };
    let samples = vec![
        // v1, as decided before SARS's rule: retention on the total incl. VAT.
        InvoiceEvent::InvoiceRaised {
            customer: customer.clone(),
            supplier: supplier.clone(),
            date: date(2026, 3, 10),
            lines: lines.clone(),
            retention_percent: Some(Decimal::new(5, 0)),
            totals: gross_totals(totals, Decimal::new(5, 0)),
            retention_basis: None,
            retained: Vec::new(),
        },
        // v2: SARS's rule.
        InvoiceEvent::InvoiceRaised {
            customer,
            supplier,
            date: date(2026, 3, 10),
            lines,
            retention_percent: Some(Decimal::new(5, 0)),
            totals,
            retention_basis: Some(RetentionBasis::ExclVat),
            retained,
        },
        InvoiceEvent::InvoiceIssued {
            number: "INV-000001".into(),
            journal_id: "0190f0c2-0000-7000-8000-000000000003".into(),
        },
        InvoiceEvent::InvoicePaymentAllocated {
            payment_id: "0190f0c2-0000-7000-8000-000000000010".into(),
            amount: Rand::cents(100_000),
            date: date(2026, 4, 2),
        },
        InvoiceEvent::InvoiceCredited {
            credit_note_id: "0190f0c2-0000-7000-8000-000000000011".into(),
            number: "CN-000001".into(),
            amount: Rand::cents(5_750),
            date: date(2026, 4, 3),
        },
        InvoiceEvent::InvoiceRetentionReleased {
            amount: Rand::cents(25_000),
            date: date(2026, 9, 30),
            journal_id: "0190f0c2-0000-7000-8000-000000000012".into(),
            tax_invoice: None,
        },
        InvoiceEvent::InvoiceRetentionReleased {
            amount: Rand::cents(25_000),
            date: date(2026, 9, 30),
            journal_id: "0190f0c2-0000-7000-8000-000000000012".into(),
            tax_invoice: Some(ReleaseTaxInvoice {
                release_id: "0190f0c2-0000-7000-8000-000000000012".into(),
                number: "INV-000002".into(),
                vat: Rand::cents(3_750),
                parts: vec![VatPart {
                    treatment: VatTreatment::Standard,
                    value_excl_vat: Rand::cents(25_000),
                    vat: Rand::cents(3_750),
                }],
            }),
        },
    ];
    for sample in &samples {
        match sample {
            InvoiceEvent::InvoiceRaised { .. }
            | InvoiceEvent::InvoiceIssued { .. }
            | InvoiceEvent::InvoicePaymentAllocated { .. }
            | InvoiceEvent::InvoiceCredited { .. }
            | InvoiceEvent::InvoiceRetentionReleased { .. } => {}
        }
    }
    samples
}

/// Totals as the gross rule decided them (v1 events): retention on the total incl. VAT.
fn gross_totals(totals: InvoiceTotals, percent: Decimal) -> InvoiceTotals {
    let retention = gross_retention(totals.incl_vat, percent).expect("retention");
    InvoiceTotals {
        retention,
        due: totals.incl_vat - retention,
        ..totals
    }
}

/// One sample of every supplier bill event.
pub fn bill_samples() -> Vec<BillEvent> {
    let lines = price_bill_lines(vec![BillLineInput {
        account_code: "5300".into(),
        description: "Shuttering subcontract, March".into(),
        quantity: Decimal::ONE,
        unit_price: Rand::cents(4_500_000),
        vat_treatment: VatTreatment::Standard,
        project_id: Some("PRJ-2026-014".into()),
        cost_code: Some("03-100".into()),
        purchase_order_line_no: None,
    }])
    .expect("priced");
    let ten = Some(RetentionAsked::Percent(Decimal::new(10, 0)));
    let (totals, retained) = bill_totals(&lines, ten).expect("totals");
    let supplier = BillSupplier {
        account_id: "0190f0c2-0000-7000-8000-0000000000bb".into(),
        name: "Umgeni Formwork CC".into(),
        vat_number: Some("4222222222".into()),
        address: Some("3 Quarry Rd, Pinetown".into()),
    };
    let mut samples = vec![
        BillEvent::BillRecorded {
            supplier: supplier.clone(),
            supplier_reference: "UF-2026-031".into(),
            date: date(2026, 3, 31),
            retention_percent: Some(Decimal::new(10, 0)),
            totals: gross_totals(totals, Decimal::new(10, 0)),
            lines: lines.clone(),
            journal_id: "0190f0c2-0000-7000-8000-000000000013".into(),
            retention_basis: None,
            retained: Vec::new(),
            purchase_order_id: None,
            matching: Vec::new(),
        },
        BillEvent::BillRecorded {
            supplier,
            supplier_reference: "UF-2026-032".into(),
            date: date(2026, 3, 31),
            retention_percent: Some(Decimal::new(10, 0)),
            totals,
            lines,
            journal_id: "0190f0c2-0000-7000-8000-000000000016".into(),
            retention_basis: Some(RetentionBasis::ExclVat),
            retained,
            purchase_order_id: Some("0190f0c2-0000-7000-8000-0000000000po".into()),
            matching: vec![LineMatch {
                line: 1,
                purchase_order_line_no: Some(1),
                ordered: Decimal::ONE,
                received: Decimal::ONE,
                billed: Decimal::ONE,
                order_price: Some(Rand::cents(4_500_000)),
                billed_price: Rand::cents(4_500_000),
                price_variance_percent: Decimal::ZERO,
                status: MatchStatus::Matched,
                reason: None,
            }],
        },
        BillEvent::BillPaymentAllocated {
            payment_id: "0190f0c2-0000-7000-8000-000000000014".into(),
            amount: Rand::cents(4_657_500),
            date: date(2026, 4, 30),
        },
        BillEvent::BillRetentionReleased {
            amount: Rand::cents(517_500),
            date: date(2026, 11, 30),
            journal_id: "0190f0c2-0000-7000-8000-000000000015".into(),
            input_vat: None,
        },
        BillEvent::BillRetentionReleased {
            amount: Rand::cents(450_000),
            date: date(2026, 11, 30),
            journal_id: "0190f0c2-0000-7000-8000-000000000017".into(),
            input_vat: Some(ReleasedVat {
                vat: Rand::cents(67_500),
                parts: vec![VatPart {
                    treatment: VatTreatment::Standard,
                    value_excl_vat: Rand::cents(450_000),
                    vat: Rand::cents(67_500),
                }],
            }),
        },
    ];
    samples.push(BillEvent::BillMatchApproved {
        reason: "Short delivery of 20 bags confirmed on site; credit note to follow".into(),
    });
    for sample in &samples {
        match sample {
            BillEvent::BillRecorded { .. }
            | BillEvent::BillPaymentAllocated { .. }
            | BillEvent::BillRetentionReleased { .. }
            | BillEvent::BillMatchApproved { .. } => {}
        }
    }
    samples
}

/// One sample of every credit note event.
pub fn credit_note_samples() -> Vec<CreditNoteEvent> {
    let lines = price_lines(vec![InvoiceLineInput {
        description: "Concrete 30MPa returned, m³".into(),
        quantity: Decimal::new(5, 1),
        unit_price: Rand::cents(189_900),
        vat_treatment: VatTreatment::Standard,
        project_id: Some("PRJ-2026-014".into()),
        cost_code: None,
    }])
    .expect("priced");
    let (totals, _) = totals(&lines, None).expect("totals");
    let samples = vec![CreditNoteEvent::CreditNoteIssued {
        invoice_id: "0190f0c2-0000-7000-8000-000000000001".into(),
        invoice_number: "INV-000001".into(),
        number: "CN-000001".into(),
        customer: Customer {
            account_id: "0190f0c2-0000-7000-8000-0000000000aa".into(),
            name: "Msunduzi Developments (Pty) Ltd".into(),
            vat_number: Some("4123456789".into()),
            address: None,
        },
        supplier: Supplier {
            name: "ConstructOS Demo Construction (Pty) Ltd".into(),
            vat_number: "4000000000".into(),
            address: "1 Demo Road, Midrand, 1685".into(),
        },
        date: date(2026, 4, 3),
        reason: "Half a cube returned unused".into(),
        lines,
        totals,
        journal_id: "0190f0c2-0000-7000-8000-000000000016".into(),
    }];
    for sample in &samples {
        match sample {
            CreditNoteEvent::CreditNoteIssued { .. } => {}
        }
    }
    samples
}

/// One sample of every bank account event.
pub fn bank_samples() -> Vec<BankEvent> {
    let samples = vec![
        BankEvent::BankStatementImported {
            statement_id: "0190f0c2-0000-7000-8000-000000000018".into(),
            file_name: "fnb-2026-05.csv".into(),
            lines: vec![
                BankLine {
                    id: "0190f0c2-0000-5000-8000-000000000019".into(),
                    date: date(2026, 4, 2),
                    description: "EFT MSUNDUZI DEV".into(),
                    amount: Rand::cents(150_000),
                    reference: "EFT MSUNDUZI 0042".into(),
                },
                BankLine {
                    id: "0190f0c2-0000-5000-8000-000000000020".into(),
                    date: date(2026, 4, 3),
                    description: "Service fees".into(),
                    amount: Rand::cents(-8_550),
                    reference: String::new(),
                },
            ],
            duplicates: 1,
        },
        BankEvent::BankLineReconciled {
            line_id: "0190f0c2-0000-5000-8000-000000000019".into(),
            payment_id: "0190f0c2-0000-7000-8000-000000000010".into(),
            method: ReconcileMethod::Auto,
        },
        BankEvent::BankLineUnreconciled {
            line_id: "0190f0c2-0000-5000-8000-000000000019".into(),
            payment_id: "0190f0c2-0000-7000-8000-000000000010".into(),
            reason: "Matched to the wrong customer's payment".into(),
        },
    ];
    for sample in &samples {
        match sample {
            BankEvent::BankStatementImported { .. }
            | BankEvent::BankLineReconciled { .. }
            | BankEvent::BankLineUnreconciled { .. } => {}
        }
    }
    samples
}

/// One sample of every payment event.
pub fn payment_samples() -> Vec<PaymentEvent> {
    let samples = vec![
        PaymentEvent::PaymentRecorded {
            direction: PaymentDirection::Received,
            counterparty_id: "0190f0c2-0000-7000-8000-0000000000aa".into(),
            counterparty_name: "Msunduzi Developments (Pty) Ltd".into(),
            date: date(2026, 4, 2),
            amount: Rand::cents(150_000),
            reference: "EFT MSUNDUZI 0042".into(),
            journal_id: "0190f0c2-0000-7000-8000-000000000017".into(),
        },
        PaymentEvent::PaymentAllocated {
            document_id: "0190f0c2-0000-7000-8000-000000000001".into(),
            document_number: "INV-000001".into(),
            amount: Rand::cents(100_000),
            date: date(2026, 4, 2),
        },
    ];
    for sample in &samples {
        match sample {
            PaymentEvent::PaymentRecorded { .. } | PaymentEvent::PaymentAllocated { .. } => {}
        }
    }
    samples
}

/// One sample of every invoice numbering event.
pub fn numbering_samples() -> Vec<NumberingEvent> {
    let samples = vec![NumberingEvent::InvoiceNumberAssigned {
        number: 1,
        invoice_id: "0190f0c2-0000-7000-8000-000000000004".into(),
    }];
    for sample in &samples {
        match sample {
            NumberingEvent::InvoiceNumberAssigned { .. } => {}
        }
    }
    samples
}

/// A `ShipmentCompleted` v1 published by hand, for finance's unit-level exactly-once
/// tests (orders emits it from the sales order, `sales_order_samples`); the subject
/// stands in for the sales order.
pub fn shipment_completed_sample(shipment_id: &str, customer: serde_json::Value) -> CloudEvent {
    CloudEvent::from_stored(
        "orders",
        StoredEvent {
            event_id: uuid::Uuid::new_v4(),
            aggregate_type: "orders.sales_order".to_string(),
            aggregate_id: shipment_id.to_string(),
            sequence: 3,
            event_type: "ShipmentCompleted".to_string(),
            event_version: "1".to_string(),
            payload: serde_json::json!({ "ShipmentCompleted": {
                "shipment_id": shipment_id,
                "project_id": "PRJ-2026-014",
                "customer": customer,
                "date": "2026-03-20",
                "lines": [
                    { "description": "Precast culverts 900mm", "quantity": "12", "unit_price": "2450.00", "vat_treatment": "STANDARD" },
                    { "description": "Delivery, Msunduzi site", "quantity": "1", "unit_price": "1850.50", "vat_treatment": "STANDARD", "cost_code": "CC-900" }
                ],
                "retention_percent": "5"
            }}),
            metadata: serde_json::json!({ "correlation_id": "orders-req-1", "subject": "system:orders" }),
            recorded_at: chrono::Utc::now(),
        },
    )
}

/// One sample of every ledger anchor event.
pub fn ledger_anchor_samples() -> Vec<constructos_domain::finance::LedgerAnchorEvent> {
    use constructos_domain::finance::LedgerAnchorEvent;
    let samples = vec![LedgerAnchorEvent::LedgerAnchored {
        cutoff: date(2026, 3, 21)
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc(),
        streams: 42,
        events: 311,
        digest: "3f2a9c".repeat(10) + "0b1d",
        previous_digest: constructos_domain::finance::FIRST_PREVIOUS_DIGEST.into(),
    }];
    for sample in &samples {
        match sample {
            LedgerAnchorEvent::LedgerAnchored { .. } => {}
        }
    }
    samples
}

/// One sample of every budget event.
pub fn budget_samples() -> Vec<constructos_domain::finance::BudgetEvent> {
    use constructos_domain::finance::BudgetEvent;
    let samples = vec![
        BudgetEvent::BudgetSet {
            project_id: "PRJ-2026-014".into(),
            cost_code: "CC-100".into(),
            period: "2026-03".into(),
            amount: Rand::cents(42_000_000),
            previous: Rand::cents(50_000_000),
        },
        BudgetEvent::BudgetLineAdded {
            project_id: "PRJ-2026-014".into(),
            cost_code: "CC-100".into(),
            period: "2026-04".into(),
            amount: -Rand::cents(2_500_000),
            previous: Rand::cents(7_000_000),
            source: "orders.variation/VO-002".into(),
        },
    ];
    for sample in &samples {
        match sample {
            BudgetEvent::BudgetSet { .. } | BudgetEvent::BudgetLineAdded { .. } => {}
        }
    }
    samples
}

/// One sample of every sales order event.
pub fn sales_order_samples() -> Vec<constructos_domain::orders::sales_order::SalesOrderEvent> {
    use constructos_domain::orders::lines::OrderLine;
    use constructos_domain::orders::sales_order::{
        CustomerSnapshot, SalesOrderEvent, ShipmentLine, ShippedLine, StockLine,
    };
    let order = "0190f0c2-0000-5000-8000-0000000000d1".to_string();
    let shipment = "0190f0c2-0000-5000-8000-0000000000d2".to_string();
    let samples = vec![
        SalesOrderEvent::SalesOrderPlaced {
            sales_order_id: order.clone(),
            number: "SO-2026-00001".into(),
            customer_account_id: "acc-1".into(),
            project_id: "prj-1".into(),
            date: date(2026, 12, 1),
            lines: vec![
                OrderLine {
                    line_no: 1,
                    sku: Some("CEM-50KG".into()),
                    description: "Cement 50 kg".into(),
                    quantity: Decimal::from(10),
                    unit_price: Rand::cents(9_500),
                    vat_treatment: VatTreatment::Standard,
                },
                OrderLine {
                    line_no: 2,
                    sku: None,
                    description: "Delivery".into(),
                    quantity: Decimal::new(15, 1),
                    unit_price: Rand::cents(45_000),
                    vat_treatment: VatTreatment::ZeroRated,
                },
            ],
            retention_percent: Some(Decimal::from(5)),
            total_excl_vat: Rand::cents(162_500),
            ship_from: Some("WH-JHB".into()),
            quote_id: Some("0190f0c2-0000-5000-8000-0000000000d3".into()),
        },
        SalesOrderEvent::SalesOrderConfirmed {
            sales_order_id: order.clone(),
        },
        SalesOrderEvent::SalesOrderCancelled {
            sales_order_id: order.clone(),
            reason: "Customer withdrew".into(),
        },
        SalesOrderEvent::SalesOrderShipped {
            sales_order_id: order.clone(),
            shipment_id: shipment.clone(),
            delivery_note: "DN-1".into(),
            date: date(2026, 12, 2),
            lines: vec![ShippedLine {
                line_no: 1,
                quantity: Decimal::from(4),
            }],
            fully_shipped: false,
        },
        SalesOrderEvent::ShipmentCompleted {
            shipment_id: shipment.clone(),
            project_id: "prj-1".into(),
            customer: CustomerSnapshot {
                account_id: "acc-1".into(),
                name: "Msunduzi Developments (Pty) Ltd".into(),
                vat_number: Some("4123456789".into()),
                address: None,
            },
            date: date(2026, 12, 2),
            lines: vec![ShipmentLine {
                description: "Cement 50 kg".into(),
                quantity: Decimal::from(4),
                unit_price: Rand::cents(9_500),
                vat_treatment: VatTreatment::Standard,
                project_id: None,
                cost_code: None,
            }],
            retention_percent: Some(Decimal::from(5)),
        },
        SalesOrderEvent::StockShipped {
            shipment_id: shipment,
            sales_order_id: order,
            project_id: "prj-1".into(),
            date: date(2026, 12, 2),
            lines: vec![StockLine {
                sku: "CEM-50KG".into(),
                quantity: Decimal::from(4),
            }],
            location: Some("WH-JHB".into()),
        },
    ];
    for sample in &samples {
        match sample {
            SalesOrderEvent::SalesOrderPlaced { .. }
            | SalesOrderEvent::SalesOrderConfirmed { .. }
            | SalesOrderEvent::SalesOrderCancelled { .. }
            | SalesOrderEvent::SalesOrderShipped { .. }
            | SalesOrderEvent::ShipmentCompleted { .. }
            | SalesOrderEvent::StockShipped { .. } => {}
        }
    }
    samples
}

/// One sample of every purchase order event.
pub fn purchase_order_samples(
) -> Vec<constructos_domain::orders::purchase_order::PurchaseOrderEvent> {
    use constructos_domain::orders::lines::OrderLine;
    use constructos_domain::orders::purchase_order::{
        PurchaseOrderEvent, ReceivedLine, StockReceiptLine,
    };
    let order = "0190f0c2-0000-5000-8000-0000000000e1".to_string();
    let lines = vec![OrderLine {
        line_no: 1,
        sku: None,
        description: "Rebar Y12, 6 m".into(),
        quantity: Decimal::from(200),
        unit_price: Rand::cents(14_550),
        vat_treatment: VatTreatment::Standard,
    }];
    let samples = vec![
        PurchaseOrderEvent::PurchaseOrderRaised {
            purchase_order_id: order.clone(),
            number: "PO-2026-00001".into(),
            vendor_account_id: "acc-v".into(),
            project_id: "prj-1".into(),
            cost_code: "CC-300".into(),
            date: date(2026, 12, 1),
            lines: lines.clone(),
            total_excl_vat: Rand::cents(2_910_000),
            raised_by: "sipho".into(),
        },
        PurchaseOrderEvent::PurchaseOrderApproved {
            purchase_order_id: order.clone(),
            number: "PO-2026-00001".into(),
            vendor_account_id: "acc-v".into(),
            project_id: "prj-1".into(),
            cost_code: "CC-300".into(),
            date: date(2026, 12, 1),
            lines,
            total_excl_vat: Rand::cents(2_910_000),
            approved_by: "thandi".into(),
            approver_role: "Site_Manager".into(),
        },
        PurchaseOrderEvent::PurchaseOrderRejected {
            purchase_order_id: order.clone(),
            reason: "Wrong supplier".into(),
            rejected_by: "thandi".into(),
        },
        PurchaseOrderEvent::PurchaseOrderCancelled {
            purchase_order_id: order.clone(),
            reason: "Design changed".into(),
        },
        PurchaseOrderEvent::PurchaseOrderClosed {
            purchase_order_id: order.clone(),
            reason: None,
        },
        PurchaseOrderEvent::GoodsReceived {
            purchase_order_id: order.clone(),
            receipt_id: "0190f0c2-0000-5000-8000-0000000000e2".into(),
            receipt_number: "GRN-00001".into(),
            date: date(2026, 12, 3),
            lines: vec![ReceivedLine {
                line_no: 1,
                quantity: Decimal::new(1205, 1),
            }],
            received_by: "site".into(),
        },
        PurchaseOrderEvent::GoodsIntoStock {
            purchase_order_id: order,
            receipt_id: "0190f0c2-0000-5000-8000-0000000000e2".into(),
            receipt_number: "GRN-00001".into(),
            project_id: "prj-1".into(),
            location: "SS-SANDTON".into(),
            date: date(2026, 12, 3),
            lines: vec![StockReceiptLine {
                line_no: 1,
                sku: "REBAR-Y12".into(),
                quantity: Decimal::new(1205, 1),
                unit_cost: Rand::cents(1_850),
            }],
        },
    ];
    for sample in &samples {
        match sample {
            PurchaseOrderEvent::PurchaseOrderRaised { .. }
            | PurchaseOrderEvent::PurchaseOrderApproved { .. }
            | PurchaseOrderEvent::PurchaseOrderRejected { .. }
            | PurchaseOrderEvent::PurchaseOrderCancelled { .. }
            | PurchaseOrderEvent::PurchaseOrderClosed { .. }
            | PurchaseOrderEvent::GoodsReceived { .. }
            | PurchaseOrderEvent::GoodsIntoStock { .. } => {}
        }
    }
    samples
}

/// One sample of every order number series event.
pub fn order_numbering_samples() -> Vec<constructos_domain::orders::numbering::NumberingEvent> {
    use constructos_domain::orders::numbering::NumberingEvent;
    let samples = vec![NumberingEvent::OrderNumberAssigned {
        number: 42,
        assigned_to: "0190f0c2-0000-5000-8000-0000000000e1".into(),
    }];
    for sample in &samples {
        match sample {
            NumberingEvent::OrderNumberAssigned { .. } => {}
        }
    }
    samples
}

/// An orders event as its relay would publish it (consumed by finance; orders is built
/// alongside).
fn orders_event(aggregate_id: &str, event_type: &str, data: serde_json::Value) -> CloudEvent {
    CloudEvent::from_stored(
        "orders",
        StoredEvent {
            event_id: uuid::Uuid::new_v4(),
            aggregate_type: "orders.project".to_string(),
            aggregate_id: aggregate_id.to_string(),
            sequence: 7,
            event_type: event_type.to_string(),
            event_version: "1".to_string(),
            payload: serde_json::json!({ event_type: data }),
            metadata: serde_json::json!({ "correlation_id": "orders-req-2", "subject": "system:orders" }),
            recorded_at: chrono::Utc::now(),
        },
    )
}

/// A `ProgressClaimApproved` of `project_id`: `lines` are (item, amount, treatment);
/// `retention` withheld excl. VAT.
pub fn progress_claim_approved_sample(
    claim_id: &str,
    claim_number: &str,
    date: &str,
    lines: &[(&str, &str, &str)],
    retention: &str,
) -> CloudEvent {
    let amount: Rand = lines
        .iter()
        .map(|(_, a, _)| Rand::from_str(a).expect("amount"))
        .sum();
    orders_event(
        "PRJ-2026-014",
        "ProgressClaimApproved",
        serde_json::json!({
            "claim_id": claim_id,
            "claim_number": claim_number,
            "project_id": "PRJ-2026-014",
            "customer": { "account_id": "acc-msunduzi", "name": "Msunduzi Developments (Pty) Ltd",
                          "vat_number": "4123456789", "address": null },
            "date": date,
            "period_end": date,
            "lines": lines.iter().map(|(item, amount, treatment)| serde_json::json!({
                "item": item, "description": format!("Works item {item}"), "amount": amount,
                "vat_treatment": treatment, "cost_code": "CC-300"
            })).collect::<Vec<_>>(),
            "amount": amount,
            "retention": retention,
            "retention_percent": "10"
        }),
    )
}

/// A `ProjectRetentionReleased` of `amount` (excl. VAT) on the claims' project.
pub fn project_retention_released_sample(release_id: &str, date: &str, amount: &str) -> CloudEvent {
    orders_event(
        "PRJ-2026-014",
        "ProjectRetentionReleased",
        serde_json::json!({
            "release_id": release_id,
            "project_id": "PRJ-2026-014",
            "customer": { "account_id": "acc-msunduzi", "name": "Msunduzi Developments (Pty) Ltd" },
            "date": date,
            "stage": "PRACTICAL_COMPLETION",
            "amount": amount
        }),
    )
}

/// An orders purchase-order event as its relay would publish it.
fn purchase_order_event(id: &str, event_type: &str, data: serde_json::Value) -> CloudEvent {
    let mut event = orders_event(id, event_type, data);
    event.aggregatetype = "orders.purchase_order".to_string();
    event
}

/// A `PurchaseOrderApproved` of `vendor` on `project_id` / `CC-300`; `lines` are
/// (quantity, unit price).
pub fn purchase_order_approved_sample(
    id: &str,
    vendor: &str,
    project_id: &str,
    lines: &[(&str, &str)],
) -> CloudEvent {
    let total: Rand = lines
        .iter()
        .map(|(q, p)| {
            constructos_domain::finance::line_value(
                Decimal::from_str(q).expect("quantity"),
                Rand::from_str(p).expect("price"),
            )
            .expect("value")
        })
        .sum();
    purchase_order_event(
        id,
        "PurchaseOrderApproved",
        serde_json::json!({
            "purchase_order_id": id,
            "number": format!("PO-{id}"),
            "vendor_account_id": vendor,
            "project_id": project_id,
            "cost_code": "CC-300",
            "date": "2026-03-05",
            "lines": lines.iter().enumerate().map(|(i, (q, p))| serde_json::json!({
                "line_no": i + 1, "sku": null, "description": format!("Item {}", i + 1),
                "quantity": q, "unit_price": p, "vat_treatment": "STANDARD"
            })).collect::<Vec<_>>(),
            "total_excl_vat": total,
            "approved_by": "pm-1",
            "approver_role": "Project_Manager"
        }),
    )
}

/// A `PurchaseOrderCancelled` or `PurchaseOrderClosed` of the order `id`.
pub fn purchase_order_ended_sample(id: &str, event_type: &str) -> CloudEvent {
    let mut event = purchase_order_event(
        id,
        event_type,
        serde_json::json!({ "purchase_order_id": id, "reason": "Works complete" }),
    );
    // Later in the order's stream than its approval.
    event.sequence = 9;
    event
}

/// A `GoodsReceived` of the order `id` (finance's three-way match reads it).
pub fn goods_received_sample(id: &str) -> CloudEvent {
    goods_received_lines_sample(id, "GRN-1", &[(1, "100")])
}

/// A `GoodsReceived` of the order `id` on the note `receipt_id`: (line no, quantity).
pub fn goods_received_lines_sample(
    id: &str,
    receipt_id: &str,
    lines: &[(u32, &str)],
) -> CloudEvent {
    let mut event = purchase_order_event(
        id,
        "GoodsReceived",
        serde_json::json!({
            "purchase_order_id": id, "receipt_id": receipt_id, "receipt_number": format!("GRN-{receipt_id}"),
            "date": "2026-03-12",
            "lines": lines.iter().map(|(no, q)| serde_json::json!({ "line_no": no, "quantity": q }))
                .collect::<Vec<_>>(),
            "received_by": "site-1"
        }),
    );
    event.sequence = 8;
    event
}

/// One sample of every quote event, its lines covering every stock answer.
pub fn quote_samples() -> Vec<constructos_domain::sales::quote::QuoteEvent> {
    use constructos_domain::finance::VatTreatment;
    use constructos_domain::sales::quote::{priced, LineStock, QuoteEvent, QuoteLine};
    let amount = |text: &str| Decimal::from_str(text).expect("a decimal");
    let stocks = [
        LineStock::NotChecked,
        LineStock::Available {
            available: amount("100"),
        },
        LineStock::InTransit {
            available: amount("10"),
            in_transit: amount("80"),
        },
        LineStock::Short {
            available: amount("100"),
            shortfall: amount("400"),
        },
        LineStock::Unconfirmed {
            reason: "inventory did not answer within 1500 ms".into(),
        },
    ];
    let lines: Vec<QuoteLine> = stocks
        .into_iter()
        .enumerate()
        .map(|(i, stock)| QuoteLine {
            product: (i > 0).then(|| "CEM-425-50KG".to_string()),
            description: "Cement 42.5N".into(),
            quantity: amount("40"),
            unit_price: amount("119.00"),
            discount_percent: amount("7.5"),
            vat: VatTreatment::Standard,
            stock,
        })
        .collect();
    let (lines, totals) = priced(&lines, amount("10")).expect("priced");
    let until = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let samples = vec![
        QuoteEvent::QuoteDrafted {
            opportunity_id: "0190c7a2-5d1e-7b3a-9f00-1234567890ab".into(),
            version: 1,
            valid_until: until,
            location: Some("WH-JHB".into()),
            lines: lines.clone(),
            totals,
        },
        QuoteEvent::QuoteRevised {
            version: 2,
            valid_until: until,
            location: None,
            lines,
            totals,
        },
        QuoteEvent::QuoteAccepted { version: 2 },
    ];
    for sample in &samples {
        match sample {
            QuoteEvent::QuoteDrafted { .. }
            | QuoteEvent::QuoteRevised { .. }
            | QuoteEvent::QuoteAccepted { .. } => {}
        }
    }
    samples
}

/// One sample of every stock count event.
pub fn count_samples() -> Vec<constructos_domain::inventory::CountEvent> {
    use constructos_domain::inventory::{CountEvent, CountVariance};
    let amount = |text: &str| Decimal::from_str(text).expect("a decimal");
    let samples = vec![
        CountEvent::StockCountOpened {
            location: "WH-JHB".into(),
            reference: "CNT-2026-11".into(),
        },
        CountEvent::StockCounted {
            product: "CEM-425-50KG".into(),
            counted: amount("597.5"),
        },
        CountEvent::StockCountPosted {
            variances: vec![CountVariance {
                product: "CEM-425-50KG".into(),
                book: amount("600"),
                counted: amount("597.5"),
                delta: amount("-2.5"),
            }],
        },
    ];
    for sample in &samples {
        match sample {
            CountEvent::StockCountOpened { .. }
            | CountEvent::StockCounted { .. }
            | CountEvent::StockCountPosted { .. } => {}
        }
    }
    samples
}

/// One sample of every equipment event.
pub fn equipment_samples() -> Vec<constructos_domain::inventory::EquipmentEvent> {
    use constructos_domain::inventory::{EquipmentDetails, EquipmentEvent, MeterKind, Ownership};
    let amount = |text: &str| Decimal::from_str(text).expect("a decimal");
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
    let samples = vec![
        EquipmentEvent::EquipmentRegistered(EquipmentDetails {
            code: "TLB-01".into(),
            description: "CAT 428 backhoe loader".into(),
            category: "TLB".into(),
            serial_number: "CAT0428FXYZ".into(),
            ownership: Ownership::Owned,
            meter: MeterKind::Hours,
            daily_rate: amount("1850.00"),
            service_every: Some(amount("250")),
            service_every_days: Some(90),
            registered_on: day(1),
            meter_reading: amount("1200"),
        }),
        EquipmentEvent::EquipmentRegistered(EquipmentDetails {
            code: "GEN-07".into(),
            description: "Generator 60 kVA".into(),
            category: "Generator".into(),
            serial_number: "G60-7788".into(),
            ownership: Ownership::HiredIn,
            meter: MeterKind::Kilometres,
            daily_rate: amount("650"),
            service_every: None,
            service_every_days: None,
            registered_on: day(1),
            meter_reading: amount("0"),
        }),
        EquipmentEvent::EquipmentCheckedOut {
            project_id: "0190c7a2-5d1e-7b3a-9f00-1234567890ab".into(),
            on: day(3),
        },
        EquipmentEvent::MeterRead {
            reading: amount("1262.5"),
            on: day(9),
        },
        EquipmentEvent::EquipmentCheckedIn {
            project_id: "0190c7a2-5d1e-7b3a-9f00-1234567890ab".into(),
            on: day(9),
            days: 7,
            daily_rate: amount("1850.00"),
            charge: amount("12950.00"),
        },
        EquipmentEvent::EquipmentServiced {
            on: day(10),
            meter: amount("1262.5"),
            note: "250-hour service".into(),
        },
    ];
    for sample in &samples {
        match sample {
            EquipmentEvent::EquipmentRegistered(_)
            | EquipmentEvent::EquipmentCheckedOut { .. }
            | EquipmentEvent::EquipmentCheckedIn { .. }
            | EquipmentEvent::MeterRead { .. }
            | EquipmentEvent::EquipmentServiced { .. } => {}
        }
    }
    samples
}
