-- The rest of identity: further account facts (trading name, tax reference, B-BBEE,
-- CIDB, payment terms), account addresses and status history, contact roles,
-- communication preferences and POPIA consent, and leads.

ALTER TABLE read_model.accounts
    ADD COLUMN trading_name                 text,
    ADD COLUMN tax_reference                text,
    ADD COLUMN bbbee_level                  text,
    ADD COLUMN bbbee_certificate_expires_on date,
    -- Designations such as '7GB', one per class of works, sorted.
    ADD COLUMN cidb_gradings                text[] NOT NULL DEFAULT '{}',
    ADD COLUMN payment_terms_days           integer,
    ADD COLUMN payment_terms_basis          text;

CREATE TABLE read_model.account_addresses
(
    account_id    text        NOT NULL,
    address_type  text        NOT NULL, -- PHYSICAL, POSTAL, BILLING
    lines         text[]      NOT NULL,
    city          text        NOT NULL,
    province      text        NOT NULL,
    postal_code   text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    last_sequence bigint      NOT NULL,
    PRIMARY KEY (account_id, address_type)
);

-- One row per status change; who and when come from the event's metadata.
CREATE TABLE read_model.account_status_history
(
    account_id  text        NOT NULL,
    sequence    bigint      NOT NULL,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    reason      text,
    changed_by  text,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, sequence)
);

ALTER TABLE read_model.contacts
    ADD COLUMN roles             text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN allow_email       boolean NOT NULL DEFAULT true,
    ADD COLUMN allow_phone       boolean NOT NULL DEFAULT true,
    ADD COLUMN allow_sms         boolean NOT NULL DEFAULT true,
    ADD COLUMN allow_whatsapp    boolean NOT NULL DEFAULT true,
    ADD COLUMN preferred_channel text,
    -- NULL: never recorded; true: given; false: withdrawn. The date is the business date.
    ADD COLUMN popia_consent     boolean,
    ADD COLUMN popia_consent_on  date;

CREATE TABLE read_model.leads
(
    id                      text PRIMARY KEY,
    company_name            text          NOT NULL,
    contact_first_name      text          NOT NULL,
    contact_last_name       text          NOT NULL,
    email                   text,
    phone                   text,
    source                  text          NOT NULL,
    estimated_value         numeric(15, 2),
    status                  text          NOT NULL,
    owner                   text          NOT NULL, -- the capturing user's subject
    disqualification_reason text,
    account_id              text,
    contact_id              text,
    created_at              timestamptz   NOT NULL,
    updated_at              timestamptz   NOT NULL,
    last_sequence           bigint        NOT NULL
);

-- Keyset pagination walks (lower(company_name), id), for everyone or one owner.
CREATE INDEX leads_by_company ON read_model.leads (lower(company_name), id);
CREATE INDEX leads_by_owner ON read_model.leads (owner, lower(company_name), id);
