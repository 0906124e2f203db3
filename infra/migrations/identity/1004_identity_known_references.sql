-- What identity knows of other domains' objects, copied from their topics by projection
-- workers: the employees HR has hired (linkUser's employeeId names one, by record id or
-- employee number) and the projects orders has opened (assignUser names them by id or
-- code, and sites by a project's site). Identity checks references against these copies,
-- never against HR's or orders' databases.

CREATE TABLE read_model.known_employees
(
    id              text PRIMARY KEY,
    employee_number text        NOT NULL,
    status          text        NOT NULL, -- ACTIVE or TERMINATED
    last_sequence   bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX known_employees_by_number ON read_model.known_employees (employee_number);

CREATE TABLE read_model.known_projects
(
    id            text PRIMARY KEY,
    code          text        NOT NULL,
    site_id       text        NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX known_projects_by_code ON read_model.known_projects (code);
CREATE INDEX known_projects_by_site ON read_model.known_projects (site_id);
