-- HR issue 15: employee profiles, leave books, timesheets and pay runs as read models,
-- and HR's copies of orders' projects and identity's assignments (timesheets name
-- projects; their approvers are the projects' managers).

-- The profile on the employee's row. Sensitive columns (identity, tax, bank, pay) are
-- answered only to HR roles and the employee themself (the HR service masks them).
ALTER TABLE read_model.employees
    ADD COLUMN id_number       text,
    ADD COLUMN passport_number text,
    ADD COLUMN passport_country text,
    ADD COLUMN date_of_birth   date,
    ADD COLUMN tax_number      text,
    ADD COLUMN bank_account    jsonb,
    ADD COLUMN employment_type text,
    ADD COLUMN contract_ends   date,
    ADD COLUMN trade           text,
    ADD COLUMN pay_rate        numeric(18, 2),
    ADD COLUMN cost_rate       numeric(18, 2),
    ADD COLUMN days_per_week   smallint,
    ADD COLUMN leave_basis     text,
    ADD COLUMN line_manager_id text,
    ADD COLUMN project_id      text,
    ADD COLUMN cost_code       text,
    ADD COLUMN medical_members integer,
    ADD COLUMN termination_reason text;

CREATE TABLE read_model.leave_requests
(
    id             text PRIMARY KEY,
    employee_id    text           NOT NULL,
    kind           text           NOT NULL,
    first_day      date           NOT NULL,
    last_day       date           NOT NULL,
    days           numeric(8, 2)  NOT NULL,
    reason         text           NOT NULL,
    status         text           NOT NULL,
    decided_by     text,
    decline_reason text,
    requested_at   timestamptz    NOT NULL,
    updated_at     timestamptz    NOT NULL,
    last_sequence  bigint         NOT NULL
);

CREATE INDEX leave_requests_by_employee ON read_model.leave_requests (employee_id, first_day);
CREATE INDEX leave_requests_pending ON read_model.leave_requests (status) WHERE status = 'PENDING';

CREATE TABLE read_model.timesheets
(
    id             text PRIMARY KEY,
    employee_id    text           NOT NULL,
    week_starting  date           NOT NULL,
    status         text           NOT NULL,
    entries        jsonb          NOT NULL,
    projects       text[]         NOT NULL,
    ordinary_hours numeric(8, 2)  NOT NULL,
    overtime_hours numeric(8, 2)  NOT NULL,
    double_hours   numeric(8, 2)  NOT NULL,
    cost_rate      numeric(18, 2) NOT NULL,
    total_cost     numeric(18, 2),
    gross_pay      numeric(18, 2),
    decided_by     text,
    reject_reason  text,
    updated_at     timestamptz    NOT NULL,
    last_sequence  bigint         NOT NULL
);

CREATE INDEX timesheets_by_week ON read_model.timesheets (week_starting DESC, employee_id);

CREATE TABLE read_model.pay_runs
(
    id             text PRIMARY KEY,
    frequency      text           NOT NULL,
    period_start   date           NOT NULL,
    period_end     date           NOT NULL,
    pay_date       date           NOT NULL,
    status         text           NOT NULL,
    employees      integer        NOT NULL DEFAULT 0,
    gross          numeric(18, 2) NOT NULL DEFAULT 0,
    paye           numeric(18, 2) NOT NULL DEFAULT 0,
    uif_employee   numeric(18, 2) NOT NULL DEFAULT 0,
    uif_employer   numeric(18, 2) NOT NULL DEFAULT 0,
    sdl            numeric(18, 2) NOT NULL DEFAULT 0,
    net            numeric(18, 2) NOT NULL DEFAULT 0,
    calculated_by  text,
    approved_by    text,
    paid_on        date,
    reversed_by    text,
    reverse_reason text,
    opened_at      timestamptz    NOT NULL,
    updated_at     timestamptz    NOT NULL,
    last_sequence  bigint         NOT NULL
);

CREATE INDEX pay_runs_by_pay_date ON read_model.pay_runs (pay_date DESC, id);

-- One row per employee per run, replaced whenever the run is recalculated.
CREATE TABLE read_model.payslips
(
    pay_run_id      text           NOT NULL,
    employee_id     text           NOT NULL,
    employee_number text           NOT NULL,
    name            text           NOT NULL,
    tax_year        integer        NOT NULL,
    gross           numeric(18, 2) NOT NULL,
    paye            numeric(18, 2) NOT NULL,
    uif_employee    numeric(18, 2) NOT NULL,
    uif_employer    numeric(18, 2) NOT NULL,
    sdl             numeric(18, 2) NOT NULL,
    net             numeric(18, 2) NOT NULL,
    payslip         jsonb          NOT NULL,
    PRIMARY KEY (pay_run_id, employee_id)
);

CREATE INDEX payslips_by_employee ON read_model.payslips (employee_id);

-- HR's copy of the projects orders has opened (timesheets name them by id or code).
CREATE TABLE read_model.known_projects
(
    id            text PRIMARY KEY,
    code          text        NOT NULL,
    site_id       text        NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX known_projects_by_code ON read_model.known_projects (code);

-- Who is assigned where, copied from identity's UserAssignmentsChanged events: whose
-- timesheets a site manager approves.
CREATE TABLE read_model.user_assignments
(
    user_id       text PRIMARY KEY,
    projects      text[]      NOT NULL,
    sites         text[]      NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);
