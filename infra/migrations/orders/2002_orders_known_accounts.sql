-- Identity's accounts as orders knows them, copied from identity's topic: createProject's
-- customer must be a known customer account that is not archived. Orders checks against
-- this copy, never against identity's database.

CREATE TABLE read_model.known_accounts
(
    id            text PRIMARY KEY,
    kind          text        NOT NULL, -- CUSTOMER, VENDOR or SUBCONTRACTOR
    name          text        NOT NULL,
    status        text        NOT NULL, -- ACTIVE, ON_HOLD or ARCHIVED
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);
