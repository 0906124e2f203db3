-- Marketing: campaigns with what was spent, the leads that responded to each, and every
-- lead's score with the facts it was scored on (so a change of rules scores every lead
-- again) and each factor explained.
CREATE TABLE read_model.campaigns
(
    id            text PRIMARY KEY,
    name          text        NOT NULL,
    channel       text        NOT NULL,
    budget        numeric(18, 2) NOT NULL,
    spent         numeric(18, 2) NOT NULL DEFAULT 0,
    starts_on     date        NOT NULL,
    ends_on       date        NOT NULL,
    segment       jsonb       NOT NULL,
    status        text        NOT NULL, -- ACTIVE or CLOSED
    closed_on     date,
    created_at    timestamptz NOT NULL,
    last_sequence bigint      NOT NULL
);

CREATE TABLE read_model.campaign_leads
(
    campaign_id       text        NOT NULL,
    lead_id           text        NOT NULL,
    responses         int         NOT NULL,
    site_visit_booked boolean     NOT NULL,
    first_response_on date        NOT NULL,
    PRIMARY KEY (campaign_id, lead_id)
);

CREATE INDEX campaign_leads_lead ON read_model.campaign_leads (lead_id);

-- One row per lead sales has heard of (identity's lead events, marketing's profile,
-- campaign responses), whichever came first.
CREATE TABLE read_model.scored_leads
(
    lead_id           text PRIMARY KEY,
    company_name      text,
    owner             text,
    status            text,
    estimated_value   numeric(18, 2),
    sector            text,
    province          text,
    cidb_grade        int,
    responses         int         NOT NULL DEFAULT 0,
    site_visit_booked boolean     NOT NULL DEFAULT false,
    score             int         NOT NULL DEFAULT 0,
    factors           jsonb       NOT NULL DEFAULT '[]',
    rules_version     int         NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL
);

CREATE INDEX scored_leads_by_score ON read_model.scored_leads (score DESC, lead_id);

-- The scoring rules in force (one row once set; the defaults until then).
CREATE TABLE read_model.lead_scoring_rules
(
    id         int PRIMARY KEY CHECK (id = 1),
    version    int         NOT NULL,
    rules      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);
