-- Budgets and commitments for the project cost report (budget vs actual vs committed).
-- Amounts are numeric(18,2): exact rand, never floating point.

-- The budget of a project per cost code per period (`YYYY-MM`), from `BudgetSet`: the
-- latest amount set. Updates are guarded by the project stream's sequence.
CREATE TABLE read_model.budgets
(
    project_id    text           NOT NULL,
    cost_code     text           NOT NULL,
    period        text           NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    amount        numeric(18, 2) NOT NULL CHECK (amount >= 0),
    updated_at    timestamptz    NOT NULL,
    updated_by    text,
    last_sequence bigint         NOT NULL,
    PRIMARY KEY (project_id, cost_code, period)
);

-- What purchase orders commit a project to spend, as movements: a positive amount when
-- an order is placed, a negative one when it is billed (it becomes actual cost) or
-- cancelled. Committed as at D is the sum of the movements dated on or before D.
-- EMPTY until the purchase-orders work feeds it (the orders domain's issue); the project
-- cost report already reads it, so committed shows nought until then.
CREATE TABLE read_model.commitments
(
    source_id       text           NOT NULL,
    line_no         int            NOT NULL,
    project_id      text           NOT NULL,
    cost_code       text           NOT NULL,
    commitment_date date           NOT NULL,
    amount          numeric(18, 2) NOT NULL,
    description     text,
    last_sequence   bigint         NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, line_no)
);

CREATE INDEX commitments_by_project ON read_model.commitments (project_id, cost_code, commitment_date);

-- The project cost report and revenue per project read the lines by project.
CREATE INDEX journal_lines_by_project ON read_model.journal_lines (project_id, journal_date)
    WHERE project_id IS NOT NULL;
