-- Finance's copy of orders' goods received notes (projections/src/finance/
-- purchase_orders.rs, from `GoodsReceived`): the quantity received per order line per
-- note, for the three-way match of supplier bills (docs/finance.md "Three-way match").
CREATE TABLE read_model.goods_receipts
(
    receipt_id        text           NOT NULL,
    line_no           int            NOT NULL,
    purchase_order_id text           NOT NULL,
    receipt_number    text           NOT NULL,
    receipt_date      date           NOT NULL,
    quantity          numeric        NOT NULL,
    PRIMARY KEY (receipt_id, line_no)
);

CREATE INDEX goods_receipts_by_order ON read_model.goods_receipts (purchase_order_id, line_no);
