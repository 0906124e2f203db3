-- Quotes, one row each with its latest version (the versions themselves are the quote's
-- events). `lines` holds the latest version's priced lines with what inventory said
-- about each one's stock when it was saved.
CREATE TABLE read_model.quotes
(
    id             text PRIMARY KEY,
    opportunity_id text           NOT NULL,
    version        integer        NOT NULL,
    status         text           NOT NULL, -- DRAFT or ACCEPTED
    valid_until    date           NOT NULL,
    location       text,
    net            numeric(18, 2) NOT NULL,
    vat            numeric(18, 2) NOT NULL,
    total          numeric(18, 2) NOT NULL,
    lines          jsonb          NOT NULL,
    created_at     timestamptz    NOT NULL,
    updated_at     timestamptz    NOT NULL,
    last_sequence  bigint         NOT NULL
);

CREATE INDEX quotes_by_opportunity ON read_model.quotes (opportunity_id, created_at DESC);
