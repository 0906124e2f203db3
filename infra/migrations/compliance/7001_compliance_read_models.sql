-- Read models of the compliance domain: inspections with their items, findings and
-- corrective actions; incidents and the hours worked per project (from HR's approved
-- timesheets, for the LTIFR); tickets and their comments.

CREATE TABLE read_model.inspections
(
    id             text PRIMARY KEY,
    template       text        NOT NULL,
    site_id        text        NOT NULL,
    project_id     text,
    area           text        NOT NULL,
    inspector      text        NOT NULL,
    inspected_on   date        NOT NULL,
    status         text        NOT NULL,
    passed         integer     NOT NULL DEFAULT 0,
    failed         integer     NOT NULL DEFAULT 0,
    not_applicable integer     NOT NULL DEFAULT 0,
    stopped        boolean     NOT NULL DEFAULT false,
    updated_at     timestamptz NOT NULL,
    last_sequence  bigint      NOT NULL
);

CREATE INDEX inspections_by_date ON read_model.inspections (inspected_on DESC, id);

CREATE TABLE read_model.inspection_items
(
    inspection_id text   NOT NULL,
    item_code     text   NOT NULL,
    result        text   NOT NULL,
    note          text   NOT NULL,
    photos        text[] NOT NULL,
    PRIMARY KEY (inspection_id, item_code)
);

CREATE TABLE read_model.findings
(
    inspection_id text NOT NULL,
    item_code     text NOT NULL,
    severity      text NOT NULL,
    PRIMARY KEY (inspection_id, item_code)
);

CREATE TABLE read_model.corrective_actions
(
    id              text PRIMARY KEY,
    inspection_id   text        NOT NULL,
    item_code       text        NOT NULL,
    owner           text        NOT NULL,
    due             date        NOT NULL,
    status          text        NOT NULL,
    escalation      text,
    escalated_at    timestamptz,
    evidence_note   text,
    evidence_photos text[],
    verified_by     text,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX corrective_actions_open ON read_model.corrective_actions (due) WHERE status <> 'VERIFIED';

CREATE TABLE read_model.incidents
(
    id            text PRIMARY KEY,
    kind          text        NOT NULL,
    project_id    text        NOT NULL,
    occurred_on   date        NOT NULL,
    description   text        NOT NULL,
    days_lost     integer     NOT NULL,
    reported_by   text        NOT NULL,
    status        text        NOT NULL,
    root_cause    text,
    actions       jsonb,
    closed_on     date,
    reported_at   timestamptz NOT NULL,
    last_sequence bigint      NOT NULL
);

CREATE INDEX incidents_by_project ON read_model.incidents (project_id, occurred_on);

-- Hours worked per project, from HR's approved timesheets (one row per week and project).
CREATE TABLE read_model.project_hours
(
    timesheet_id  text          NOT NULL,
    project_id    text          NOT NULL,
    week_starting date          NOT NULL,
    hours         numeric(10, 2) NOT NULL,
    PRIMARY KEY (timesheet_id, project_id)
);

CREATE TABLE read_model.tickets
(
    id                text PRIMARY KEY,
    subject           text        NOT NULL,
    description       text        NOT NULL,
    category          text        NOT NULL,
    priority          text        NOT NULL,
    status            text        NOT NULL,
    account_id        text,
    project_id        text,
    raised_by         text        NOT NULL,
    agent             text,
    resolution        text,
    opened_at         timestamptz NOT NULL,
    first_response_at timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    updated_at        timestamptz NOT NULL,
    last_sequence     bigint      NOT NULL
);

CREATE INDEX tickets_by_status ON read_model.tickets (status, opened_at);

CREATE TABLE read_model.ticket_comments
(
    ticket_id text        NOT NULL,
    sequence  bigint      NOT NULL,
    author    text        NOT NULL,
    body      text        NOT NULL,
    public    boolean     NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, sequence)
);

-- Compliance's copy of the projects orders has opened (incidents name them by id or code).
CREATE TABLE read_model.known_projects
(
    id            text PRIMARY KEY,
    code          text        NOT NULL,
    site_id       text        NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX known_projects_by_code ON read_model.known_projects (code);
