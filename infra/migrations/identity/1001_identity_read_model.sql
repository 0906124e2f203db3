-- Read models of the identity domain, kept by the identity projection.

CREATE TABLE read_model.accounts
(
    id                  text PRIMARY KEY,
    kind                text        NOT NULL,
    name                text        NOT NULL,
    registration_number text,
    vat_number          text,
    status              text        NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    last_sequence       bigint      NOT NULL
);

-- Keyset pagination and the name filter both walk (lower(name), id).
CREATE INDEX accounts_by_name ON read_model.accounts (lower(name), id);

CREATE TABLE read_model.contacts
(
    id            text PRIMARY KEY,
    account_id    text        NOT NULL,
    first_name    text        NOT NULL,
    last_name     text        NOT NULL,
    email         text,
    phone         text,
    job_title     text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    last_sequence bigint      NOT NULL
);

CREATE INDEX contacts_by_account ON read_model.contacts (account_id, lower(last_name), lower(first_name), id);
