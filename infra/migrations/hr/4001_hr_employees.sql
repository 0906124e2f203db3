-- Read models of the HR domain.

CREATE TABLE read_model.employees
(
    id              text PRIMARY KEY,
    employee_number text        NOT NULL,
    first_name      text        NOT NULL,
    last_name       text        NOT NULL,
    job_title       text        NOT NULL,
    hired_on        date        NOT NULL,
    site_id         text,
    last_day        date,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    last_sequence   bigint      NOT NULL
);

CREATE INDEX employees_by_name ON read_model.employees (lower(last_name), lower(first_name), id);

-- Which user is which employee, copied from identity's UserLinked events: HR filters
-- self-service reads by it without calling identity.
CREATE TABLE read_model.user_links
(
    user_id       text PRIMARY KEY,
    employee_id   text,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);
