//! The trade read models apply each event once even when its applied-event record is
//! missing: every change is guarded by the order's `last_sequence`, so a received or
//! shipped quantity is never counted twice, and closing releases exactly what was not
//! received.

use chrono::Utc;
use constructos_infra::cloudevents::{CloudEvent, StoredEvent};
use constructos_projections::orders::TradeProjection;
use constructos_projections::Projection;
use cqrs_es::DomainEvent;
use rust_decimal::Decimal;
use sqlx::PgPool;

use crate::event_samples::{purchase_order_samples, sales_order_samples};
use crate::harness::TestEnv;

fn envelope<E: DomainEvent>(
    aggregate_type: &str,
    id: &str,
    sequence: i64,
    event: &E,
) -> CloudEvent {
    CloudEvent::from_stored(
        "orders",
        StoredEvent {
            event_id: uuid::Uuid::new_v4(),
            aggregate_type: aggregate_type.to_string(),
            aggregate_id: id.to_string(),
            sequence,
            event_type: event.event_type(),
            event_version: event.event_version(),
            payload: serde_json::to_value(event).expect("payload"),
            metadata: serde_json::json!({ "subject": "test" }),
            recorded_at: Utc::now(),
        },
    )
}

/// Applies `event` twice, each time in its own transaction and without an applied
/// record: as a redelivery would if the record were lost.
async fn twice(pool: &PgPool, event: &CloudEvent) {
    for _ in 0..2 {
        let mut tx = pool.begin().await.expect("tx");
        TradeProjection
            .apply(&mut tx, event)
            .await
            .expect("applied");
        tx.commit().await.expect("commit");
    }
}

#[tokio::test]
async fn trade_events_applied_twice_count_once() {
    let env = TestEnv::databases_only().await;
    let pool = &env.orders;
    // Purchase order: raised (1), approved (2), goods received (6 = its sample), closed.
    let po = purchase_order_samples();
    let id = "0190f0c2-0000-5000-8000-0000000000e1";
    for (sequence, event) in [(1, &po[0]), (2, &po[1]), (3, &po[5]), (4, &po[4])] {
        twice(
            pool,
            &envelope("orders.purchase_order", id, sequence, event),
        )
        .await;
    }
    let (status, committed, received): (String, Decimal, Decimal) = sqlx::query_as(
        "SELECT p.status, p.committed, l.received FROM read_model.purchase_orders p
           JOIN read_model.purchase_order_lines l ON l.purchase_order_id = p.id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .expect("the order");
    assert_eq!(status, "CLOSED");
    assert_eq!(received, Decimal::new(1205, 1), "received once");
    // 120.5 × R145.50 = R17 532.75: what was received stays committed.
    assert_eq!(committed, Decimal::new(1_753_275, 2));
    let receipts: i64 = sqlx::query_scalar("SELECT count(*) FROM read_model.goods_receipts")
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(receipts, 1);

    // Sales order: placed (1), confirmed (2), shipped (3) — the shipment counted once.
    let so = sales_order_samples();
    let id = "0190f0c2-0000-5000-8000-0000000000d1";
    for (sequence, event) in [
        (1, &so[0]),
        (2, &so[1]),
        (3, &so[3]),
        (4, &so[4]),
        (5, &so[5]),
    ] {
        twice(pool, &envelope("orders.sales_order", id, sequence, event)).await;
    }
    let (status, shipped): (String, Decimal) = sqlx::query_as(
        "SELECT o.status, l.shipped FROM read_model.sales_orders o
           JOIN read_model.sales_order_lines l ON l.sales_order_id = o.id
          WHERE o.id = $1 AND l.line_no = 1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .expect("the order");
    assert_eq!(status, "PART_SHIPPED");
    assert_eq!(shipped, Decimal::from(4));
    env.drop_databases().await;
}
