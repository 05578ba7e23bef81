-- 001_seed.seeds_demo.people.sql
CREATE OR REPLACE TABLE "DB"."RAW"."PEOPLE" (
  "ID" NUMBER(38,0),
  "NAME" VARCHAR,
  "SCORE" FLOAT,
  "ACTIVE" BOOLEAN,
  "JOINED" DATE,
  "SEEN_AT" TIMESTAMP_NTZ,
  "PROPS" VARIANT
);

INSERT INTO "DB"."RAW"."PEOPLE" ("ID", "NAME", "SCORE", "ACTIVE", "JOINED", "SEEN_AT", "PROPS")
SELECT
  CAST(v.c0 AS NUMBER(38,0)),
  CAST(v.c1 AS VARCHAR),
  CAST(v.c2 AS FLOAT),
  CAST(v.c3 AS BOOLEAN),
  CAST(v.c4 AS DATE),
  CAST(v.c5 AS TIMESTAMP_NTZ),
  PARSE_JSON(v.c6)
FROM (VALUES
  ('1', 'O''Brien, Ann', '1.5', 'true', '2026-01-02', '2026-01-02T03:04:05Z', '{"plan":"pro"}'),
  ('2', 'back\\slash', NULL, 'false', '2026-02-03', '2026-02-03 10:00:00', NULL),
  ('3', 'two
lines', '-2', NULL, NULL, NULL, '[]')
) AS v(c0, c1, c2, c3, c4, c5, c6);

