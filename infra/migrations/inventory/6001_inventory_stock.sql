-- Read models of the inventory domain.

-- One row per product × location: on hand, reserved and value (rand, cents).
CREATE TABLE read_model.stock_levels
(
    id            text PRIMARY KEY,
    product       text          NOT NULL,
    location      text          NOT NULL,
    on_hand       numeric(20,3) NOT NULL DEFAULT 0,
    reserved      numeric(20,3) NOT NULL DEFAULT 0,
    value         numeric(20,2) NOT NULL DEFAULT 0,
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL,
    last_sequence bigint        NOT NULL,
    UNIQUE (product, location)
);

CREATE INDEX stock_levels_by_location ON read_model.stock_levels (location, product);

-- Every movement with its value: the stock card, and what finance's inventory account
-- reconciles with.
CREATE TABLE read_model.stock_movements
(
    event_id    uuid PRIMARY KEY,
    stock_id    text          NOT NULL,
    sequence    bigint        NOT NULL,
    product     text          NOT NULL,
    location    text          NOT NULL,
    kind        text          NOT NULL,
    quantity    numeric(20,3) NOT NULL,
    value       numeric(20,2) NOT NULL,
    project_id  text,
    cost_code   text,
    reference   text,
    occurred_at timestamptz   NOT NULL,
    UNIQUE (stock_id, sequence)
);
