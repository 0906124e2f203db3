-- The pipeline's stages as configured: the label on the board and the probability the
-- forecast weighs each by. Every stage has a row from the start, at its default, so a
-- reader never has to know the defaults.
CREATE TABLE read_model.pipeline_stages
(
    stage       text        PRIMARY KEY,
    position    int         NOT NULL,
    label       text        NOT NULL,
    probability int         NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO read_model.pipeline_stages (stage, position, label, probability)
VALUES ('QUALIFICATION', 1, 'Qualification', 10),
       ('SITE_VISIT', 2, 'Site visit', 25),
       ('TENDER', 3, 'Tender', 50),
       ('NEGOTIATION', 4, 'Negotiation', 75),
       ('WON', 5, 'Won', 100),
       ('LOST', 6, 'Lost', 0);
