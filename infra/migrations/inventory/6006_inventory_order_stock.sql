-- Inventory's side of orders' sales orders (from the orders topic): the products each
-- order takes from which location, what was reserved for it at confirmation (or why
-- not), and what its shipments issued (or why not).
CREATE TABLE read_model.sales_order_stock
(
    sales_order_id text        NOT NULL,
    sku            text        NOT NULL,
    number         text        NOT NULL,
    location       text        NOT NULL,
    quantity       numeric     NOT NULL,
    -- PLACED, RESERVED, SHORT (not reserved: `note` says why), RELEASED
    status         text        NOT NULL,
    reservation_id text        NOT NULL,
    note           text,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (sales_order_id, sku)
);

-- A receipt or a shipment's issue inventory refused (the goods moved all the same):
-- for a person to put right, e.g. by adding the product to the catalogue and
-- receiving it, or by receiving what was never booked in.
CREATE TABLE read_model.order_stock_problems
(
    movement    text        NOT NULL, -- receipt:<id>:<line> or shipment:<id>
    sku         text        NOT NULL,
    order_id    text        NOT NULL,
    location    text        NOT NULL,
    quantity    numeric     NOT NULL,
    reason      text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (movement, sku)
);
