//! Kafka clients (rdkafka) configured the one way ConstructOS uses them, and the
//! in-process announcements by which a relay wakes the idle consumers of its topic.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use anyhow::Context;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::RDKafkaErrorCode;
use rdkafka::producer::FutureProducer;
use rdkafka::ClientConfig;
use tokio::sync::watch;

use crate::signals::Signals;
use crate::Config;

/// Header carrying the correlation id next to the CloudEvent.
pub const CORRELATION_HEADER: &str = "correlation-id";

fn base(config: &Config) -> ClientConfig {
    let mut client = ClientConfig::new();
    client
        .set("bootstrap.servers", &config.kafka_brokers)
        .set("socket.timeout.ms", "10000");
    client
}

/// The process's producer for the configured brokers: created on first use and shared
/// by every relay and dead-letter writer of the process (a clone is a handle to the same
/// client). One producer, not one per relay, because each librdkafka producer brings
/// its own threads, and rdkafka's polling thread alone costs an idle process about half
/// a percent of a core.
///
/// Every write is acknowledged by the broker (`acks=all`), with one request in flight
/// per connection so that retries never reorder a partition. Not idempotent
/// (librdkafka's default), on purpose: tansu 0.6.0's idempotent path
/// (`idempotent_message_check` in its sqlite storage) answers a retried or second
/// concurrent batch with `DuplicateSequenceNumber` and then panics ("more or less than
/// one row", `lite.rs:503`) under a steady 1,000 events/s, which stops the broker. What
/// idempotence would add is the broker dropping a batch retried after a lost answer;
/// the relay republishes after a crash anyway, and every consumer deduplicates on the
/// CloudEvent id (see `relay`), so a retried duplicate changes nothing.
pub fn producer(config: &Config) -> anyhow::Result<FutureProducer> {
    let mut producers = PRODUCERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(producer) = producers.get(&config.kafka_brokers) {
        return Ok(producer.clone());
    }
    let producer: FutureProducer = base(config)
        .set("enable.idempotence", "false")
        .set("acks", "all")
        .set("message.timeout.ms", "30000")
        .set("linger.ms", "1")
        .set("max.in.flight.requests.per.connection", "1")
        .create()
        .context("Failed to create the Kafka producer")?;
    producers.insert(config.kafka_brokers.clone(), producer.clone());
    Ok(producer)
}

/// The process's producers, by bootstrap servers.
static PRODUCERS: LazyLock<Mutex<HashMap<String, FutureProducer>>> =
    LazyLock::new(Default::default);

/// How long the broker may hold a fetch. tansu 0.6.0 holds *every* fetch this long
/// (below 250 ms; half of it above), with data or without (`FetchService::fetch` sleeps
/// after reading), so one hop costs between one and two of these: keep it short, and
/// keep consumers few and paused when idle (`projections::ProjectionWorker`).
pub const FETCH_WAIT: Duration = Duration::from_millis(25);

/// A consumer in `group` that never commits on its own: callers commit only after the
/// read-model transaction has committed.
pub fn consumer(config: &Config, group: &str) -> anyhow::Result<StreamConsumer> {
    base(config)
        .set("group.id", group)
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest")
        .set("session.timeout.ms", "10000")
        .set("fetch.wait.max.ms", FETCH_WAIT.as_millis().to_string())
        .set("partition.assignment.strategy", "range")
        .create()
        .context("Failed to create the Kafka consumer")
}

/// Creates the topics when missing (the broker does not auto-create them).
pub async fn ensure_topics(config: &Config, topics: &[String]) -> anyhow::Result<()> {
    let admin: AdminClient<DefaultClientContext> = base(config)
        .create()
        .context("Failed to create the Kafka admin client")?;
    let new_topics: Vec<NewTopic<'_>> = topics
        .iter()
        .map(|t| NewTopic::new(t, config.topic_partitions, TopicReplication::Fixed(1)))
        .collect();
    let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)));
    let results = admin
        .create_topics(&new_topics, &options)
        .await
        .context("Failed to create Kafka topics")?;
    for result in results {
        match result {
            Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((topic, code)) => anyhow::bail!("Failed to create topic {topic}: {code}"),
        }
    }
    Ok(())
}

/// Whether the broker answers a metadata request within `timeout`.
pub async fn ping(config: &Config, timeout: Duration) -> anyhow::Result<()> {
    let consumer: rdkafka::consumer::BaseConsumer = base(config)
        .create()
        .context("Failed to create a Kafka client")?;
    tokio::task::spawn_blocking(move || {
        consumer
            .fetch_metadata(None, timeout)
            .map(|_| ())
            .context("The Kafka broker did not answer")
    })
    .await
    .context("The broker check did not finish")?
}

/// Per topic, the announcements of this process's relays (see [`announce`]).
static ANNOUNCED: LazyLock<Signals> = LazyLock::new(Signals::default);

/// Tells this process's consumers of `topic` that the broker has acknowledged new
/// messages on it: an idle (paused) consumer resumes at once instead of at its next
/// probe. Only a hint: a relay in another process announces nothing here.
pub fn announce(topic: &str) {
    ANNOUNCED.raise(topic);
}

/// A receiver that is marked changed by every [`announce`] of `topic` in this process.
pub fn announcements(topic: &str) -> watch::Receiver<()> {
    ANNOUNCED.subscribe(topic)
}
