-- The appender names each event's id (a UUIDv7 minted by the writer, so ids rise with
-- time): with `gen_random_uuid()` every insert landed on a random page of
-- `events_event_id`, and after each checkpoint the first change to a page writes the
-- whole page to the WAL — measured here, half of an append's WAL was such page images.
-- The default stays for writers outside the adapter.
--
-- Its statements are planned once per connection, not on every call: with the
-- arrays known, PostgreSQL judged a custom plan cheaper each time and planned the three
-- statements anew for every group — measured here, that planning was most of the
-- function's CPU, and pinning generic plans doubled the calls a core can make.
DROP FUNCTION event_store_append(int[], text[], text[], bigint[], text[], text[], text[],
                                 text[], int[], text[], text[], bigint[]);

CREATE FUNCTION event_store_append(
    members        int[],
    types          text[],
    ids            text[],
    sequences      bigint[],
    event_types    text[],
    event_versions text[],
    payloads       text[],
    metadatas      text[],
    event_ids      uuid[],
    read_members   int[],
    read_types     text[],
    read_ids       text[],
    read_sequences bigint[]
) RETURNS SETOF int
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
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
            -- Each stream read is looked up once, however many members read it (a
            -- group of journals reads the same period and accounts).
            SELECT r.m
              FROM unnest(read_members, read_types, read_ids, read_sequences) AS r(m, t, i, s)
              JOIN (SELECT d.t, d.i,
                           coalesce((SELECT max(sequence) FROM events
                                      WHERE aggregate_type = d.t AND aggregate_id = d.i), 0) AS now_at
                      FROM (SELECT DISTINCT t, i FROM unnest(read_types, read_ids) AS x(t, i)) AS d) AS cur
                ON cur.t = r.t AND cur.i = r.i
             WHERE cur.now_at <> r.s) AS c;

    INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version,
                        payload, metadata, event_id)
    SELECT t, i, s, et, ev, p::json, md::json, eid
      FROM unnest(members, types, ids, sequences, event_types, event_versions, payloads,
                  metadatas, event_ids) WITH ORDINALITY AS e(m, t, i, s, et, ev, p, md, eid, n)
     WHERE m <> ALL (refused)
     ORDER BY n;

    RETURN QUERY SELECT unnest(refused);
END;
$$;
