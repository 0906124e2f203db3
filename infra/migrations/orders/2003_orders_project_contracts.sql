-- Projects gain a contract, a bill of quantities, a work breakdown, variations, progress
-- claims and retention (issue 13). The life cycle's names changed: projects stored as
-- PLANNED, ACTIVE and COMPLETED read as AWARDED, IN_PROGRESS and CLOSED (the events
-- keep the old names; the aggregate and this projection read them as the new ones).

UPDATE read_model.projects
   SET status = CASE status
                    WHEN 'PLANNED' THEN 'AWARDED'
                    WHEN 'ACTIVE' THEN 'IN_PROGRESS'
                    WHEN 'COMPLETED' THEN 'CLOSED'
                    ELSE status END;

ALTER TABLE read_model.projects
    ADD COLUMN contract_type                text,
    ADD COLUMN contract_value               numeric(18, 2),
    ADD COLUMN retention_percent            numeric(9, 4),
    ADD COLUMN retention_cap_percent        numeric(9, 4),
    ADD COLUMN release_at_practical_percent numeric(9, 4),
    ADD COLUMN planned_completion_on        date,
    -- Σ approved variations: contract_value + varied_by is the varied contract value.
    ADD COLUMN varied_by                    numeric(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN claimed_to_date              numeric(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN retention_withheld           numeric(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN retention_released           numeric(18, 2) NOT NULL DEFAULT 0;

CREATE TABLE read_model.project_boq_lines
(
    project_id      text           NOT NULL,
    item            text           NOT NULL,
    position        integer        NOT NULL,
    description     text           NOT NULL,
    unit            text           NOT NULL,
    quantity        numeric        NOT NULL,
    rate            numeric(18, 2) NOT NULL,
    amount          numeric(18, 2) NOT NULL,
    cost_code       text,
    percent_to_date numeric(5, 2)  NOT NULL DEFAULT 0,
    claimed_to_date numeric(18, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, item)
);

CREATE TABLE read_model.project_work_items
(
    project_id       text           NOT NULL,
    code             text           NOT NULL,
    name             text           NOT NULL,
    kind             text           NOT NULL,
    parent           text,
    planned_start    date,
    planned_finish   date,
    cost_code        text,
    budget           numeric(18, 2) NOT NULL,
    percent_complete numeric(5, 2)  NOT NULL DEFAULT 0,
    actual_start     date,
    actual_finish    date,
    PRIMARY KEY (project_id, code)
);

CREATE TABLE read_model.project_work_dependencies
(
    project_id  text NOT NULL,
    predecessor text NOT NULL,
    successor   text NOT NULL,
    PRIMARY KEY (project_id, predecessor, successor)
);

CREATE TABLE read_model.project_variations
(
    project_id  text           NOT NULL,
    number      text           NOT NULL,
    description text           NOT NULL,
    amount      numeric(18, 2) NOT NULL,
    cost_code   text,
    status      text           NOT NULL,
    reason      text,
    proposed_at timestamptz    NOT NULL,
    decided_at  timestamptz,
    PRIMARY KEY (project_id, number)
);

CREATE TABLE read_model.progress_claims
(
    claim_id          text PRIMARY KEY,
    project_id        text           NOT NULL,
    claim_number      text           NOT NULL,
    period_end        date           NOT NULL,
    status            text           NOT NULL,
    amount            numeric(18, 2) NOT NULL,
    retention         numeric(18, 2) NOT NULL,
    retention_percent numeric(9, 4)  NOT NULL,
    vat               numeric(18, 2) NOT NULL,
    due_now           numeric(18, 2) NOT NULL,
    submitted_at      timestamptz    NOT NULL,
    decided_on        date,
    reason            text
);

CREATE INDEX progress_claims_by_project ON read_model.progress_claims (project_id, claim_number);

CREATE TABLE read_model.progress_claim_lines
(
    claim_id           text           NOT NULL,
    position           integer        NOT NULL,
    item               text           NOT NULL,
    description        text           NOT NULL,
    percent_to_date    numeric(5, 2)  NOT NULL,
    value_to_date      numeric(18, 2) NOT NULL,
    previously_claimed numeric(18, 2) NOT NULL,
    amount             numeric(18, 2) NOT NULL,
    PRIMARY KEY (claim_id, position)
);

CREATE TABLE read_model.retention_releases
(
    release_id text PRIMARY KEY,
    project_id text           NOT NULL,
    released_on date          NOT NULL,
    stage      text           NOT NULL,
    amount     numeric(18, 2) NOT NULL
);
