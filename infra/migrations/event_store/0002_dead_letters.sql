-- Events a projection can never apply (they do not deserialize, or PostgreSQL refuses
-- their data): recorded beside the applied-event record and passed, so one bad event
-- cannot stall a read model. Every domain database gets it, as it gets applied_events.

CREATE TABLE IF NOT EXISTS read_model.dead_letters
(
    projection text        NOT NULL,
    event_id   uuid        NOT NULL,
    event_type text        NOT NULL,
    error      text        NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, event_id)
);
