-- The product catalogue, the locations and the transfers between them.

CREATE TABLE read_model.products
(
    id               text PRIMARY KEY,
    sku              text          NOT NULL UNIQUE,
    description      text          NOT NULL,
    category         text          NOT NULL,
    unit             text          NOT NULL,
    conversions      jsonb         NOT NULL DEFAULT '[]',
    standard_cost    numeric(20,4) NOT NULL DEFAULT 0,
    sell_price       numeric(20,4) NOT NULL DEFAULT 0,
    vat              text          NOT NULL DEFAULT 'STANDARD',
    reorder_level    numeric(20,3) NOT NULL DEFAULT 0,
    reorder_quantity numeric(20,3) NOT NULL DEFAULT 0,
    preferred_vendor text,
    discontinued     boolean       NOT NULL DEFAULT false,
    updated_at       timestamptz   NOT NULL,
    last_sequence    bigint        NOT NULL
);

CREATE TABLE read_model.locations
(
    id             text PRIMARY KEY,
    code           text        NOT NULL UNIQUE,
    name           text        NOT NULL,
    kind           text        NOT NULL,
    project_id     text,
    allow_negative boolean     NOT NULL,
    closed         boolean     NOT NULL DEFAULT false,
    opened_at      timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    last_sequence  bigint      NOT NULL
);

-- A transfer is in transit while received_at is null.
CREATE TABLE read_model.transfers
(
    id            text PRIMARY KEY,
    product       text          NOT NULL,
    from_location text          NOT NULL,
    to_location   text          NOT NULL,
    quantity      numeric(20,3) NOT NULL,
    value         numeric(20,2) NOT NULL,
    reference     text          NOT NULL,
    dispatched_at timestamptz   NOT NULL,
    received_at   timestamptz,
    last_sequence bigint        NOT NULL
);

CREATE INDEX transfers_in_transit ON read_model.transfers (dispatched_at) WHERE received_at IS NULL;
