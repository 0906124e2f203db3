-- Finance's copy of orders' approved purchase orders (projections/src/finance/
-- purchase_orders.rs, from orders' topic): what a supplier bill may name as its order
-- (`recordBill(purchaseOrderId)`), and the source of the commitments. The order's lines
-- are kept whole for matching bills against them.
CREATE TABLE read_model.known_purchase_orders
(
    id                text PRIMARY KEY,
    number            text           NOT NULL,
    vendor_account_id text           NOT NULL,
    project_id        text           NOT NULL,
    cost_code         text           NOT NULL,
    approved_on       date           NOT NULL,
    total_excl_vat    numeric(18, 2) NOT NULL,
    lines             jsonb          NOT NULL,
    -- APPROVED, CANCELLED or CLOSED.
    status            text           NOT NULL,
    ended_on          date,
    last_sequence     bigint         NOT NULL,
    updated_at        timestamptz    NOT NULL
);

-- Commitments are now written from orders' topic (approved lines +, the open rest −
-- when an order is cancelled or closed); what is billed against an order is taken off
-- when the report reads them (bills in `read_model.bills` name their order).
COMMENT ON TABLE read_model.commitments IS
    'Purchase-order commitments as movements from orders'' events; see docs/finance.md "What committed means"';
