-- 001_seed.seeds_demo.people.sql
CREATE OR REPLACE TABLE "people" (
  "id" BIGINT,
  "name" VARCHAR,
  "score" DOUBLE,
  "active" BOOLEAN,
  "joined" DATE,
  "seen_at" TIMESTAMP,
  "props" JSON
);

INSERT INTO "people" ("id", "name", "score", "active", "joined", "seen_at", "props")
SELECT
  CAST(v.c0 AS BIGINT),
  CAST(v.c1 AS VARCHAR),
  CAST(v.c2 AS DOUBLE),
  CAST(v.c3 AS BOOLEAN),
  CAST(v.c4 AS DATE),
  CAST(v.c5 AS TIMESTAMP),
  CAST(v.c6 AS JSON)
FROM (VALUES
  ('1', 'O''Brien, Ann', '1.5', 'true', '2026-01-02', '2026-01-02T03:04:05Z', '{"plan":"pro"}'),
  ('2', 'back\slash', NULL, 'false', '2026-02-03', '2026-02-03 10:00:00', NULL),
  ('3', 'two
lines', '-2', NULL, NULL, NULL, '[]')
) AS v(c0, c1, c2, c3, c4, c5, c6);

