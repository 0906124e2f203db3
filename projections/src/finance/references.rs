//! Finance's own copy of the facts its documents refer to, kept from other domains'
//! topics (the pattern of orders' `AssignmentsProjection` and HR's `LinksProjection`):
//! identity's accounts and user assignments ([`IdentityFactsProjection`], identity's
//! topic) and orders' projects ([`ProjectFactsProjection`], orders' topic). The command
//! side checks every account and project a document names against these tables
//! (`read_model.known_accounts`, `known_projects`, `user_assignments`). Rows remember
//! their stream's last sequence and only move forward, so a redelivery changes nothing.

use async_trait::async_trait;
use constructos_domain::identity::{AccountEvent, ACCOUNT_AGGREGATE, USER_AGGREGATE};
use constructos_domain::orders::{ProjectEvent, PROJECT_AGGREGATE};
use constructos_infra::cloudevents::CloudEvent;
use sqlx::{Postgres, Transaction};

use crate::orders::AssignmentsProjection;
use crate::{database, domain_event, ApplyError, Projection};

type Tx<'a, 'b> = &'a mut Transaction<'b, Postgres>;

/// The finance database's tables kept from **other** domains' topics (and the parked
/// shipments waiting on them). A replay of finance's own event store does not rebuild
/// them: they are copies of identity's and orders' facts, rebuilt by consuming those
/// topics from the start under a new consumer group.
pub const FOREIGN_FACT_TABLES: &[&str] = &[
    "known_accounts",
    "known_projects",
    "user_assignments",
    "parked_events",
    // From orders' purchase orders (purchase_orders.rs).
    "known_purchase_orders",
    "goods_receipts",
    "commitments",
];

/// Finance's copy of identity's accounts and user assignments.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityFactsProjection;

#[async_trait]
impl Projection for IdentityFactsProjection {
    fn name(&self) -> &'static str {
        "finance.identity_facts"
    }

    async fn apply(&self, tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
        if event.aggregatetype == USER_AGGREGATE {
            // The same table shape and code as the orders domain's copy.
            return AssignmentsProjection.apply(tx, event).await;
        }
        if event.aggregatetype != ACCOUNT_AGGREGATE {
            return Ok(());
        }
        apply_account(tx, event).await
    }
}

/// Keeps one account event's facts; facts a tax invoice does not show are ignored.
async fn apply_account(tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
    // $1 the account id, $2 its stream's sequence, $3 the event's time; then the facts.
    let keyed = |sql: &'static str| {
        sqlx::query(sql)
            .bind(&event.subject)
            .bind(event.sequence)
            .bind(event.time)
    };
    let query = match domain_event::<AccountEvent>(event)? {
        AccountEvent::AccountCreated {
            kind,
            name,
            vat_number,
            ..
        } => keyed(
            "INSERT INTO read_model.known_accounts
                 (id, last_sequence, updated_at, kind, name, vat_number, status)
             VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE')
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(kind.as_str())
        .bind(name)
        .bind(vat_number),
        AccountEvent::AccountDetailsUpdated {
            name, vat_number, ..
        } => keyed(
            "UPDATE read_model.known_accounts
                SET name = $4, vat_number = $5, last_sequence = $2, updated_at = $3
              WHERE id = $1 AND last_sequence < $2",
        )
        .bind(name)
        .bind(vat_number),
        AccountEvent::AccountStatusChanged { to, .. } => keyed(
            "UPDATE read_model.known_accounts
                SET status = $4, last_sequence = $2, updated_at = $3
              WHERE id = $1 AND last_sequence < $2",
        )
        .bind(to.as_str()),
        AccountEvent::AccountTradingNameChanged { trading_name } => keyed(
            "UPDATE read_model.known_accounts
                SET trading_name = $4, last_sequence = $2, updated_at = $3
              WHERE id = $1 AND last_sequence < $2",
        )
        .bind(trading_name),
        AccountEvent::AccountAddressChanged {
            address_type,
            address,
        } => keyed(
            "UPDATE read_model.known_accounts
                SET addresses = addresses || jsonb_build_object($4::text, $5::jsonb),
                    last_sequence = $2, updated_at = $3
              WHERE id = $1 AND last_sequence < $2",
        )
        .bind(address_type.as_str())
        .bind(
            serde_json::to_value(address).map_err(|source| ApplyError::Event {
                what: "Failed to encode an address".into(),
                source,
            })?,
        ),
        // Tax references, B-BBEE, CIDB and payment terms are not on a tax invoice.
        _ => return Ok(()),
    };
    query
        .execute(&mut **tx)
        .await
        .map_err(database("Failed to update finance's copy of an account"))?;
    Ok(())
}

/// Finance's copy of orders' projects.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProjectFactsProjection;

#[async_trait]
impl Projection for ProjectFactsProjection {
    fn name(&self) -> &'static str {
        "finance.project_facts"
    }

    async fn apply(&self, tx: Tx<'_, '_>, event: &CloudEvent) -> Result<(), ApplyError> {
        // A project's stream also carries its claims and retention releases (for the
        // claims worker, `services/src/finance/claims.rs`): only these two facts are
        // copied, so the others are not read as project events.
        if event.aggregatetype != PROJECT_AGGREGATE
            || !matches!(
                event.short_type(),
                "ProjectCreated" | "ProjectStatusChanged"
            )
        {
            return Ok(());
        }
        let query = match domain_event::<ProjectEvent>(event)? {
            ProjectEvent::ProjectCreated {
                code,
                name,
                customer_account_id,
                site_id,
                status,
                ..
            } => sqlx::query(
                "INSERT INTO read_model.known_projects
                     (id, last_sequence, updated_at, code, name, customer_account_id, site_id, status)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(event.sequence)
            .bind(event.time)
            .bind(code)
            .bind(name)
            .bind(customer_account_id)
            .bind(site_id)
            .bind(status.unwrap_or_default().as_str()),
            ProjectEvent::ProjectStatusChanged { to, .. } => sqlx::query(
                "UPDATE read_model.known_projects
                    SET status = $4, last_sequence = $2, updated_at = $3
                  WHERE id = $1 AND last_sequence < $2",
            )
            .bind(&event.subject)
            .bind(event.sequence)
            .bind(event.time)
            .bind(to.as_str()),
            // The rest of a project's life (contract, claims, …) is not a fact finance
            // checks references against; claims reach finance as their own events.
            _ => return Ok(()),
        };
        query
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to update finance's copy of a project"))?;
        Ok(())
    }
}
