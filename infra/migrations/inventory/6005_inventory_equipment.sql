-- The equipment register: where each item is, its meter and its service plan; and every
-- spell out on a project with what it was charged (utilisation per project).
CREATE TABLE read_model.equipment
(
    id                 text PRIMARY KEY,
    code               text          NOT NULL UNIQUE,
    description        text          NOT NULL,
    category           text          NOT NULL,
    serial_number      text          NOT NULL,
    ownership          text          NOT NULL, -- OWNED or HIRED_IN
    meter_kind         text          NOT NULL, -- HOURS or KILOMETRES
    daily_rate         numeric(18,2) NOT NULL,
    service_every      numeric(18,1),
    service_every_days integer,
    meter              numeric(18,1) NOT NULL,
    meter_read_on      date          NOT NULL,
    last_service_on    date          NOT NULL, -- the registration date until the first service
    last_service_meter numeric(18,1) NOT NULL,
    project_id         text,                   -- where it is out, if it is
    out_since          date,
    last_sequence      bigint        NOT NULL
);

CREATE TABLE read_model.equipment_hire
(
    event_id   uuid PRIMARY KEY,
    code       text          NOT NULL,
    project_id text          NOT NULL,
    out_from   date          NOT NULL,
    back_on    date          NOT NULL,
    days       integer       NOT NULL,
    charge     numeric(18,2) NOT NULL
);

CREATE INDEX equipment_hire_by_project ON read_model.equipment_hire (project_id, code);
