-- The trade side of orders: sales orders and their shipments, purchase orders and
-- their goods receipts, kept by the projection `orders.trade` from orders' own events.

-- Orders' copy of identity's accounts also keeps what a shipment's customer snapshot
-- shows finance: the VAT number and the addresses by type (BILLING, PHYSICAL, POSTAL).
ALTER TABLE read_model.known_accounts
    ADD COLUMN vat_number text,
    ADD COLUMN addresses  jsonb NOT NULL DEFAULT '{}'::jsonb;

CREATE TABLE read_model.sales_orders
(
    id                  text PRIMARY KEY,
    number              text           NOT NULL UNIQUE,
    customer_account_id text           NOT NULL,
    project_id          text           NOT NULL,
    date                date           NOT NULL,
    status              text           NOT NULL,
    retention_percent   numeric,
    total_excl_vat      numeric(18, 2) NOT NULL,
    cancel_reason       text,
    created_at          timestamptz    NOT NULL,
    updated_at          timestamptz    NOT NULL,
    last_sequence       bigint         NOT NULL
);

CREATE INDEX sales_orders_by_project ON read_model.sales_orders (project_id, number);

CREATE TABLE read_model.sales_order_lines
(
    sales_order_id text           NOT NULL REFERENCES read_model.sales_orders (id),
    line_no        integer        NOT NULL,
    sku            text,
    description    text           NOT NULL,
    quantity       numeric        NOT NULL,
    unit_price     numeric(18, 2) NOT NULL,
    vat_treatment  text           NOT NULL,
    shipped        numeric        NOT NULL DEFAULT 0,
    PRIMARY KEY (sales_order_id, line_no)
);

CREATE TABLE read_model.shipments
(
    shipment_id    text PRIMARY KEY,
    sales_order_id text        NOT NULL REFERENCES read_model.sales_orders (id),
    delivery_note  text        NOT NULL,
    date           date        NOT NULL,
    lines          jsonb       NOT NULL, -- [{line_no, quantity}]
    recorded_at    timestamptz NOT NULL
);

CREATE INDEX shipments_by_order ON read_model.shipments (sales_order_id, date);

CREATE TABLE read_model.purchase_orders
(
    id                text PRIMARY KEY,
    number            text           NOT NULL UNIQUE,
    vendor_account_id text           NOT NULL,
    project_id        text           NOT NULL,
    cost_code         text           NOT NULL,
    date              date           NOT NULL,
    status            text           NOT NULL,
    total_excl_vat    numeric(18, 2) NOT NULL,
    -- The open value of the approved order: its total once approved, nought when
    -- cancelled, the value of what was received when closed (docs/orders.md).
    committed         numeric(18, 2) NOT NULL DEFAULT 0,
    raised_by         text           NOT NULL,
    approved_by       text,
    approver_role     text,
    reason            text,
    created_at        timestamptz    NOT NULL,
    updated_at        timestamptz    NOT NULL,
    last_sequence     bigint         NOT NULL
);

CREATE INDEX purchase_orders_by_project ON read_model.purchase_orders (project_id, number);

CREATE TABLE read_model.purchase_order_lines
(
    purchase_order_id text           NOT NULL REFERENCES read_model.purchase_orders (id),
    line_no           integer        NOT NULL,
    sku               text,
    description       text           NOT NULL,
    quantity          numeric        NOT NULL,
    unit_price        numeric(18, 2) NOT NULL,
    vat_treatment     text           NOT NULL,
    received          numeric        NOT NULL DEFAULT 0,
    PRIMARY KEY (purchase_order_id, line_no)
);

CREATE TABLE read_model.goods_receipts
(
    receipt_id        text PRIMARY KEY,
    purchase_order_id text        NOT NULL REFERENCES read_model.purchase_orders (id),
    number            text        NOT NULL UNIQUE,
    date              date        NOT NULL,
    received_by       text        NOT NULL,
    lines             jsonb       NOT NULL, -- [{line_no, quantity}]
    recorded_at       timestamptz NOT NULL
);

CREATE INDEX goods_receipts_by_order ON read_model.goods_receipts (purchase_order_id, number);
