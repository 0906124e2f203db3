-- One parked table for every orders event finance acts on but cannot act on yet
-- (services/src/finance/parking.rs): shipments, approved progress claims and project
-- retention releases. A row is keyed by the event's type (`source`, e.g.
-- `ShipmentCompleted`) and the id of what it asks for (`source_id`: the shipment, the
-- claim, the release); it is retried with back-off until done, then deleted. The
-- shipments parked before keep their rows.
ALTER TABLE read_model.parked_shipments RENAME TO parked_events;
ALTER TABLE read_model.parked_events RENAME COLUMN shipment_id TO source_id;
ALTER TABLE read_model.parked_events ADD COLUMN source text NOT NULL DEFAULT 'ShipmentCompleted';
ALTER TABLE read_model.parked_events ALTER COLUMN source DROP DEFAULT;
ALTER TABLE read_model.parked_events DROP CONSTRAINT parked_shipments_pkey;
ALTER TABLE read_model.parked_events ADD PRIMARY KEY (source, source_id);
CREATE INDEX parked_events_due ON read_model.parked_events (next_try_at);
