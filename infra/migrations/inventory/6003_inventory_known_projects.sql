-- Inventory's copy of the projects orders has opened (from orders' topic): what an issue
-- to a project and a site store name, by id or code.
CREATE TABLE read_model.known_projects
(
    id            text PRIMARY KEY,
    code          text        NOT NULL,
    site_id       text        NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX known_projects_by_code ON read_model.known_projects (code);
