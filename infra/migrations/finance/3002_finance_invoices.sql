-- Customer invoices as their tax invoice shows them. The customer, supplier, lines and
-- totals are kept as the event recorded them (jsonb, amounts as strings): an issued
-- invoice never changes, and the document is read whole.

CREATE TABLE read_model.invoices
(
    id             text PRIMARY KEY,
    number         text UNIQUE,
    status         text          NOT NULL CHECK (status IN ('DRAFT', 'ISSUED')),
    invoice_date   date          NOT NULL,
    customer_id    text          NOT NULL,
    customer_name  text          NOT NULL,
    total_incl_vat numeric(18, 2) NOT NULL,
    journal_id     text,
    raised_at      timestamptz   NOT NULL,
    raised_by      text,
    issued_at      timestamptz,
    document       jsonb         NOT NULL,
    last_sequence  bigint        NOT NULL
);

CREATE INDEX invoices_by_date ON read_model.invoices (invoice_date, number);
