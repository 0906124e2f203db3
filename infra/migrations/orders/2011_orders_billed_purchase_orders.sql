-- What finance billed against each purchase order (issue 13): orders' own copy, from
-- finance's topic (`BillRecorded` v2 naming the order). An order's open commitment is
-- its committed value less what is billed against it, never below nought: a billed
-- cost is finance's actual cost, so counting it as committed too would count it twice.

CREATE TABLE read_model.billed_purchase_orders
(
    bill_id           text PRIMARY KEY,
    purchase_order_id text          NOT NULL,
    billed            numeric(18, 2) NOT NULL,
    billed_on         date          NOT NULL
);

CREATE INDEX billed_purchase_orders_by_order ON read_model.billed_purchase_orders (purchase_order_id);
