-- Users: who signs in, who they are in the business, and where they work.

CREATE TABLE read_model.users
(
    id            text PRIMARY KEY, -- the Entra ID object id
    subject       text        NOT NULL,
    tenant_id     text,
    name          text,
    username      text,
    employee_id   text,
    contact_id    text,
    projects      text[]      NOT NULL DEFAULT '{}',
    sites         text[]      NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    last_sequence bigint      NOT NULL
);

CREATE INDEX users_by_name ON read_model.users (lower(coalesce(name, subject)), id);
