-- Read models of the orders domain.

CREATE TABLE read_model.projects
(
    id                  text PRIMARY KEY,
    code                text        NOT NULL,
    name                text        NOT NULL,
    customer_account_id text,
    site_id             text        NOT NULL,
    site_name           text        NOT NULL,
    starts_on           date,
    status              text        NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    last_sequence       bigint      NOT NULL
);

CREATE INDEX projects_by_code ON read_model.projects (code, id);
CREATE INDEX projects_by_site ON read_model.projects (site_id);

-- Who is assigned where, copied from identity's UserAssignmentsChanged events: the orders
-- domain filters rows by it without calling identity.
CREATE TABLE read_model.user_assignments
(
    user_id       text PRIMARY KEY,
    projects      text[]      NOT NULL,
    sites         text[]      NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);
