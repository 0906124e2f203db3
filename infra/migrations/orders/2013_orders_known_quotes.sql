-- Orders' copy of sales' quotes (from the sales topic): the latest version's lines and
-- where they ship from, whether a version was accepted, and the sales order the
-- acceptance placed. An accepted quote is ordered once its opportunity is won (its
-- project exists): whichever of the two arrives second places the order.
CREATE TABLE read_model.known_quotes
(
    id               text PRIMARY KEY,
    opportunity_id   text        NOT NULL,
    version          int         NOT NULL,
    location         text,
    lines            jsonb       NOT NULL,
    accepted_version int,
    accepted_on      date,
    sales_order_id   text,
    last_sequence    bigint      NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE INDEX known_quotes_opportunity ON read_model.known_quotes (opportunity_id);

ALTER TABLE read_model.known_opportunities ADD COLUMN won boolean NOT NULL DEFAULT false;
