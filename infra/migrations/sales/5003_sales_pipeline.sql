-- The pipeline: when each opportunity is expected to close, and the history of the
-- stages it passed through (time in stage = left_at − entered_at, or now − entered_at
-- for the stage it is in).
ALTER TABLE read_model.opportunities ADD COLUMN expected_close date;

CREATE TABLE read_model.opportunity_stages
(
    opportunity_id text        NOT NULL,
    stage          text        NOT NULL,
    entered_at     timestamptz NOT NULL,
    left_at        timestamptz,
    PRIMARY KEY (opportunity_id, entered_at)
);

-- Stages entered before this table existed are taken from the opportunity as it stands.
INSERT INTO read_model.opportunity_stages (opportunity_id, stage, entered_at)
SELECT id, stage, updated_at FROM read_model.opportunities
ON CONFLICT DO NOTHING;
