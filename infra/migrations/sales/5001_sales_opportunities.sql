-- Read models of the sales domain.

-- The opportunity pipeline, kept from the opportunity events. Listed newest first by
-- (opened_at, id), filtered by stage or by owner (a sales rep sees their own): one
-- index per filter, each ending in the keyset.
CREATE TABLE read_model.opportunities
(
    id              text PRIMARY KEY,
    lead_id         text          NOT NULL,
    account_id      text          NOT NULL,
    contact_id      text          NOT NULL,
    name            text          NOT NULL,
    owner           text          NOT NULL, -- the owner's subject (sub claim)
    source          text          NOT NULL, -- REFERRAL, WEBSITE, TENDER_BULLETIN, COLD_CALL or OTHER
    stage           text          NOT NULL, -- QUALIFICATION, SITE_VISIT, TENDER, NEGOTIATION, WON or LOST
    probability     integer       NOT NULL CHECK (probability BETWEEN 0 AND 100),
    estimated_value numeric(18, 2),         -- rand
    lost_reason     text,
    competitor      text,
    opened_at       timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    closed_at       timestamptz,
    last_sequence   bigint        NOT NULL
);

CREATE UNIQUE INDEX opportunities_by_lead ON read_model.opportunities (lead_id);
CREATE INDEX opportunities_by_stage ON read_model.opportunities (stage, opened_at, id);
CREATE INDEX opportunities_by_owner ON read_model.opportunities (owner, opened_at, id);
CREATE INDEX opportunities_by_opening ON read_model.opportunities (opened_at, id);
