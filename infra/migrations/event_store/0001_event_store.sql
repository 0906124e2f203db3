-- The event store every domain database carries.
--
-- The first seven columns are postgres-es' own table. The relay needs more: a commit
-- position. `tx_id` is the id of the inserting transaction and `global_id` the order
-- inside it; the relay reads `(tx_id, global_id)` in order and only below the oldest
-- transaction still running (`pg_snapshot_xmin`), so a slow transaction that commits
-- later can never be skipped. See docs/ARCHITECTURE.md.
CREATE TABLE events
(
    aggregate_type text                         NOT NULL,
    aggregate_id   text                         NOT NULL,
    sequence       bigint CHECK (sequence >= 0) NOT NULL,
    event_type     text                         NOT NULL,
    event_version  text                         NOT NULL,
    payload        json                         NOT NULL,
    metadata       json                         NOT NULL,
    global_id      bigint GENERATED ALWAYS AS IDENTITY,
    tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_id       uuid        NOT NULL DEFAULT gen_random_uuid(),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (aggregate_type, aggregate_id, sequence)
);

CREATE UNIQUE INDEX events_commit_order ON events (tx_id, global_id);
CREATE UNIQUE INDEX events_event_id ON events (event_id);

-- Events are facts: once written they are never changed or removed.
CREATE FUNCTION events_are_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'events are append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();

-- Wake the relay when events commit (notifications are delivered on commit).
CREATE FUNCTION events_notify_relay() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('constructos_events', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_notify
    AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_notify_relay();

-- postgres-es snapshots (used when an aggregate opts into snapshotting).
CREATE TABLE snapshots
(
    aggregate_type   text                                 NOT NULL,
    aggregate_id     text                                 NOT NULL,
    last_sequence    bigint CHECK (last_sequence >= 0)    NOT NULL,
    current_snapshot bigint CHECK (current_snapshot >= 0) NOT NULL,
    payload          json                                 NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id, last_sequence)
);

-- How far the relay has published, per topic.
CREATE TABLE relay_checkpoints
(
    topic      text PRIMARY KEY,
    tx_id      xid8        NOT NULL,
    global_id  bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Projection bookkeeping: which events each projection has applied.
CREATE SCHEMA read_model;

CREATE TABLE read_model.applied_events
(
    projection text        NOT NULL,
    event_id   uuid        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, event_id)
);
