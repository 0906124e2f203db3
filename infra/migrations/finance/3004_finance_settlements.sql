-- Receivables and payables: supplier bills, credit notes, payments and their
-- allocations, and every change to what is open on an invoice or bill, dated, so that
-- aged debtors and creditors can be asked as at any date.

-- Ledger history names the cause of each event: the request, or the event a handler
-- reacted to (e.g. the ShipmentCompleted behind an invoice).
ALTER TABLE read_model.ledger_history ADD COLUMN causation_id text;

-- One row per invoice or bill: what fell due when it was issued.
CREATE TABLE read_model.open_items
(
    id                text PRIMARY KEY,
    kind              text          NOT NULL CHECK (kind IN ('INVOICE', 'BILL')),
    counterparty_id   text          NOT NULL,
    counterparty_name text          NOT NULL,
    number            text,
    document_date     date          NOT NULL,
    amount_due        numeric(18, 2) NOT NULL,
    retention         numeric(18, 2) NOT NULL
);

CREATE INDEX open_items_by_kind ON read_model.open_items (kind, counterparty_id, document_date);

-- Each change to what is open: payments allocated and credit notes applied (negative),
-- retention released (positive). One row per event.
CREATE TABLE read_model.settlements
(
    event_id       uuid PRIMARY KEY,
    document_id    text          NOT NULL,
    kind           text          NOT NULL CHECK (kind IN ('PAYMENT', 'CREDIT_NOTE', 'RETENTION_RELEASE')),
    source_id      text          NOT NULL,
    effective_date date          NOT NULL,
    open_change    numeric(18, 2) NOT NULL
);

CREATE INDEX settlements_by_document ON read_model.settlements (document_id, effective_date);

CREATE TABLE read_model.bills
(
    id                 text PRIMARY KEY,
    supplier_id        text          NOT NULL,
    supplier_name      text          NOT NULL,
    supplier_reference text          NOT NULL,
    bill_date          date          NOT NULL,
    total_incl_vat     numeric(18, 2) NOT NULL,
    journal_id         text          NOT NULL,
    recorded_at        timestamptz   NOT NULL,
    recorded_by        text,
    document           jsonb         NOT NULL
);

CREATE INDEX bills_by_date ON read_model.bills (bill_date, id);

CREATE TABLE read_model.credit_notes
(
    id             text PRIMARY KEY,
    number         text UNIQUE   NOT NULL,
    invoice_id     text          NOT NULL,
    credit_date    date          NOT NULL,
    customer_id    text          NOT NULL,
    total_incl_vat numeric(18, 2) NOT NULL,
    journal_id     text          NOT NULL,
    issued_at      timestamptz   NOT NULL,
    issued_by      text,
    document       jsonb         NOT NULL
);

CREATE TABLE read_model.payments
(
    id                text PRIMARY KEY,
    direction         text          NOT NULL CHECK (direction IN ('RECEIVED', 'MADE')),
    counterparty_id   text          NOT NULL,
    counterparty_name text          NOT NULL,
    payment_date      date          NOT NULL,
    amount            numeric(18, 2) NOT NULL CHECK (amount > 0),
    reference         text          NOT NULL,
    journal_id        text          NOT NULL,
    recorded_at       timestamptz   NOT NULL,
    recorded_by       text
);

CREATE INDEX payments_by_date ON read_model.payments (direction, payment_date);

CREATE TABLE read_model.payment_allocations
(
    event_id        uuid PRIMARY KEY,
    payment_id      text          NOT NULL,
    document_id     text          NOT NULL,
    document_number text          NOT NULL,
    amount          numeric(18, 2) NOT NULL CHECK (amount > 0),
    allocation_date date          NOT NULL
);

CREATE INDEX payment_allocations_by_payment ON read_model.payment_allocations (payment_id, allocation_date);

-- Bank statement lines as imported, and the payment each is reconciled to.
CREATE TABLE read_model.bank_lines
(
    id            text PRIMARY KEY,
    account_code  text          NOT NULL,
    statement_id  text          NOT NULL,
    file_name     text          NOT NULL,
    line_date     date          NOT NULL,
    description   text          NOT NULL,
    reference     text          NOT NULL,
    amount        numeric(18, 2) NOT NULL,
    imported_at   timestamptz   NOT NULL,
    payment_id    text,
    method        text,
    reconciled_at timestamptz,
    last_sequence bigint        NOT NULL
);

CREATE INDEX bank_lines_by_date ON read_model.bank_lines (account_code, line_date);
CREATE INDEX bank_lines_by_payment ON read_model.bank_lines (payment_id);
