-- Orders' copy of finance's postings to projects, for the project status read model's
-- actual cost (issue 13). Kept from finance's topic: the ledger accounts' types and every
-- journal line that names a project. Actual cost = Σ signed amounts (debits positive) of
-- a project's lines on expense accounts, joined at query time, so the two kinds of event
-- may arrive in any order.

CREATE TABLE read_model.known_ledger_accounts
(
    code         text PRIMARY KEY,
    account_type text NOT NULL
);

CREATE TABLE read_model.project_postings
(
    journal_id   text           NOT NULL,
    line         integer        NOT NULL,
    project_id   text           NOT NULL,
    cost_code    text,
    account_code text           NOT NULL,
    -- Debits positive, credits negative.
    amount       numeric(18, 2) NOT NULL,
    posted_on    date           NOT NULL,
    PRIMARY KEY (journal_id, line)
);

CREATE INDEX project_postings_by_project ON read_model.project_postings (project_id);
