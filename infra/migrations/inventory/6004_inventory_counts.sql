-- Stock counts: one row per count sheet, one per product counted on it. `book` and
-- `delta` are filled in when the count is posted (until then the sheet reads the book
-- quantity from the stock levels).
CREATE TABLE read_model.stock_counts
(
    id            text PRIMARY KEY,
    location      text        NOT NULL,
    reference     text        NOT NULL,
    status        text        NOT NULL, -- OPEN or POSTED
    opened_at     timestamptz NOT NULL,
    posted_at     timestamptz,
    last_sequence bigint      NOT NULL
);

CREATE TABLE read_model.stock_count_lines
(
    count_id text          NOT NULL REFERENCES read_model.stock_counts (id),
    product  text          NOT NULL,
    counted  numeric(20,3) NOT NULL,
    book     numeric(20,3),
    delta    numeric(20,3),
    PRIMARY KEY (count_id, product)
);
