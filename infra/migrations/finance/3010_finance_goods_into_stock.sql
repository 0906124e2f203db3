-- Which goods received went into a stock location (orders' `GoodsIntoStock`): their
-- bills debit goods received not invoiced (2010) instead of the project's cost.
ALTER TABLE read_model.goods_receipts ADD COLUMN into_stock boolean NOT NULL DEFAULT false;
