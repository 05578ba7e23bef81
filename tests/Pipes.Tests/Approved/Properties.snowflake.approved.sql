-- 009_property.props.facts.sql
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

-- Finds "DB"."PIPES"."PIPES_PROPERTY_FACTS" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run's (its record in "DB"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "DB"."PIPES"."PIPES_PROPERTY_FACTS", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "DB"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = 'DB' AND table_schema = 'PIPES' AND table_name = 'PIPES_PROPERTY_FACTS'
), expected AS (
  SELECT column_name, column_type FROM (VALUES ('PROFILE_ID', 'key'), ('STAGE', 'string'), ('FIRST_STAGE', 'string'), ('COMMON_STAGE', 'string'), ('LTV', 'number'), ('SEATS', 'integer'), ('FLAG', 'boolean'), ('RENEWAL', 'datetime'), ('TAGS', 'array'), ('META', 'object'), ('CONTACT', 'integer')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT 'table with other columns' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT 'table with other column types', 2 FROM "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = 'pipes_property_facts' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1;

-- Finds "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run's (its record in "DB"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "DB"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = 'DB' AND table_schema = 'PIPES' AND table_name = 'PIPES_PROPERTY_ROWS_FACTS'
), expected AS (
  SELECT column_name, column_type FROM (VALUES ('ROW_KEY', ''), ('PROFILE_ID', ''), ('KEY_VALUE', ''), ('KEY_NORMALIZED', ''), ('RAW_UPDATED_AT', ''), ('R_UPDATED_AT', ''), ('UPDATED_AT', ''), ('UNIQUE_VALUE', ''), ('ITERATOR_AT', ''), ('ITERATOR_NUMBER', ''), ('RAW_1', ''), ('V_1_STRING', ''), ('RAW_2', ''), ('V_2_STRING', ''), ('RAW_3', ''), ('V_3_STRING', ''), ('RAW_4', ''), ('R_4', ''), ('V_4_NUMBER', ''), ('RAW_5', ''), ('R_5', ''), ('V_5_INTEGER', ''), ('RAW_6', ''), ('R_6', ''), ('V_6_BOOLEAN', ''), ('RAW_7', ''), ('R_7', ''), ('V_7_DATETIME', ''), ('RAW_8', ''), ('R_8', ''), ('V_8_ARRAY', ''), ('RAW_9', ''), ('R_9', ''), ('V_9_OBJECT', ''), ('RAW_10', ''), ('V_10_STRING', '')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT 'table with other columns' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
) AS found
ORDER BY found_order
LIMIT 1;

-- Audit tables shared by every property model; each model keeps its own rows exact.
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (
  model VARCHAR, column_name VARCHAR, profile_id VARCHAR, key_value VARCHAR, raw_value VARCHAR, expected_type VARCHAR, reason VARCHAR
);

CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model VARCHAR, key_type VARCHAR, unmatched_rows BIGINT, samples VARCHAR);

-- Per property model, the state of its last completed run: the hash of its statements, its iterator's watermark and
-- how many rows it kept and published; written only once its outputs are (a run that fails leaves 'pending')
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_PROPERTIES_STATE" (model VARCHAR, rules_hash VARCHAR, iterator VARCHAR, watermark_at TIMESTAMP_NTZ, watermark_number FLOAT, kept_rows BIGINT, published_rows BIGINT);

-- Every input row kept: its profile through the key (normalised as identity normalises email), each
-- property as raw text and, when the text has its type's documented form, converted to that type (v_<n>_<type>);
-- r_<n> says why not. A column's type is in its name, so a table of another layout is dropped before the run.
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" (
  row_key VARCHAR, profile_id VARCHAR, key_value VARCHAR, key_normalized VARCHAR,
  raw_updated_at VARCHAR, r_updated_at VARCHAR, updated_at TIMESTAMP_NTZ,
  unique_value VARCHAR, iterator_at TIMESTAMP_NTZ, iterator_number FLOAT
  , raw_1 VARCHAR, v_1_string VARCHAR
  , raw_2 VARCHAR, v_2_string VARCHAR
  , raw_3 VARCHAR, v_3_string VARCHAR
  , raw_4 VARCHAR, r_4 VARCHAR, v_4_number FLOAT
  , raw_5 VARCHAR, r_5 VARCHAR, v_5_integer NUMBER(38,0)
  , raw_6 VARCHAR, r_6 VARCHAR, v_6_boolean BOOLEAN
  , raw_7 VARCHAR, r_7 VARCHAR, v_7_datetime TIMESTAMP_NTZ
  , raw_8 VARCHAR, r_8 VARCHAR, v_8_array ARRAY
  , raw_9 VARCHAR, r_9 VARCHAR, v_9_object OBJECT
  , raw_10 VARCHAR, v_10_string VARCHAR
);

-- Why this run recomputes every profile from every row (none: only the changed profiles are recomputed); the node's
-- message names any reason but the first run
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS" AS
SELECT reason FROM (
  SELECT CAST(NULL AS VARCHAR) AS reason
  UNION ALL
  SELECT 'first run' FROM (SELECT 1 AS one) AS o
  WHERE NOT EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = 'facts')
  UNION ALL
  SELECT CASE WHEN rules_hash = 'pending' THEN 'the last run did not finish' ELSE 'its statements changed (columns, rules or Pipes)' END
  FROM "DB"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = 'facts' AND rules_hash <> 'c51d14f5fe567504a3fbfc1cc16a0ea9'
  UNION ALL
  -- the kept rows are not those the last run left (their table dropped or edited by hand)
  SELECT 'kept rows differ from the last run' FROM (SELECT COUNT(*) AS n FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS") AS k
  WHERE k.n <> COALESCE((SELECT MAX(kept_rows) FROM "DB"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = 'facts' AND rules_hash = 'c51d14f5fe567504a3fbfc1cc16a0ea9'), k.n)
) AS reasons
WHERE reason IS NOT NULL;

-- The rows of facts this run reads, as text, each with its fingerprint (row_key: SHA-256 of every column
-- the model reads, each as length:text, numbered among equal rows so each source row is one kept row)
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTIES_READ_FACTS" AS
SELECT fingerprint || ':' || TO_VARCHAR(ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY fingerprint)) AS row_key, CAST(NULL AS VARCHAR) AS iterator_value,
  key_value, raw_updated_at, unique_value, raw_1, raw_2, raw_3, raw_4, raw_5, raw_6, raw_7, raw_8, raw_9, raw_10
FROM (
  SELECT SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(key_value)) || ':' || key_value, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_updated_at)) || ':' || raw_updated_at, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(unique_value)) || ':' || unique_value, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_1)) || ':' || raw_1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_2)) || ':' || raw_2, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_3)) || ':' || raw_3, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_4)) || ':' || raw_4, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_5)) || ':' || raw_5, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_6)) || ':' || raw_6, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_7)) || ':' || raw_7, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_8)) || ':' || raw_8, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_9)) || ':' || raw_9, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(raw_10)) || ':' || raw_10, '-'), 256), 1, 32) AS fingerprint, s.*
  FROM (
    SELECT
      TO_VARCHAR("EMAIL") AS key_value,
      TO_VARCHAR("UPDATED_AT") AS raw_updated_at,
      CAST(NULL AS VARCHAR) AS unique_value
      , TO_VARCHAR("STAGE") AS raw_1
      , TO_VARCHAR("FIRST_STAGE") AS raw_2
      , TO_VARCHAR("COMMON_STAGE") AS raw_3
      , TO_VARCHAR("LTV") AS raw_4
      , TO_VARCHAR("SEATS") AS raw_5
      , TO_VARCHAR("FLAG") AS raw_6
      , TO_VARCHAR("RENEWAL") AS raw_7
      , TO_VARCHAR("TAGS") AS raw_8
      , TO_VARCHAR("META") AS raw_9
      , TO_VARCHAR("CONTACT") AS raw_10
    FROM "DB"."PIPES"."FACTS"
  ) AS s
) AS f;

UPDATE "DB"."PIPES"."PIPES_PROPERTIES_STATE" SET rules_hash = 'pending' WHERE model = 'facts';

DELETE FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" WHERE EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS");

-- Rows read that are not kept yet
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTIES_INCOMING_FACTS" AS
SELECT r.* FROM "DB"."PIPES"."PIPES_PROPERTIES_READ_FACTS" AS r WHERE NOT EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" AS k WHERE k.row_key = r.row_key);

-- Kept rows no longer in the input (deleted or changed at the source)
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTIES_REMOVED_FACTS" AS
SELECT k.row_key, k.profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" AS k WHERE NOT EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_READ_FACTS" AS r WHERE r.row_key = k.row_key);

DROP TABLE "DB"."PIPES"."PIPES_PROPERTIES_READ_FACTS";

-- The new rows: key normalised and joined to the graph, each property converted when its text has the type's form
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTIES_ADDED_FACTS" AS
WITH src AS (
  SELECT row_key, key_value, raw_updated_at, unique_value,
    CAST(NULL AS TIMESTAMP_NTZ) AS iterator_at,
    CAST(NULL AS FLOAT) AS iterator_number,
    LOWER(TRANSLATE(TRIM(key_value, ' '), 'İΣ', 'iσ')) AS key_normalized
    , raw_1
    , raw_2
    , raw_3
    , raw_4
    , raw_5
    , raw_6
    , raw_7
    , raw_8
    , raw_9
    , raw_10
  FROM "DB"."PIPES"."PIPES_PROPERTIES_INCOMING_FACTS"
), converted AS (
  SELECT src.*
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_updated_at, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(raw_updated_at, ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(raw_updated_at, ' '), '[0-9]{11,13}')) THEN (CASE WHEN REGEXP_LIKE(TRIM(raw_updated_at, ' '), '-?[0-9]{1,10}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, ' ')), 0) WHEN REGEXP_LIKE(TRIM(raw_updated_at, ' '), '[0-9]{11,13}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, ' ')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(raw_updated_at, ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(raw_updated_at, ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END) END) AS updated_at
    , (CASE WHEN REGEXP_LIKE(TRIM(raw_4, ' '), '[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_TO_DOUBLE(REPLACE(TRIM(raw_4, ' '), ',', '')) END) AS x_4
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_5, ' '), '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.]0*)?') AND (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+'), ''), '0')) < 19 OR (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+'), ''), '0')) = 19 AND LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+'), ''), '0') <= (CASE WHEN LEFT(TRIM(raw_5, ' '), 1) = '-' THEN '9223372036854775808' ELSE '9223372036854775807' END)))) THEN TRY_CAST((CASE WHEN LEFT(TRIM(raw_5, ' '), 1) = '-' THEN '-' ELSE '' END || COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+'), '')) AS NUMBER(38,0)) END) AS x_5
    , (CASE WHEN LOWER(TRIM(raw_6, ' ')) IN ('true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0') THEN LOWER(TRIM(raw_6, ' ')) IN ('true', 't', 'yes', 'y', '1') END) AS x_6
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_7, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(raw_7, ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(raw_7, ' '), '[0-9]{11,13}')) THEN (CASE WHEN REGEXP_LIKE(TRIM(raw_7, ' '), '-?[0-9]{1,10}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_7, ' ')), 0) WHEN REGEXP_LIKE(TRIM(raw_7, ' '), '[0-9]{11,13}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_7, ' ')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_7, ' '), 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_7, ' '), 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_7, ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(raw_7, ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(raw_7, ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_7, ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_7, ' '), 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END) END) AS x_7
    , (CASE WHEN IS_ARRAY(TRY_PARSE_JSON(TO_VARCHAR(TRIM(raw_8, ' ')))) THEN TRY_PARSE_JSON(TO_VARCHAR(TRIM(raw_8, ' ')))::ARRAY END) AS x_8
    , (CASE WHEN IS_OBJECT(TRY_PARSE_JSON(TO_VARCHAR(TRIM(raw_9, ' ')))) THEN TRY_PARSE_JSON(TO_VARCHAR(TRIM(raw_9, ' ')))::OBJECT END) AS x_9
  FROM src
), checked AS (
  SELECT converted.*
    , (CASE WHEN TRIM(raw_updated_at, ' ') IS NULL OR TRIM(raw_updated_at, ' ') = '' THEN NULL WHEN NOT (REGEXP_LIKE(TRIM(raw_updated_at, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(raw_updated_at, ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(raw_updated_at, ' '), '[0-9]{11,13}')) THEN 'not a datetime' WHEN updated_at IS NULL THEN 'no such date or time' END) AS r_updated_at
    , (CASE WHEN TRIM(raw_4, ' ') IS NULL OR TRIM(raw_4, ' ') = '' THEN NULL WHEN NOT REGEXP_LIKE(TRIM(raw_4, ' '), '[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN 'not a number' WHEN x_4 IS NULL OR NOT (ABS(x_4) < 'inf'::FLOAT) THEN 'out of range' END) AS r_4
    , (CASE WHEN TRIM(raw_5, ' ') IS NULL OR TRIM(raw_5, ' ') = '' THEN NULL WHEN NOT REGEXP_LIKE(TRIM(raw_5, ' '), '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.]0*)?') THEN 'not an integer' WHEN NOT (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+'), ''), '0')) < 19 OR (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+'), ''), '0')) = 19 AND LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+'), ''), '0') <= (CASE WHEN LEFT(TRIM(raw_5, ' '), 1) = '-' THEN '9223372036854775808' ELSE '9223372036854775807' END))) THEN 'out of range' END) AS r_5
    , (CASE WHEN TRIM(raw_6, ' ') IS NULL OR TRIM(raw_6, ' ') = '' THEN NULL WHEN NOT LOWER(TRIM(raw_6, ' ')) IN ('true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0') THEN 'not a boolean' END) AS r_6
    , (CASE WHEN TRIM(raw_7, ' ') IS NULL OR TRIM(raw_7, ' ') = '' THEN NULL WHEN NOT (REGEXP_LIKE(TRIM(raw_7, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(raw_7, ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(raw_7, ' '), '[0-9]{11,13}')) THEN 'not a datetime' WHEN x_7 IS NULL THEN 'no such date or time' END) AS r_7
    , (CASE WHEN TRIM(raw_8, ' ') IS NULL OR TRIM(raw_8, ' ') = '' THEN NULL WHEN NOT (x_8 IS NOT NULL) THEN 'not an array' END) AS r_8
    , (CASE WHEN TRIM(raw_9, ' ') IS NULL OR TRIM(raw_9, ' ') = '' THEN NULL WHEN NOT (x_9 IS NOT NULL) THEN 'not an object' END) AS r_9
  FROM converted
)
SELECT checked.row_key, g.profile_id, checked.key_value, checked.key_normalized, checked.raw_updated_at, checked.r_updated_at
  , CASE WHEN checked.r_updated_at IS NULL THEN checked.updated_at END AS updated_at
  , checked.unique_value, checked.iterator_at, checked.iterator_number
  , checked.raw_1
  , NULLIF(checked.raw_1, '') AS v_1_string
  , checked.raw_2
  , NULLIF(checked.raw_2, '') AS v_2_string
  , checked.raw_3
  , NULLIF(checked.raw_3, '') AS v_3_string
  , checked.raw_4
  , checked.r_4
  , CASE WHEN checked.r_4 IS NULL THEN checked.x_4 END AS v_4_number
  , checked.raw_5
  , checked.r_5
  , CASE WHEN checked.r_5 IS NULL THEN checked.x_5 END AS v_5_integer
  , checked.raw_6
  , checked.r_6
  , CASE WHEN checked.r_6 IS NULL THEN checked.x_6 END AS v_6_boolean
  , checked.raw_7
  , checked.r_7
  , CASE WHEN checked.r_7 IS NULL THEN checked.x_7 END AS v_7_datetime
  , checked.raw_8
  , checked.r_8
  , CASE WHEN checked.r_8 IS NULL THEN checked.x_8 END AS v_8_array
  , checked.raw_9
  , checked.r_9
  , CASE WHEN checked.r_9 IS NULL THEN checked.x_9 END AS v_9_object
  , checked.raw_10
  , NULLIF(checked.raw_10, '') AS v_10_string
FROM checked
LEFT JOIN "DB"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = 'email' AND g.id_value = checked.key_normalized;

DROP TABLE "DB"."PIPES"."PIPES_PROPERTIES_INCOMING_FACTS";

DELETE FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" WHERE row_key IN (SELECT row_key FROM "DB"."PIPES"."PIPES_PROPERTIES_REMOVED_FACTS");

INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" (row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, v_2_string, raw_3, v_3_string, raw_4, r_4, v_4_number, raw_5, r_5, v_5_integer, raw_6, r_6, v_6_boolean, raw_7, r_7, v_7_datetime, raw_8, r_8, v_8_array, raw_9, r_9, v_9_object, raw_10, v_10_string)
SELECT row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, v_2_string, raw_3, v_3_string, raw_4, r_4, v_4_number, raw_5, r_5, v_5_integer, raw_6, r_6, v_6_boolean, raw_7, r_7, v_7_datetime, raw_8, r_8, v_8_array, raw_9, r_9, v_9_object, raw_10, v_10_string FROM "DB"."PIPES"."PIPES_PROPERTIES_ADDED_FACTS";

-- Membership: kept keys whose profile in the graph is no longer the one their rows hold (whatever identity runs
-- happened since this model's last run); both profiles change
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTIES_MOVED_FACTS" AS
SELECT k.key_normalized, k.profile_id AS old_profile, g.profile_id AS new_profile
FROM (SELECT DISTINCT key_normalized, profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" WHERE key_normalized IS NOT NULL) AS k
LEFT JOIN "DB"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = 'email' AND g.id_value = k.key_normalized
WHERE k.profile_id IS DISTINCT FROM g.profile_id;

-- (one row per key: its rows may hold more than one old profile, the new rows the current one)
UPDATE "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" AS k SET profile_id = m.new_profile
FROM (SELECT DISTINCT key_normalized, new_profile FROM "DB"."PIPES"."PIPES_PROPERTIES_MOVED_FACTS") AS m
WHERE m.key_normalized = k.key_normalized;

-- The profiles this run recomputes: those that lost a row, gained one, or whose keys moved (NULL stands for the
-- unmatched rows, for the audits)
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" AS
SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_REMOVED_FACTS"
UNION
SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_ADDED_FACTS"
UNION
SELECT old_profile FROM "DB"."PIPES"."PIPES_PROPERTIES_MOVED_FACTS"
UNION
SELECT new_profile FROM "DB"."PIPES"."PIPES_PROPERTIES_MOVED_FACTS";

DROP TABLE "DB"."PIPES"."PIPES_PROPERTIES_REMOVED_FACTS";

DROP TABLE "DB"."PIPES"."PIPES_PROPERTIES_ADDED_FACTS";

DROP TABLE "DB"."PIPES"."PIPES_PROPERTIES_MOVED_FACTS";

-- The changed profiles, recomputed into a scratch table; publishing writes only the rows that differ to "DB"."PIPES"."PIPES_PROPERTY_FACTS"
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTY_FACTS_NEXT" AS
WITH scoped AS (
  SELECT * FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" AS k WHERE k.profile_id IS NOT NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" AS d WHERE d.profile_id = k.profile_id)
), profiles AS (
  SELECT DISTINCT profile_id FROM scoped
)
, c1 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c2 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at ASC NULLS LAST, TO_VARCHAR(CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c3 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, value, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY seen DESC, TO_VARCHAR(value)) AS pick
    FROM (
      SELECT profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END AS value, COUNT(*) AS seen
      FROM scoped WHERE CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END IS NOT NULL
      GROUP BY profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END
    ) AS counted
  ) AS ranked WHERE pick = 1
)
, c4 AS (
  SELECT profile_id, CASE WHEN ABS(total) <= CAST('9.745314011399998e288' AS FLOAT) THEN total * CAST('18446744073709551616' AS FLOAT) END AS value
  FROM (SELECT profile_id, SUM(v_4_number * CAST('5.421010862427522e-20' AS FLOAT)) AS total FROM scoped GROUP BY profile_id) AS summed
)
, c5 AS (
  SELECT profile_id, MAX(v_5_integer) AS value
  FROM scoped GROUP BY profile_id
)
, c6 AS (
  SELECT profile_id, MAX(CASE WHEN v_6_boolean THEN 1 ELSE 0 END) = 1 AS value
  FROM scoped WHERE v_6_boolean IS NOT NULL GROUP BY profile_id
)
, c7 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, v_7_datetime AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(v_7_datetime)) AS pick
    FROM scoped WHERE v_7_datetime IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c8 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_8_array), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_8_array END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_8_array), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_8_array END)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_8_array), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_8_array END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c9 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_9_object), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_9_object END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_9_object), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_9_object END)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_9_object), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_9_object END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c10 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_10_string) > 1024 THEN NULL ELSE v_10_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "STAGE"
  , c2.value AS "FIRST_STAGE"
  , c3.value AS "COMMON_STAGE"
  , c4.value AS "LTV"
  , c5.value AS "SEATS"
  , c6.value AS "FLAG"
  , c7.value AS "RENEWAL"
  , c8.value AS "TAGS"
  , c9.value AS "META"
  , c10.value AS "CONTACT"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id
LEFT JOIN c3 ON c3.profile_id = p.profile_id
LEFT JOIN c4 ON c4.profile_id = p.profile_id
LEFT JOIN c5 ON c5.profile_id = p.profile_id
LEFT JOIN c6 ON c6.profile_id = p.profile_id
LEFT JOIN c7 ON c7.profile_id = p.profile_id
LEFT JOIN c8 ON c8.profile_id = p.profile_id
LEFT JOIN c9 ON c9.profile_id = p.profile_id
LEFT JOIN c10 ON c10.profile_id = p.profile_id;

-- "DB"."PIPES"."PIPES_PROPERTY_FACTS" as publishing creates it (created once, never replaced), so the unchanged profiles can be read from it
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_PROPERTY_FACTS" CHANGE_TRACKING = TRUE AS SELECT * FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS_NEXT" WHERE 1 = 0;

-- A published table that no longer holds the rows the last run published (rows deleted by hand, the table dropped)
-- is recomputed in full
INSERT INTO "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS" (reason)
SELECT 'published rows differ from the last run' FROM (SELECT COUNT(*) AS n FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS") AS live
WHERE live.n <> (SELECT MAX(published_rows) FROM "DB"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = 'facts');

-- The other profiles: as published, or recomputed after a reset
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_FACTS_NEXT" ("PROFILE_ID", "STAGE", "FIRST_STAGE", "COMMON_STAGE", "LTV", "SEATS", "FLAG", "RENEWAL", "TAGS", "META", "CONTACT")
SELECT * FROM (
WITH scoped AS (
  SELECT * FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" AS k WHERE k.profile_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" AS d WHERE d.profile_id = k.profile_id) AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS")
), profiles AS (
  SELECT DISTINCT profile_id FROM scoped
)
, c1 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c2 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at ASC NULLS LAST, TO_VARCHAR(CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c3 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, value, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY seen DESC, TO_VARCHAR(value)) AS pick
    FROM (
      SELECT profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END AS value, COUNT(*) AS seen
      FROM scoped WHERE CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END IS NOT NULL
      GROUP BY profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END
    ) AS counted
  ) AS ranked WHERE pick = 1
)
, c4 AS (
  SELECT profile_id, CASE WHEN ABS(total) <= CAST('9.745314011399998e288' AS FLOAT) THEN total * CAST('18446744073709551616' AS FLOAT) END AS value
  FROM (SELECT profile_id, SUM(v_4_number * CAST('5.421010862427522e-20' AS FLOAT)) AS total FROM scoped GROUP BY profile_id) AS summed
)
, c5 AS (
  SELECT profile_id, MAX(v_5_integer) AS value
  FROM scoped GROUP BY profile_id
)
, c6 AS (
  SELECT profile_id, MAX(CASE WHEN v_6_boolean THEN 1 ELSE 0 END) = 1 AS value
  FROM scoped WHERE v_6_boolean IS NOT NULL GROUP BY profile_id
)
, c7 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, v_7_datetime AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(v_7_datetime)) AS pick
    FROM scoped WHERE v_7_datetime IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c8 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_8_array), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_8_array END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_8_array), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_8_array END)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_8_array), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_8_array END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c9 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_9_object), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_9_object END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_9_object), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_9_object END)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_9_object), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) THEN NULL ELSE v_9_object END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c10 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_10_string) > 1024 THEN NULL ELSE v_10_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "STAGE"
  , c2.value AS "FIRST_STAGE"
  , c3.value AS "COMMON_STAGE"
  , c4.value AS "LTV"
  , c5.value AS "SEATS"
  , c6.value AS "FLAG"
  , c7.value AS "RENEWAL"
  , c8.value AS "TAGS"
  , c9.value AS "META"
  , c10.value AS "CONTACT"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id
LEFT JOIN c3 ON c3.profile_id = p.profile_id
LEFT JOIN c4 ON c4.profile_id = p.profile_id
LEFT JOIN c5 ON c5.profile_id = p.profile_id
LEFT JOIN c6 ON c6.profile_id = p.profile_id
LEFT JOIN c7 ON c7.profile_id = p.profile_id
LEFT JOIN c8 ON c8.profile_id = p.profile_id
LEFT JOIN c9 ON c9.profile_id = p.profile_id
LEFT JOIN c10 ON c10.profile_id = p.profile_id

) AS recomputed
UNION ALL
SELECT "PROFILE_ID", "STAGE", "FIRST_STAGE", "COMMON_STAGE", "LTV", "SEATS", "FLAG", "RENEWAL", "TAGS", "META", "CONTACT" FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" AS l
WHERE NOT EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") AND NOT EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" AS d WHERE d.profile_id = l.profile_id);

-- Unmatched rows (no profile for their key), counted again from every kept row
DELETE FROM "DB"."PIPES"."PIPES_PROPERTY_UNMATCHED" WHERE model = 'facts';

INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model, key_type, unmatched_rows, samples)
SELECT 'facts', 'email', COUNT(*),
  TO_JSON(ARRAY_AGG(CASE WHEN sample_no <= 5 THEN key_value END) WITHIN GROUP (ORDER BY key_value))
FROM (
  SELECT key_value, ROW_NUMBER() OVER (ORDER BY key_value NULLS LAST) AS sample_no
  FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS" WHERE profile_id IS NULL
) AS unmatched
HAVING COUNT(*) > 0;

-- Rejects: those of the recomputed profiles (and of unmatched rows when those changed) are written again
DELETE FROM "DB"."PIPES"."PIPES_PROPERTY_REJECTS" WHERE model = 'facts' AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- updated_at (updated_at): values refused as datetime; those rows rank last in latest and earliest
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'updated_at', profile_id, key_value, raw_updated_at, 'datetime', r_updated_at
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE r_updated_at IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- stage: values Amplitude would refuse
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'stage', profile_id, key_value, raw_1, 'string',
  'longer than 1024 characters'
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE LENGTH(v_1_string) > 1024 AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- first_stage: values Amplitude would refuse
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'first_stage', profile_id, key_value, raw_2, 'string',
  'longer than 1024 characters'
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE LENGTH(v_2_string) > 1024 AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- common_stage: values Amplitude would refuse
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'common_stage', profile_id, key_value, raw_3, 'string',
  'longer than 1024 characters'
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE LENGTH(v_3_string) > 1024 AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- ltv: values refused as number, with the reason
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'ltv', profile_id, key_value, raw_4, 'number',
  r_4
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE r_4 IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- ltv (sum): profiles whose total is out of range, left NULL; no single row holds the value, so key_value is
-- NULL and raw_value the exact total (NULL: DOUBLE cannot hold it)
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'ltv', profile_id, CAST(NULL AS VARCHAR),
  CAST(NULL AS VARCHAR), 'number', 'sum out of range'
FROM (
  SELECT profile_id, SUM(v_4_number * CAST('5.421010862427522e-20' AS FLOAT)) AS total FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
  WHERE profile_id IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL))) GROUP BY profile_id
) AS summed
WHERE NOT (ABS(total) <= CAST('9.745314011399998e288' AS FLOAT));

-- seats: values refused as integer, with the reason
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'seats', profile_id, key_value, raw_5, 'integer',
  r_5
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE r_5 IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- flag: values refused as boolean, with the reason
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'flag', profile_id, key_value, raw_6, 'boolean',
  r_6
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE r_6 IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- renewal: values refused as datetime, with the reason
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'renewal', profile_id, key_value, raw_7, 'datetime',
  r_7
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE r_7 IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- tags: values refused as array, with the reason
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'tags', profile_id, key_value, raw_8, 'array',
  r_8
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE r_8 IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'tags', profile_id, key_value, raw_8, 'array',
  'nested deeper than 40 levels'
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE v_8_array IS NOT NULL AND (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_8_array), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- meta: values refused as object, with the reason
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'meta', profile_id, key_value, raw_9, 'object',
  r_9
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE r_9 IS NOT NULL AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'meta', profile_id, key_value, raw_9, 'object',
  'nested deeper than 40 levels'
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE v_9_object IS NOT NULL AND (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_9_object), '\\\\.', ''), '"[^"]*"', ''), '[^][{}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', ''), '[[][]]|[{][}]', '')) > 0) AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- contact: values Amplitude would refuse
INSERT INTO "DB"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'contact', profile_id, key_value, raw_10, 'string',
  'longer than 1024 characters'
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS"
WHERE LENGTH(v_10_string) > 1024 AND (EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_RESET_FACTS") OR profile_id IN (SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PROPERTIES_DIRTY_FACTS" WHERE profile_id IS NULL)));

-- pipes_property_facts: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_PROPERTY_FACTS" CHANGE_TRACKING = TRUE AS SELECT * FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS_NEXT" WHERE 1 = 0;

-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "DB"."PIPES"."PIPES_PROPERTY_FACTS" SET CHANGE_TRACKING = TRUE;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PROPERTY_FACTS_CHANGES" AS
SELECT s."PROFILE_ID", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS_NEXT" AS s
LEFT JOIN (SELECT "PROFILE_ID", "STAGE", "FIRST_STAGE", "COMMON_STAGE", "LTV", "SEATS", "FLAG", "RENEWAL", "TAGS", "META", "CONTACT", 1 AS pipes_present FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS") AS l
  ON s."PROFILE_ID" IS NOT DISTINCT FROM l."PROFILE_ID"
WHERE l.pipes_present IS NULL
  OR s."STAGE" IS DISTINCT FROM l."STAGE"
  OR s."FIRST_STAGE" IS DISTINCT FROM l."FIRST_STAGE"
  OR s."COMMON_STAGE" IS DISTINCT FROM l."COMMON_STAGE"
  OR s."LTV" IS DISTINCT FROM l."LTV"
  OR s."SEATS" IS DISTINCT FROM l."SEATS"
  OR s."FLAG" IS DISTINCT FROM l."FLAG"
  OR s."RENEWAL" IS DISTINCT FROM l."RENEWAL"
  OR TO_JSON(s."TAGS") IS DISTINCT FROM TO_JSON(l."TAGS")
  OR TO_JSON(s."META") IS DISTINCT FROM TO_JSON(l."META")
  OR s."CONTACT" IS DISTINCT FROM l."CONTACT"
UNION ALL
SELECT l."PROFILE_ID", 'delete'
FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" AS l
LEFT JOIN (SELECT "PROFILE_ID", 1 AS pipes_present FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS_NEXT") AS s
  ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHERE s.pipes_present IS NULL;

DELETE FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" l USING "DB"."PIPES"."PIPES_PROPERTY_FACTS_CHANGES" c
WHERE c.pipes_action = 'delete' AND l."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID";

MERGE INTO "DB"."PIPES"."PIPES_PROPERTY_FACTS" AS l
USING (
  SELECT s.* FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS_NEXT" AS s
  JOIN "DB"."PIPES"."PIPES_PROPERTY_FACTS_CHANGES" AS c ON c.pipes_action <> 'delete' AND s."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"
) AS s
ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHEN MATCHED THEN UPDATE SET "STAGE" = s."STAGE", "FIRST_STAGE" = s."FIRST_STAGE", "COMMON_STAGE" = s."COMMON_STAGE", "LTV" = s."LTV", "SEATS" = s."SEATS", "FLAG" = s."FLAG", "RENEWAL" = s."RENEWAL", "TAGS" = s."TAGS", "META" = s."META", "CONTACT" = s."CONTACT"
WHEN NOT MATCHED THEN INSERT ("PROFILE_ID", "STAGE", "FIRST_STAGE", "COMMON_STAGE", "LTV", "SEATS", "FLAG", "RENEWAL", "TAGS", "META", "CONTACT") VALUES (s."PROFILE_ID", s."STAGE", s."FIRST_STAGE", s."COMMON_STAGE", s."LTV", s."SEATS", s."FLAG", s."RENEWAL", s."TAGS", s."META", s."CONTACT");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "DB"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = 'pipes_property_facts';

INSERT INTO "DB"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_property_facts', 'property.props.facts',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS_CHANGES";

-- pipes_property_facts was published with these column types
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = 'pipes_property_facts';

INSERT INTO "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  ('pipes_property_facts', 'PROFILE_ID', 'key'),
  ('pipes_property_facts', 'STAGE', 'string'),
  ('pipes_property_facts', 'FIRST_STAGE', 'string'),
  ('pipes_property_facts', 'COMMON_STAGE', 'string'),
  ('pipes_property_facts', 'LTV', 'number'),
  ('pipes_property_facts', 'SEATS', 'integer'),
  ('pipes_property_facts', 'FLAG', 'boolean'),
  ('pipes_property_facts', 'RENEWAL', 'datetime'),
  ('pipes_property_facts', 'TAGS', 'array'),
  ('pipes_property_facts', 'META', 'object'),
  ('pipes_property_facts', 'CONTACT', 'integer');

-- facts: the state of this run, recorded only now that its outputs are published, so a run that fails
-- before this point leaves 'pending' and the next one recomputes every profile (reading every row again)
DELETE FROM "DB"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = 'facts';

INSERT INTO "DB"."PIPES"."PIPES_PROPERTIES_STATE" (model, rules_hash, iterator, watermark_at, watermark_number, kept_rows, published_rows)
SELECT 'facts', 'c51d14f5fe567504a3fbfc1cc16a0ea9', NULL,
  MAX(iterator_at), MAX(iterator_number), COUNT(*), (SELECT COUNT(*) FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS")
FROM "DB"."PIPES"."PIPES_PROPERTY_ROWS_FACTS";

-- 010_push.props.amp.sql
-- One row per (profile, Amplitude identity) for destination amp: the mapped properties as one JSON
-- object (keys in byte order, NULLs left out so the pusher can $unset them) and a hash of that object's text.
-- Computed into a scratch table; publishing writes only the rows that changed to "DB"."PIPES"."PIPES_PUSH_AMP".
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PUSH_AMP_NEXT" AS
WITH props AS (
  SELECT profile_id, 'stage' AS name, TO_VARIANT("STAGE") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "STAGE" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'first_stage' AS name, TO_VARIANT("FIRST_STAGE") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "FIRST_STAGE" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'common_stage' AS name, TO_VARIANT("COMMON_STAGE") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "COMMON_STAGE" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'ltv' AS name, TO_VARIANT("LTV") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "LTV" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'seats' AS name, TO_VARIANT("SEATS") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "SEATS" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'flag' AS name, TO_VARIANT("FLAG") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "FLAG" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'renewal' AS name, TO_VARIANT(TO_VARCHAR("RENEWAL", 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "RENEWAL" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'tags' AS name, TO_VARIANT("TAGS") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "TAGS" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'Meta Data' AS name, TO_VARIANT("META") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "META" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'Contacts' AS name, TO_VARIANT("CONTACT") AS value
  FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "CONTACT" IS NOT NULL
), objects AS (
  SELECT profile_id, OBJECT_AGG(name, value) AS properties
  FROM props GROUP BY profile_id
), ids AS (
  SELECT pr.profile_id, u.value::VARCHAR AS user_id, CAST(NULL AS VARCHAR) AS device_id
  FROM "DB"."PIPES"."PIPES_PROFILES" AS pr, LATERAL FLATTEN(input => pr.amplitude_user_ids) AS u
  UNION ALL
  SELECT pr.profile_id, CAST(NULL AS VARCHAR), d.value::VARCHAR
  FROM "DB"."PIPES"."PIPES_PROFILES" AS pr, LATERAL FLATTEN(input => pr.amplitude_device_ids) AS d
)
SELECT ids.profile_id, ids.user_id, ids.device_id, o.properties,
  SHA2(TO_JSON(o.properties), 256) AS content_hash
FROM ids
JOIN objects AS o ON o.profile_id = ids.profile_id
ORDER BY ids.profile_id, ids.user_id, ids.device_id;

-- Nothing silent: a profile with a property value and no row above (no Amplitude user_id or device_id at all, or,
-- update_only, none Amplitude has seen yet) is never pushed; it is kept here with the reason, and the push counts it.
-- (the profiles with a value are read without building their JSON again)
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PUSH_AMP_LEFT_OUT" AS
WITH valued AS (
  SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "STAGE" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "FIRST_STAGE" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "COMMON_STAGE" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "LTV" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "SEATS" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "FLAG" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "RENEWAL" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "TAGS" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "META" IS NOT NULL
  UNION
    SELECT profile_id FROM "DB"."PIPES"."PIPES_PROPERTY_FACTS" WHERE "CONTACT" IS NOT NULL
), ids AS (
  SELECT pr.profile_id, u.value::VARCHAR AS user_id, CAST(NULL AS VARCHAR) AS device_id
  FROM "DB"."PIPES"."PIPES_PROFILES" AS pr, LATERAL FLATTEN(input => pr.amplitude_user_ids) AS u
  UNION ALL
  SELECT pr.profile_id, CAST(NULL AS VARCHAR), d.value::VARCHAR
  FROM "DB"."PIPES"."PIPES_PROFILES" AS pr, LATERAL FLATTEN(input => pr.amplitude_device_ids) AS d
)
SELECT v.profile_id,
  CASE WHEN EXISTS (SELECT 1 FROM ids WHERE ids.profile_id = v.profile_id) THEN 'not yet in amplitude' ELSE 'no amplitude id' END AS reason
FROM valued AS v
WHERE NOT EXISTS (SELECT 1 FROM "DB"."PIPES"."PIPES_PUSH_AMP_NEXT" AS s WHERE s.profile_id = v.profile_id)
ORDER BY v.profile_id;

-- pipes_push_amp: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_PUSH_AMP" CHANGE_TRACKING = TRUE AS SELECT * FROM "DB"."PIPES"."PIPES_PUSH_AMP_NEXT" WHERE 1 = 0;

-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "DB"."PIPES"."PIPES_PUSH_AMP" SET CHANGE_TRACKING = TRUE;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "DB"."PIPES"."PIPES_PUSH_AMP_CHANGES" AS
SELECT s."PROFILE_ID", s."USER_ID", s."DEVICE_ID", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM "DB"."PIPES"."PIPES_PUSH_AMP_NEXT" AS s
LEFT JOIN (SELECT "PROFILE_ID", "USER_ID", "DEVICE_ID", "PROPERTIES", "CONTENT_HASH", 1 AS pipes_present FROM "DB"."PIPES"."PIPES_PUSH_AMP") AS l
  ON s."PROFILE_ID" IS NOT DISTINCT FROM l."PROFILE_ID" AND s."USER_ID" IS NOT DISTINCT FROM l."USER_ID" AND s."DEVICE_ID" IS NOT DISTINCT FROM l."DEVICE_ID"
WHERE l.pipes_present IS NULL
  OR TO_JSON(s."PROPERTIES") IS DISTINCT FROM TO_JSON(l."PROPERTIES")
  OR s."CONTENT_HASH" IS DISTINCT FROM l."CONTENT_HASH"
UNION ALL
SELECT l."PROFILE_ID", l."USER_ID", l."DEVICE_ID", 'delete'
FROM "DB"."PIPES"."PIPES_PUSH_AMP" AS l
LEFT JOIN (SELECT "PROFILE_ID", "USER_ID", "DEVICE_ID", 1 AS pipes_present FROM "DB"."PIPES"."PIPES_PUSH_AMP_NEXT") AS s
  ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID" AND l."USER_ID" IS NOT DISTINCT FROM s."USER_ID" AND l."DEVICE_ID" IS NOT DISTINCT FROM s."DEVICE_ID"
WHERE s.pipes_present IS NULL;

DELETE FROM "DB"."PIPES"."PIPES_PUSH_AMP" l USING "DB"."PIPES"."PIPES_PUSH_AMP_CHANGES" c
WHERE c.pipes_action = 'delete' AND l."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID" AND l."USER_ID" IS NOT DISTINCT FROM c."USER_ID" AND l."DEVICE_ID" IS NOT DISTINCT FROM c."DEVICE_ID";

MERGE INTO "DB"."PIPES"."PIPES_PUSH_AMP" AS l
USING (
  SELECT s.* FROM "DB"."PIPES"."PIPES_PUSH_AMP_NEXT" AS s
  JOIN "DB"."PIPES"."PIPES_PUSH_AMP_CHANGES" AS c ON c.pipes_action <> 'delete' AND s."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID" AND s."USER_ID" IS NOT DISTINCT FROM c."USER_ID" AND s."DEVICE_ID" IS NOT DISTINCT FROM c."DEVICE_ID"
) AS s
ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID" AND l."USER_ID" IS NOT DISTINCT FROM s."USER_ID" AND l."DEVICE_ID" IS NOT DISTINCT FROM s."DEVICE_ID"
WHEN MATCHED THEN UPDATE SET "PROPERTIES" = s."PROPERTIES", "CONTENT_HASH" = s."CONTENT_HASH"
WHEN NOT MATCHED THEN INSERT ("PROFILE_ID", "USER_ID", "DEVICE_ID", "PROPERTIES", "CONTENT_HASH") VALUES (s."PROFILE_ID", s."USER_ID", s."DEVICE_ID", s."PROPERTIES", s."CONTENT_HASH");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "DB"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = 'pipes_push_amp';

INSERT INTO "DB"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_push_amp', 'push.props.amp',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "DB"."PIPES"."PIPES_PUSH_AMP_CHANGES";

-- pipes_push_amp was published with these column types
CREATE TABLE IF NOT EXISTS "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = 'pipes_push_amp';

INSERT INTO "DB"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  ('pipes_push_amp', 'PROFILE_ID', 'key'),
  ('pipes_push_amp', 'USER_ID', 'key'),
  ('pipes_push_amp', 'DEVICE_ID', 'key'),
  ('pipes_push_amp', 'PROPERTIES', 'object'),
  ('pipes_push_amp', 'CONTENT_HASH', 'string');

