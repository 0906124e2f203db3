//! Sales against the real PostgreSQL: the opportunity commands, the lead-conversion
//! process manager and the pipeline read model, with its row-level scope and keyset
//! pagination.
//!
//! Self-contained on purpose: a fresh sales database through `infra::db` only, events
//! read back from the event store and applied as the projection worker applies them
//! (`apply_message`), so no broker and no test harness are needed.

use chrono::{DateTime, Utc};
use constructos_commands::sales::SalesCommands;
use constructos_commands::{CommandContext, CommandError};
use constructos_domain::access::Role;
use constructos_domain::identity::{LeadSource, Opportunity as LeadOpportunity};
use constructos_domain::sales::{opportunity_id, Stage};
use constructos_infra::auth::Caller;
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_infra::ReadError;
use constructos_infra::{db, Config, Domain};
use constructos_projections::sales::{
    OpportunityFilter, OpportunityRow, SalesProjection, SalesQueries,
};
use constructos_projections::{apply_message, Applied, Projection};
use constructos_services::sales::LeadConversions;
use rust_decimal::Decimal;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// A sales database of its own, dropped by [`SalesDb::drop`].
struct SalesDb {
    config: Config,
    pool: PgPool,
}

impl SalesDb {
    async fn new() -> Self {
        let id = Uuid::new_v4().simple().to_string()[..12].to_string();
        let mut config = Config::from_env().expect("configuration");
        config.db_prefix = format!("ct_{id}");
        let pool = db::prepare(&config, Domain::Sales, db::migrations::sales())
            .await
            .expect("sales database");
        Self { config, pool }
    }

    async fn drop(self) {
        self.pool.close().await;
        let admin = db::connect_url(&self.config.url_with_database("postgres").expect("url"), 1)
            .await
            .expect("admin connection");
        let name = self.config.database_name(Domain::Sales);
        sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .execute(&admin)
            .await
            .expect("drop database");
    }

    /// Every event in the sales event store, in commit order, as the relay publishes it.
    async fn published(&self) -> Vec<CloudEvent> {
        type Row = (
            Uuid,
            String,
            String,
            i64,
            String,
            String,
            serde_json::Value,
            serde_json::Value,
            DateTime<Utc>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT event_id, aggregate_type, aggregate_id, sequence, event_type, event_version,
                    payload, metadata, recorded_at
               FROM events ORDER BY tx_id, global_id",
        )
        .fetch_all(&self.pool)
        .await
        .expect("events");
        rows.into_iter()
            .map(
                |(
                    event_id,
                    aggregate_type,
                    aggregate_id,
                    sequence,
                    event_type,
                    event_version,
                    payload,
                    metadata,
                    recorded_at,
                )| {
                    CloudEvent::from_stored(
                        "sales",
                        StoredEvent {
                            event_id,
                            aggregate_type,
                            aggregate_id,
                            sequence,
                            event_type,
                            event_version,
                            payload,
                            metadata,
                            recorded_at,
                        },
                    )
                },
            )
            .collect()
    }

    /// Applies every published event to the read model, each delivered twice.
    async fn project(&self) {
        for event in self.published().await {
            let body = serde_json::to_vec(&event).expect("body");
            let first = apply_message(&self.pool, &SalesProjection, &body)
                .await
                .expect("applied");
            let again = apply_message(&self.pool, &SalesProjection, &body)
                .await
                .expect("applied");
            assert_eq!(again, Applied::Duplicate, "{first:?} then {again:?}");
        }
    }

    async fn event_count(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM events")
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }
}

fn ctx(subject: &str, roles: &[Role]) -> CommandContext {
    let caller = Caller {
        subject: subject.to_string(),
        // A different object id: opportunities are owned by subject, not object id.
        object_id: Some(format!("oid-of-{subject}")),
        tenant_id: None,
        name: None,
        username: None,
        roles: roles.to_vec(),
    };
    CommandContext::new(caller, Uuid::now_v7().to_string())
}

fn system() -> CommandContext {
    ctx("system:test", &[Role::SalesManager])
}

fn converted(company: &str, owner: &str) -> LeadOpportunity {
    LeadOpportunity {
        company_name: company.to_string(),
        contact_name: "Nomsa Mahlangu".to_string(),
        source: LeadSource::Referral,
        estimated_value: Some(Decimal::new(450_000_000, 2)),
        owner: owner.to_string(),
    }
}

/// Opens an opportunity for a fresh lead; returns its id.
async fn open(sales: &SalesCommands, company: &str, owner: &str) -> String {
    let lead = Uuid::now_v7().to_string();
    let opened = sales
        .open_from_lead(
            &system(),
            &lead,
            &Uuid::now_v7().to_string(),
            &Uuid::now_v7().to_string(),
            &converted(company, owner),
        )
        .await
        .expect("opened");
    assert_eq!(opened.id, opportunity_id(&lead));
    assert!(!opened.already_open);
    opened.id
}

#[tokio::test]
async fn opportunities_move_through_the_pipeline_under_the_owner_rule() {
    let env = SalesDb::new().await;
    let sales = SalesCommands::new(env.pool.clone());
    let queries = SalesQueries::new(env.pool.clone());
    let rep = ctx("rep-1", &[Role::SalesRep]);
    let other_rep = ctx("rep-2", &[Role::SalesRep]);
    let manager = ctx("manager-1", &[Role::SalesManager]);

    // Opening twice (a redelivered conversion) answers the first opening.
    let lead = Uuid::now_v7().to_string();
    let (account, contact) = (Uuid::now_v7().to_string(), Uuid::now_v7().to_string());
    let first = sales
        .open_from_lead(
            &system(),
            &lead,
            &account,
            &contact,
            &converted("Mahlangu Developments", "rep-1"),
        )
        .await
        .expect("opened");
    let again = sales
        .open_from_lead(
            &system(),
            &lead,
            &account,
            &contact,
            &converted("Mahlangu Developments", "rep-1"),
        )
        .await
        .expect("answered");
    assert_eq!(
        (again.id.as_str(), again.already_open),
        (first.id.as_str(), true)
    );
    assert_eq!(env.event_count().await, 1);
    let id = first.id;

    // The owner moves it, forward and back; another rep does not see it at all.
    sales
        .move_stage(&rep, &id, Stage::Negotiation)
        .await
        .expect("moved");
    sales
        .move_stage(&rep, &id, Stage::Tender)
        .await
        .expect("moved back");
    assert!(matches!(
        sales.move_stage(&other_rep, &id, Stage::Negotiation).await,
        Err(CommandError::NotFound(_))
    ));
    assert!(matches!(
        sales.move_stage(&rep, &id, Stage::Tender).await,
        Err(CommandError::Rejected(_))
    ));
    assert!(matches!(
        sales.move_stage(&rep, &id, Stage::Won).await,
        Err(CommandError::Rejected(_))
    ));
    // Refused before anything is read: no permission, or an id that is not a UUID.
    assert!(matches!(
        sales.win(&ctx("auditor", &[Role::Auditor]), &id).await,
        Err(CommandError::Forbidden(_))
    ));
    assert!(matches!(
        sales.win(&rep, "not-a-uuid").await,
        Err(CommandError::Rejected(m)) if m.starts_with("id:")
    ));
    assert!(matches!(
        sales.win(&manager, &Uuid::now_v7().to_string()).await,
        Err(CommandError::NotFound(_))
    ));

    sales
        .lose(
            &rep,
            &id,
            "priced above the winner".into(),
            Some("Bokamoso Builders".into()),
        )
        .await
        .expect("lost");
    // Closed: nothing changes it any more, whoever asks.
    assert!(matches!(
        sales.win(&manager, &id).await,
        Err(CommandError::Rejected(_))
    ));
    assert!(matches!(
        sales.move_stage(&manager, &id, Stage::Qualification).await,
        Err(CommandError::Rejected(_))
    ));

    let won = open(&sales, "Zulu Civils", "rep-2").await;
    sales.win(&manager, &won).await.expect("won by a manager");

    env.project().await;
    let row = queries
        .opportunity(&id, None)
        .await
        .expect("read")
        .expect("projected");
    assert_eq!(
        (
            row.stage.as_str(),
            row.probability,
            row.lead_id.as_str(),
            row.owner.as_str()
        ),
        ("LOST", 0, lead.as_str(), "rep-1")
    );
    assert_eq!(row.lost_reason.as_deref(), Some("priced above the winner"));
    assert_eq!(row.competitor.as_deref(), Some("Bokamoso Builders"));
    assert_eq!(
        row.estimated_value.map(|v| v.to_string()),
        Some("4500000.00".into())
    );
    assert!(row.closed_at.is_some());
    let won = queries
        .opportunity(&won, None)
        .await
        .expect("read")
        .expect("projected");
    assert_eq!((won.stage.as_str(), won.probability), ("WON", 100));
    // Row-level: a rep reads only their own.
    assert!(queries
        .opportunity(&id, Some("rep-2"))
        .await
        .expect("read")
        .is_none());
    assert!(queries
        .opportunity(&id, Some("rep-1"))
        .await
        .expect("read")
        .is_some());

    env.drop().await;
}

#[tokio::test]
async fn the_pipeline_pages_newest_first_by_an_opaque_cursor() {
    let env = SalesDb::new().await;
    let sales = SalesCommands::new(env.pool.clone());
    let queries = SalesQueries::new(env.pool.clone());
    let manager = ctx("manager-1", &[Role::SalesManager]);
    let mut opened = Vec::new();
    for n in 0..7 {
        let owner = if n % 2 == 0 { "rep-1" } else { "rep-2" };
        opened.push(open(&sales, &format!("Company {n}"), owner).await);
    }
    sales
        .move_stage(&manager, &opened[0], Stage::Tender)
        .await
        .expect("moved");
    sales
        .move_stage(&manager, &opened[3], Stage::Tender)
        .await
        .expect("moved");
    env.project().await;

    let all = OpportunityFilter::default();
    let mut seen: Vec<OpportunityRow> = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = queries
            .opportunities(&all, None, Some(3), after.as_deref())
            .await
            .expect("page");
        assert!(page.rows.len() <= 3);
        seen.extend(page.rows);
        if !page.has_next_page {
            break;
        }
        after = page.end_cursor;
        assert!(after.is_some(), "a page with more has a cursor");
    }
    let ids: Vec<&str> = seen.iter().map(|r| r.id.as_str()).collect();
    let mut newest_first: Vec<&str> = opened.iter().map(String::as_str).collect();
    newest_first.reverse();
    assert_eq!(ids, newest_first, "every row once, newest first");

    let default = queries
        .opportunities(&all, None, None, None)
        .await
        .expect("page");
    assert_eq!((default.rows.len(), default.has_next_page), (7, false));

    let reps_own = queries
        .opportunities(&all, Some("rep-1"), Some(100), None)
        .await
        .expect("page");
    assert_eq!(reps_own.rows.len(), 4);
    assert!(reps_own.rows.iter().all(|r| r.owner == "rep-1"));

    let tenders = OpportunityFilter {
        stage: Some(Stage::Tender),
        owner: None,
    };
    let page = queries
        .opportunities(&tenders, None, None, None)
        .await
        .expect("page");
    assert_eq!(
        page.rows
            .iter()
            .map(|r| (r.id.as_str(), r.probability))
            .collect::<Vec<_>>(),
        vec![(opened[3].as_str(), 50), (opened[0].as_str(), 50)]
    );
    // The scope narrows any filter: rep-2's tender is not rep-1's to see.
    let page = queries
        .opportunities(&tenders, Some("rep-1"), None, None)
        .await
        .expect("page");
    assert_eq!(page.rows.len(), 1);

    let garbage = queries
        .opportunities(&all, None, None, Some("not a cursor!"))
        .await;
    let error = garbage.expect_err("a malformed cursor is refused");
    assert!(matches!(error, ReadError::InvalidCursor), "{error:?}");

    env.drop().await;
}

fn lead_converted(lead: &str, account: &str, contact: &str) -> CloudEvent {
    CloudEvent::from_stored(
        "identity",
        StoredEvent {
            event_id: Uuid::new_v4(),
            aggregate_type: "identity.lead".to_string(),
            aggregate_id: lead.to_string(),
            sequence: 3,
            event_type: "LeadConverted".to_string(),
            event_version: "1".to_string(),
            payload: json!({ "LeadConverted": {
                "account_id": account,
                "contact_id": contact,
                "opportunity": {
                    "company_name": "Mahlangu Developments",
                    "contact_name": "Nomsa Mahlangu",
                    "source": "TENDER_BULLETIN",
                    "estimated_value": "4500000.00",
                    "owner": "rep-1"
                }
            }}),
            metadata: json!({ "correlation_id": "identity-req-1", "subject": "rep-1" }),
            recorded_at: Utc::now(),
        },
    )
}

#[tokio::test]
async fn each_converted_lead_opens_one_opportunity() {
    let env = SalesDb::new().await;
    let manager = LeadConversions::new(SalesCommands::new(env.pool.clone()));
    assert_eq!(manager.name(), "sales.lead_conversions");
    let lead = Uuid::now_v7().to_string();
    let event = lead_converted(
        &lead,
        &Uuid::now_v7().to_string(),
        &Uuid::now_v7().to_string(),
    );
    let body = serde_json::to_vec(&event).expect("body");
    assert_eq!(
        apply_message(&env.pool, &manager, &body)
            .await
            .expect("applied"),
        Applied::Applied
    );
    // The same message again is skipped by the worker's record ...
    assert_eq!(
        apply_message(&env.pool, &manager, &body)
            .await
            .expect("applied"),
        Applied::Duplicate
    );
    // ... and the same conversion in another message (a replay) finds it open.
    let mut replayed = event.clone();
    replayed.id = Uuid::new_v4();
    let body = serde_json::to_vec(&replayed).expect("body");
    assert_eq!(
        apply_message(&env.pool, &manager, &body)
            .await
            .expect("applied"),
        Applied::Applied
    );
    // Other identity events are ignored.
    let mut qualified = event.clone();
    qualified.id = Uuid::new_v4();
    qualified.event_type = "constructos.identity.LeadQualified.v1".to_string();
    qualified.data = json!({});
    let body = serde_json::to_vec(&qualified).expect("body");
    apply_message(&env.pool, &manager, &body)
        .await
        .expect("ignored");
    assert_eq!(env.event_count().await, 1, "one opportunity, opened once");

    let published = env.published().await;
    assert_eq!(
        published[0].event_type,
        "constructos.sales.OpportunityOpened.v1"
    );
    assert_eq!(published[0].subject, opportunity_id(&lead));
    assert_eq!(
        published[0].causationid.as_deref(),
        Some(event.id.to_string().as_str())
    );
    assert_eq!(
        published[0].correlationid.as_deref(),
        Some("identity-req-1")
    );

    env.project().await;
    let row = SalesQueries::new(env.pool.clone())
        .opportunity(&opportunity_id(&lead), Some("rep-1"))
        .await
        .expect("read")
        .expect("the lead's owner sees it");
    assert_eq!(
        (
            row.stage.as_str(),
            row.probability,
            row.source.as_str(),
            row.name.as_str()
        ),
        (
            "QUALIFICATION",
            10,
            "TENDER_BULLETIN",
            "Mahlangu Developments"
        )
    );

    env.drop().await;
}
