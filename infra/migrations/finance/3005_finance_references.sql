-- Finance's own copy of the facts its documents refer to, kept from other domains'
-- events (never a read of their databases): identity's accounts (who an invoice, bill
-- or payment names), orders' projects (what a budget or a line is costed to) and
-- identity's user assignments (the row-level project scope). The command side checks
-- every reference against these tables; see docs/finance.md "References".

-- From identity's account events (projection `finance.identity_facts`). What a tax
-- invoice and a payment need: the registered name (the one shown), the trading name,
-- the VAT number, the addresses by type, the kind and the status.
CREATE TABLE read_model.known_accounts
(
    id            text PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('CUSTOMER', 'VENDOR', 'SUBCONTRACTOR')),
    name          text        NOT NULL,
    trading_name  text,
    vat_number    text,
    -- {"BILLING": {"lines": [...], "city": ..., "province": ..., "postal_code": ...}, ...}
    addresses     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'ON_HOLD', 'ARCHIVED')),
    updated_at    timestamptz NOT NULL,
    last_sequence bigint      NOT NULL
);

-- From orders' project events (projection `finance.project_facts`): what the row-level
-- rule needs (id, code, site) and what a reader of a cost line wants (code, name).
CREATE TABLE read_model.known_projects
(
    id                  text PRIMARY KEY,
    code                text        NOT NULL,
    name                text        NOT NULL,
    customer_account_id text,
    site_id             text        NOT NULL,
    status              text        NOT NULL,
    updated_at          timestamptz NOT NULL,
    last_sequence       bigint      NOT NULL
);

-- Who is assigned where, from identity's UserAssignmentsChanged (the same shape as the
-- orders domain's copy, kept by the same projection code).
CREATE TABLE read_model.user_assignments
(
    user_id       text PRIMARY KEY,
    projects      text[]      NOT NULL,
    sites         text[]      NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Completed shipments that could not be invoiced yet (the account or project they name
-- had not reached finance's copy, or finance refused the invoice), kept so that no
-- invoice is lost: retried with back-off (200 ms doubling, at most a minute apart)
-- until invoiced, then deleted. See services/src/finance/shipments.rs.
CREATE TABLE read_model.parked_shipments
(
    shipment_id   text PRIMARY KEY,
    event         jsonb       NOT NULL,
    reason        text        NOT NULL,
    attempts      integer     NOT NULL,
    parked_at     timestamptz NOT NULL,
    last_tried_at timestamptz NOT NULL,
    next_try_at   timestamptz NOT NULL
);
