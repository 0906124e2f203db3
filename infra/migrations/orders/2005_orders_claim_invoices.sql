-- A claim's tax invoice as finance issued it (issue 13): the invoice id is derived from
-- the claim id (UUID v5, `domain::finance::invoice_id_for_claim`), and orders keeps its
-- own copy of the numbers finance issued, from finance's topic (`InvoiceIssued`).

ALTER TABLE read_model.progress_claims ADD COLUMN invoice_id text;

CREATE TABLE read_model.known_invoices
(
    id        text PRIMARY KEY,
    number    text        NOT NULL,
    issued_at timestamptz NOT NULL
);
