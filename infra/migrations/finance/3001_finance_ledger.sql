-- Read models of the finance domain: the chart of accounts, journals and their lines,
-- balances per account, and the history behind every number. Amounts are numeric(18,2):
-- exact rand, never floating point.

CREATE TABLE read_model.ledger_accounts
(
    code          text PRIMARY KEY,
    name          text        NOT NULL,
    account_type  text        NOT NULL,
    cost_type     text,
    status        text        NOT NULL,
    opened_at     timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    last_sequence bigint      NOT NULL
);

CREATE TABLE read_model.journals
(
    id             text PRIMARY KEY,
    journal_date   date        NOT NULL,
    period         text        NOT NULL,
    narrative      text        NOT NULL,
    source         text        NOT NULL,
    reverses       text,
    reversed_by    text,
    posted_at      timestamptz NOT NULL,
    posted_by      text,
    correlation_id text,
    last_sequence  bigint      NOT NULL
);

CREATE INDEX journals_by_date ON read_model.journals (journal_date, id);

CREATE TABLE read_model.journal_lines
(
    journal_id   text          NOT NULL REFERENCES read_model.journals (id),
    line_no      int           NOT NULL,
    account_code text          NOT NULL,
    side         text          NOT NULL CHECK (side IN ('DEBIT', 'CREDIT')),
    amount       numeric(18, 2) NOT NULL CHECK (amount > 0),
    journal_date date          NOT NULL,
    project_id   text,
    cost_code    text,
    site_id      text,
    PRIMARY KEY (journal_id, line_no)
);

CREATE INDEX journal_lines_by_account ON read_model.journal_lines (account_code, journal_date);

-- Running totals per account (all time); the trial balance as at a date sums the lines.
CREATE TABLE read_model.account_balances
(
    account_code text PRIMARY KEY,
    debits       numeric(18, 2) NOT NULL DEFAULT 0,
    credits      numeric(18, 2) NOT NULL DEFAULT 0
);

-- Every finance event with who, when and in which request, for `ledgerHistory`.
CREATE TABLE read_model.ledger_history
(
    event_id       uuid PRIMARY KEY,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    sequence       bigint      NOT NULL,
    event_type     text        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    effective_date date        NOT NULL,
    subject        text,
    correlation_id text,
    account_codes  text[]      NOT NULL DEFAULT '{}',
    data           jsonb       NOT NULL
);

CREATE INDEX ledger_history_by_aggregate ON read_model.ledger_history (aggregate_id, sequence);
CREATE INDEX ledger_history_by_account ON read_model.ledger_history USING gin (account_codes);
