-- The project's own event store adapter (infra/src/event_store) appends a *group* of
-- commands in one statement: `SELECT * FROM event_store_append(...)`, autocommitted,
-- one round trip and one WAL flush for every command waiting at that moment.
--
-- Each command of the group (a "member") keeps its own optimistic check: a member whose
-- streams moved since it decided, or whose read set (streams it read but does not
-- write: a journal's period and accounts) changed, is refused and stores nothing; the
-- others are stored, in the group's order. Every writer of a stream holds an exclusive
-- transaction-scoped advisory lock on it and every reader in a read set a shared one,
-- taken in key order, so the checks hold until commit and no two groups wait on each
-- other in a circle.
CREATE FUNCTION event_store_append(
    members        int[],
    types          text[],
    ids            text[],
    sequences      bigint[],
    event_types    text[],
    event_versions text[],
    payloads       text[],
    metadatas      text[],
    read_members   int[],
    read_types     text[],
    read_ids       text[],
    read_sequences bigint[]
) RETURNS SETOF int
    LANGUAGE plpgsql AS
$$
DECLARE
    refused int[];
BEGIN
    -- One statement: the locks are taken as the sorted keys come out of the subquery.
    PERFORM CASE WHEN exclusive THEN pg_advisory_xact_lock(k)
                 ELSE pg_advisory_xact_lock_shared(k) END
       FROM (SELECT k, bool_or(exclusive) AS exclusive
               FROM (SELECT hashtextextended(t || '/' || i, 0) AS k, true AS exclusive
                       FROM unnest(types, ids) AS w(t, i)
                      UNION ALL
                     SELECT hashtextextended(t || '/' || i, 0), false
                       FROM unnest(read_types, read_ids) AS r(t, i)) AS keys
              GROUP BY k
              ORDER BY k) AS held;

    -- A statement of its own, so that it reads what committed before the locks were
    -- granted (READ COMMITTED takes a new snapshot per statement of a function).
    SELECT coalesce(array_agg(DISTINCT m), '{}')
      INTO refused
      FROM (SELECT w.m
              FROM (SELECT m, t, i, min(s) - 1 AS expected
                      FROM unnest(members, types, ids, sequences) AS e(m, t, i, s)
                     GROUP BY m, t, i) AS w
             WHERE coalesce((SELECT max(sequence) FROM events
                              WHERE aggregate_type = w.t AND aggregate_id = w.i), 0) <> w.expected
             UNION ALL
            SELECT r.m
              FROM unnest(read_members, read_types, read_ids, read_sequences) AS r(m, t, i, s)
             WHERE coalesce((SELECT max(sequence) FROM events
                              WHERE aggregate_type = r.t AND aggregate_id = r.i), 0) <> r.s) AS c;

    INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version,
                        payload, metadata)
    SELECT t, i, s, et, ev, p::json, md::json
      FROM unnest(members, types, ids, sequences, event_types, event_versions, payloads,
                  metadatas) WITH ORDINALITY AS e(m, t, i, s, et, ev, p, md, n)
     WHERE m <> ALL (refused)
     ORDER BY n;

    RETURN QUERY SELECT unnest(refused);
END;
$$;

-- The state of a long stream at a sequence, so that loading it costs the snapshot and
-- the events after it, not the whole history. `schema` is the aggregate's snapshot
-- schema version: a snapshot of another version is ignored (the stream is replayed).
-- Taken in the background; never the source of truth.
CREATE TABLE stream_snapshots
(
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    sequence       bigint      NOT NULL CHECK (sequence > 0),
    schema         int         NOT NULL,
    state          jsonb       NOT NULL,
    last_hash      text,
    taken_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- postgres-es' own snapshot table was never used.
DROP TABLE snapshots;
