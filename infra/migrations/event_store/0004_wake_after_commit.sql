-- The relay is no longer woken by a trigger inside the appending transaction: at commit
-- `NOTIFY` takes a database-wide lock held through the WAL flush, so every appending
-- commit went in single file and no two groups could share a flush. The group writer
-- (infra/src/event_store/group.rs) now sends one `NOTIFY constructos_events` on a
-- connection of its own after its groups have committed, coalescing the commits that
-- land while one is on its way; the relay also looks every 500 ms when nothing woke it.
DROP TRIGGER events_notify ON events;
DROP FUNCTION events_notify_relay();
