-- 001_seed.seeds_demo.people.sql
-- The CSV's rows are staged as text first; the seed's table is replaced only once they all convert (insert.sql), so a
-- load that fails or is stopped leaves the previous table as it was
CREATE OR REPLACE TRANSIENT TABLE "DB"."RAW"."PEOPLE__PIPES_STAGE" (
  "PIPES_CSV_LINE" NUMBER(38,0),
  "ID" VARCHAR,
  "NAME" VARCHAR,
  "SCORE" VARCHAR,
  "ACTIVE" VARCHAR,
  "JOINED" VARCHAR,
  "SEEN_AT" VARCHAR,
  "PROPS" VARCHAR
);

-- pipes: the runner puts the 3 rows of seeds/people.csv (sha256 35cfc5921bcd64e2e1c01f72cce246b3da1f010f4e42f525bba01646af59819b) into "DB"."RAW"."PEOPLE__PIPES_STAGE"
-- through the target's bulk path (an appender where the engine has one, as DuckDB does; otherwise INSERT chunks of at most 1,000 rows and 262,144 bytes)
-- e.g. INSERT INTO "DB"."RAW"."PEOPLE__PIPES_STAGE" ("PIPES_CSV_LINE", "ID", "NAME", "SCORE", "ACTIVE", "JOINED", "SEEN_AT", "PROPS")
-- VALUES
--   (2, '1', 'O''Brien, Ann', '1.5', 'true', '2026-01-02', '2026-01-02T03:04:05Z', '{"plan":"pro"}');

CREATE OR REPLACE TABLE "DB"."RAW"."PEOPLE" AS
SELECT
  CAST("ID" AS NUMBER(38,0)) AS "ID",
  CAST("NAME" AS VARCHAR) AS "NAME",
  CAST("SCORE" AS FLOAT) AS "SCORE",
  CAST("ACTIVE" AS BOOLEAN) AS "ACTIVE",
  CAST("JOINED" AS DATE) AS "JOINED",
  COALESCE((CASE WHEN REGEXP_LIKE("SEEN_AT", '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') THEN DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR("SEEN_AT", 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR("SEEN_AT", 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR("SEEN_AT", 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT("SEEN_AT", 10) || ' ' || COALESCE(NULLIF(SUBSTR("SEEN_AT", 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR("SEEN_AT", 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR("SEEN_AT", 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END), CAST("SEEN_AT" AS TIMESTAMP_NTZ)) AS "SEEN_AT",
  PARSE_JSON("PROPS") AS "PROPS"
FROM "DB"."RAW"."PEOPLE__PIPES_STAGE"
ORDER BY "PIPES_CSV_LINE";

DROP TABLE IF EXISTS "DB"."RAW"."PEOPLE__PIPES_STAGE";

