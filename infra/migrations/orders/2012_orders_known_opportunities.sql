-- Orders' copy of sales' opportunities (from the sales topic): what a won opportunity's
-- project is named after and whose customer it is.
CREATE TABLE read_model.known_opportunities
(
    id            text PRIMARY KEY,
    name          text        NOT NULL,
    account_id    text        NOT NULL,
    project_id    text,        -- the project its win opened
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);
