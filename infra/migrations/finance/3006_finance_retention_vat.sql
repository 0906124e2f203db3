-- Retention under SARS's rule (VAT Practice Note 4 §2; docs/finance.md "Retention"):
-- retention is withheld excl. VAT and the VAT on it falls due when it is released, on a
-- release tax invoice numbered from the INV series. A retention release's settlement
-- row therefore carries, besides what it adds to the open amount (`open_change` =
-- released + VAT), that VAT, the release tax invoice's number (customer side) and the
-- released value and VAT per treatment (`parts`, for the VAT return). Releases of
-- documents decided under the old gross rule keep vat 0 and no number.
ALTER TABLE read_model.settlements
    ADD COLUMN vat    numeric(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN number text,
    ADD COLUMN parts  jsonb;
