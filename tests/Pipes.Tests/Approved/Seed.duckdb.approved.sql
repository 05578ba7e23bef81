-- 001_seed.seeds_demo.people.sql
-- The CSV's rows are staged as text first; the seed's table is replaced only once they all convert (insert.sql), so a
-- load that fails or is stopped leaves the previous table as it was
CREATE OR REPLACE TABLE "people__pipes_stage" (
  "pipes_csv_line" BIGINT,
  "id" VARCHAR,
  "name" VARCHAR,
  "score" VARCHAR,
  "active" VARCHAR,
  "joined" VARCHAR,
  "seen_at" VARCHAR,
  "props" VARCHAR
);

-- pipes: the runner puts the 3 rows of seeds/people.csv (sha256 35cfc5921bcd64e2e1c01f72cce246b3da1f010f4e42f525bba01646af59819b) into "people__pipes_stage"
-- through the target's bulk path (an appender where the engine has one, as DuckDB does; otherwise INSERT chunks of at most 1,000 rows and 262,144 bytes)
-- e.g. INSERT INTO "people__pipes_stage" ("pipes_csv_line", "id", "name", "score", "active", "joined", "seen_at", "props")
-- VALUES
--   (2, '1', 'O''Brien, Ann', '1.5', 'true', '2026-01-02', '2026-01-02T03:04:05Z', '{"plan":"pro"}');

CREATE OR REPLACE TABLE "people" AS
SELECT
  CAST("id" AS BIGINT) AS "id",
  CAST("name" AS VARCHAR) AS "name",
  CAST("score" AS DOUBLE) AS "score",
  CAST("active" AS BOOLEAN) AS "active",
  CAST("joined" AS DATE) AS "joined",
  COALESCE((CASE WHEN regexp_full_match("seen_at", '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') THEN (try_strptime(LEFT("seen_at", 10) || ' ' || COALESCE(NULLIF(SUBSTR("seen_at", 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR("seen_at", 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR("seen_at", 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR("seen_at", 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR("seen_at", 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR("seen_at", 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END), CAST("seen_at" AS TIMESTAMP)) AS "seen_at",
  CAST("props" AS JSON) AS "props"
FROM "people__pipes_stage"
ORDER BY "pipes_csv_line";

DROP TABLE IF EXISTS "people__pipes_stage";

