-- 009_property.props.facts.sql
CREATE TABLE IF NOT EXISTS "pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

-- Finds "pipes_property_facts" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run's (its record in "pipes_output_columns"); then the runner
-- runs: DROP TABLE "pipes_property_facts", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM information_schema.columns
  WHERE table_catalog = CURRENT_DATABASE() AND table_schema = CURRENT_SCHEMA() AND table_name = 'pipes_property_facts'
), expected AS (
  SELECT column_name, column_type FROM (VALUES ('profile_id', 'key'), ('stage', 'string'), ('first_stage', 'string'), ('common_stage', 'string'), ('ltv', 'number'), ('seats', 'integer'), ('flag', 'boolean'), ('renewal', 'datetime'), ('tags', 'array'), ('meta', 'object'), ('contact', 'integer')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT 'table with other columns' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT 'table with other column types', 2 FROM "pipes_output_columns" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = 'pipes_property_facts' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1;

-- Finds "pipes_property_rows_facts" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run's (its record in "pipes_output_columns"); then the runner
-- runs: DROP TABLE "pipes_property_rows_facts", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM information_schema.columns
  WHERE table_catalog = CURRENT_DATABASE() AND table_schema = CURRENT_SCHEMA() AND table_name = 'pipes_property_rows_facts'
), expected AS (
  SELECT column_name, column_type FROM (VALUES ('row_key', ''), ('profile_id', ''), ('key_value', ''), ('key_normalized', ''), ('raw_updated_at', ''), ('r_updated_at', ''), ('updated_at', ''), ('unique_value', ''), ('iterator_at', ''), ('iterator_number', ''), ('raw_1', ''), ('v_1_string', ''), ('raw_2', ''), ('v_2_string', ''), ('raw_3', ''), ('v_3_string', ''), ('raw_4', ''), ('r_4', ''), ('v_4_number', ''), ('raw_5', ''), ('r_5', ''), ('v_5_integer', ''), ('raw_6', ''), ('r_6', ''), ('v_6_boolean', ''), ('raw_7', ''), ('r_7', ''), ('v_7_datetime', ''), ('raw_8', ''), ('r_8', ''), ('v_8_array', ''), ('raw_9', ''), ('r_9', ''), ('v_9_object', ''), ('raw_10', ''), ('v_10_string', '')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT 'table with other columns' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
) AS found
ORDER BY found_order
LIMIT 1;

-- Audit tables shared by every property model; each model keeps its own rows exact.
CREATE TABLE IF NOT EXISTS "pipes_property_rejects" (
  model VARCHAR, column_name VARCHAR, profile_id VARCHAR, key_value VARCHAR, raw_value VARCHAR, expected_type VARCHAR, reason VARCHAR
);

CREATE TABLE IF NOT EXISTS "pipes_property_unmatched" (model VARCHAR, key_type VARCHAR, unmatched_rows BIGINT, samples VARCHAR);

-- Per property model, the state of its last completed run: the hash of its statements, its iterator's watermark and
-- how many rows it kept and published; written only once its outputs are (a run that fails leaves 'pending')
CREATE TABLE IF NOT EXISTS "pipes_properties_state" (model VARCHAR, rules_hash VARCHAR, iterator VARCHAR, watermark_at TIMESTAMP, watermark_number DOUBLE, kept_rows BIGINT, published_rows BIGINT);

-- Every input row kept: its profile through the key (normalised as identity normalises email), each
-- property as raw text and, when the text has its type's documented form, converted to that type (v_<n>_<type>);
-- r_<n> says why not. A column's type is in its name, so a table of another layout is dropped before the run.
CREATE TABLE IF NOT EXISTS "pipes_property_rows_facts" (
  row_key VARCHAR, profile_id VARCHAR, key_value VARCHAR, key_normalized VARCHAR,
  raw_updated_at VARCHAR, r_updated_at VARCHAR, updated_at TIMESTAMP,
  unique_value VARCHAR, iterator_at TIMESTAMP, iterator_number DOUBLE
  , raw_1 VARCHAR, v_1_string VARCHAR
  , raw_2 VARCHAR, v_2_string VARCHAR
  , raw_3 VARCHAR, v_3_string VARCHAR
  , raw_4 VARCHAR, r_4 VARCHAR, v_4_number DOUBLE
  , raw_5 VARCHAR, r_5 VARCHAR, v_5_integer BIGINT
  , raw_6 VARCHAR, r_6 VARCHAR, v_6_boolean BOOLEAN
  , raw_7 VARCHAR, r_7 VARCHAR, v_7_datetime TIMESTAMP
  , raw_8 VARCHAR, r_8 VARCHAR, v_8_array JSON
  , raw_9 VARCHAR, r_9 VARCHAR, v_9_object JSON
  , raw_10 VARCHAR, v_10_string VARCHAR
);

-- Why this run recomputes every profile from every row (none: only the changed profiles are recomputed); the node's
-- message names any reason but the first run
CREATE OR REPLACE TABLE "pipes_properties_reset_facts" AS
SELECT reason FROM (
  SELECT CAST(NULL AS VARCHAR) AS reason
  UNION ALL
  SELECT 'first run' FROM (SELECT 1 AS one) AS o
  WHERE NOT EXISTS (SELECT 1 FROM "pipes_properties_state" WHERE model = 'facts')
  UNION ALL
  SELECT CASE WHEN rules_hash = 'pending' THEN 'the last run did not finish' ELSE 'its statements changed (columns, rules or Pipes)' END
  FROM "pipes_properties_state" WHERE model = 'facts' AND rules_hash <> '6c6aa5081634573bbb36b3cc59accfe6'
  UNION ALL
  -- the kept rows are not those the last run left (their table dropped or edited by hand)
  SELECT 'kept rows differ from the last run' FROM (SELECT COUNT(*) AS n FROM "pipes_property_rows_facts") AS k
  WHERE k.n <> COALESCE((SELECT MAX(kept_rows) FROM "pipes_properties_state" WHERE model = 'facts' AND rules_hash = '6c6aa5081634573bbb36b3cc59accfe6'), k.n)
) AS reasons
WHERE reason IS NOT NULL;

-- The rows of facts this run reads, as text, each with its fingerprint (row_key: SHA-256 of every column
-- the model reads, each as length:text, numbered among equal rows so each source row is one kept row)
CREATE OR REPLACE TABLE "pipes_properties_read_facts" AS
SELECT fingerprint || ':' || CAST(ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY fingerprint) AS VARCHAR) AS row_key, CAST(NULL AS VARCHAR) AS iterator_value,
  key_value, raw_updated_at, unique_value, raw_1, raw_2, raw_3, raw_4, raw_5, raw_6, raw_7, raw_8, raw_9, raw_10
FROM (
  SELECT SUBSTR(sha256(COALESCE(CAST(LENGTH(key_value) AS VARCHAR) || ':' || key_value, '-') || '|' || COALESCE(CAST(LENGTH(raw_updated_at) AS VARCHAR) || ':' || raw_updated_at, '-') || '|' || COALESCE(CAST(LENGTH(unique_value) AS VARCHAR) || ':' || unique_value, '-') || '|' || COALESCE(CAST(LENGTH(raw_1) AS VARCHAR) || ':' || raw_1, '-') || '|' || COALESCE(CAST(LENGTH(raw_2) AS VARCHAR) || ':' || raw_2, '-') || '|' || COALESCE(CAST(LENGTH(raw_3) AS VARCHAR) || ':' || raw_3, '-') || '|' || COALESCE(CAST(LENGTH(raw_4) AS VARCHAR) || ':' || raw_4, '-') || '|' || COALESCE(CAST(LENGTH(raw_5) AS VARCHAR) || ':' || raw_5, '-') || '|' || COALESCE(CAST(LENGTH(raw_6) AS VARCHAR) || ':' || raw_6, '-') || '|' || COALESCE(CAST(LENGTH(raw_7) AS VARCHAR) || ':' || raw_7, '-') || '|' || COALESCE(CAST(LENGTH(raw_8) AS VARCHAR) || ':' || raw_8, '-') || '|' || COALESCE(CAST(LENGTH(raw_9) AS VARCHAR) || ':' || raw_9, '-') || '|' || COALESCE(CAST(LENGTH(raw_10) AS VARCHAR) || ':' || raw_10, '-')), 1, 32) AS fingerprint, s.*
  FROM (
    SELECT
      CAST("email" AS VARCHAR) AS key_value,
      CAST("updated_at" AS VARCHAR) AS raw_updated_at,
      CAST(NULL AS VARCHAR) AS unique_value
      , CAST("stage" AS VARCHAR) AS raw_1
      , CAST("first_stage" AS VARCHAR) AS raw_2
      , CAST("common_stage" AS VARCHAR) AS raw_3
      , CAST("ltv" AS VARCHAR) AS raw_4
      , CAST("seats" AS VARCHAR) AS raw_5
      , CAST("flag" AS VARCHAR) AS raw_6
      , CAST("renewal" AS VARCHAR) AS raw_7
      , CAST("tags" AS VARCHAR) AS raw_8
      , CAST("meta" AS VARCHAR) AS raw_9
      , CAST("contact" AS VARCHAR) AS raw_10
    FROM "facts"
  ) AS s
) AS f;

UPDATE "pipes_properties_state" SET rules_hash = 'pending' WHERE model = 'facts';

DELETE FROM "pipes_property_rows_facts" WHERE EXISTS (SELECT 1 FROM "pipes_properties_reset_facts");

-- Rows read that are not kept yet
CREATE OR REPLACE TABLE "pipes_properties_incoming_facts" AS
SELECT r.* FROM "pipes_properties_read_facts" AS r WHERE NOT EXISTS (SELECT 1 FROM "pipes_property_rows_facts" AS k WHERE k.row_key = r.row_key);

-- Kept rows no longer in the input (deleted or changed at the source)
CREATE OR REPLACE TABLE "pipes_properties_removed_facts" AS
SELECT k.row_key, k.profile_id FROM "pipes_property_rows_facts" AS k WHERE NOT EXISTS (SELECT 1 FROM "pipes_properties_read_facts" AS r WHERE r.row_key = k.row_key);

DROP TABLE "pipes_properties_read_facts";

-- The new rows: key normalised and joined to the graph, each property converted when its text has the type's form
CREATE OR REPLACE TABLE "pipes_properties_added_facts" AS
WITH src AS (
  SELECT row_key, key_value, raw_updated_at, unique_value,
    CAST(NULL AS TIMESTAMP) AS iterator_at,
    CAST(NULL AS DOUBLE) AS iterator_number,
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
  FROM "pipes_properties_incoming_facts"
), converted AS (
  SELECT src.*
    , (CASE WHEN (regexp_full_match(TRIM(raw_updated_at, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(raw_updated_at, ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(raw_updated_at, ' '), '[0-9]{11,13}')) THEN (CASE WHEN regexp_full_match(TRIM(raw_updated_at, ' '), '-?[0-9]{1,10}') THEN make_timestamp(CAST(TRIM(raw_updated_at, ' ') AS BIGINT) * 1000000) WHEN regexp_full_match(TRIM(raw_updated_at, ' '), '[0-9]{11,13}') THEN make_timestamp(CAST(TRIM(raw_updated_at, ' ') AS BIGINT) * 1000) ELSE (try_strptime(LEFT(TRIM(raw_updated_at, ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(raw_updated_at, ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(raw_updated_at, ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END) END) AS updated_at
    , (CASE WHEN regexp_full_match(TRIM(raw_4, ' '), '[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(REPLACE(TRIM(raw_4, ' '), ',', '') AS DOUBLE) END) AS x_4
    , (CASE WHEN (regexp_full_match(TRIM(raw_5, ' '), '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.]0*)?') AND (LENGTH(LTRIM(regexp_extract(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+', 0), '0')) < 19 OR (LENGTH(LTRIM(regexp_extract(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+', 0), '0')) = 19 AND LTRIM(regexp_extract(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+', 0), '0') <= (CASE WHEN LEFT(TRIM(raw_5, ' '), 1) = '-' THEN '9223372036854775808' ELSE '9223372036854775807' END)))) THEN TRY_CAST((CASE WHEN LEFT(TRIM(raw_5, ' '), 1) = '-' THEN '-' ELSE '' END || regexp_extract(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+', 0)) AS BIGINT) END) AS x_5
    , (CASE WHEN LOWER(TRIM(raw_6, ' ')) IN ('true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0') THEN LOWER(TRIM(raw_6, ' ')) IN ('true', 't', 'yes', 'y', '1') END) AS x_6
    , (CASE WHEN (regexp_full_match(TRIM(raw_7, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(raw_7, ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(raw_7, ' '), '[0-9]{11,13}')) THEN (CASE WHEN regexp_full_match(TRIM(raw_7, ' '), '-?[0-9]{1,10}') THEN make_timestamp(CAST(TRIM(raw_7, ' ') AS BIGINT) * 1000000) WHEN regexp_full_match(TRIM(raw_7, ' '), '[0-9]{11,13}') THEN make_timestamp(CAST(TRIM(raw_7, ' ') AS BIGINT) * 1000) ELSE (try_strptime(LEFT(TRIM(raw_7, ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(raw_7, ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR(TRIM(raw_7, ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR(TRIM(raw_7, ' '), 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR(TRIM(raw_7, ' '), 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(raw_7, ' '), 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(raw_7, ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END) END) AS x_7
    , (CASE WHEN json_type(TRY_CAST(CAST(TRIM(raw_8, ' ') AS VARCHAR) AS JSON)) = 'ARRAY' THEN TRY_CAST(CAST(TRIM(raw_8, ' ') AS VARCHAR) AS JSON) END) AS x_8
    , (CASE WHEN json_type(TRY_CAST(CAST(TRIM(raw_9, ' ') AS VARCHAR) AS JSON)) = 'OBJECT' THEN TRY_CAST(CAST(TRIM(raw_9, ' ') AS VARCHAR) AS JSON) END) AS x_9
  FROM src
), checked AS (
  SELECT converted.*
    , (CASE WHEN TRIM(raw_updated_at, ' ') IS NULL OR TRIM(raw_updated_at, ' ') = '' THEN NULL WHEN NOT (regexp_full_match(TRIM(raw_updated_at, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(raw_updated_at, ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(raw_updated_at, ' '), '[0-9]{11,13}')) THEN 'not a datetime' WHEN updated_at IS NULL THEN 'no such date or time' END) AS r_updated_at
    , (CASE WHEN TRIM(raw_4, ' ') IS NULL OR TRIM(raw_4, ' ') = '' THEN NULL WHEN NOT regexp_full_match(TRIM(raw_4, ' '), '[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN 'not a number' WHEN x_4 IS NULL OR NOT isfinite(x_4) THEN 'out of range' END) AS r_4
    , (CASE WHEN TRIM(raw_5, ' ') IS NULL OR TRIM(raw_5, ' ') = '' THEN NULL WHEN NOT regexp_full_match(TRIM(raw_5, ' '), '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.]0*)?') THEN 'not an integer' WHEN NOT (LENGTH(LTRIM(regexp_extract(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+', 0), '0')) < 19 OR (LENGTH(LTRIM(regexp_extract(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+', 0), '0')) = 19 AND LTRIM(regexp_extract(REPLACE(TRIM(raw_5, ' '), ',', ''), '[0-9]+', 0), '0') <= (CASE WHEN LEFT(TRIM(raw_5, ' '), 1) = '-' THEN '9223372036854775808' ELSE '9223372036854775807' END))) THEN 'out of range' END) AS r_5
    , (CASE WHEN TRIM(raw_6, ' ') IS NULL OR TRIM(raw_6, ' ') = '' THEN NULL WHEN NOT LOWER(TRIM(raw_6, ' ')) IN ('true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0') THEN 'not a boolean' END) AS r_6
    , (CASE WHEN TRIM(raw_7, ' ') IS NULL OR TRIM(raw_7, ' ') = '' THEN NULL WHEN NOT (regexp_full_match(TRIM(raw_7, ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(raw_7, ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(raw_7, ' '), '[0-9]{11,13}')) THEN 'not a datetime' WHEN x_7 IS NULL THEN 'no such date or time' END) AS r_7
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
LEFT JOIN "pipes_id_graph" AS g
  ON g.id_type = 'email' AND g.id_value = checked.key_normalized;

DROP TABLE "pipes_properties_incoming_facts";

DELETE FROM "pipes_property_rows_facts" WHERE row_key IN (SELECT row_key FROM "pipes_properties_removed_facts");

INSERT INTO "pipes_property_rows_facts" (row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, v_2_string, raw_3, v_3_string, raw_4, r_4, v_4_number, raw_5, r_5, v_5_integer, raw_6, r_6, v_6_boolean, raw_7, r_7, v_7_datetime, raw_8, r_8, v_8_array, raw_9, r_9, v_9_object, raw_10, v_10_string)
SELECT row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, v_2_string, raw_3, v_3_string, raw_4, r_4, v_4_number, raw_5, r_5, v_5_integer, raw_6, r_6, v_6_boolean, raw_7, r_7, v_7_datetime, raw_8, r_8, v_8_array, raw_9, r_9, v_9_object, raw_10, v_10_string FROM "pipes_properties_added_facts";

-- Membership: kept keys whose profile in the graph is no longer the one their rows hold (whatever identity runs
-- happened since this model's last run); both profiles change
CREATE OR REPLACE TABLE "pipes_properties_moved_facts" AS
SELECT k.key_normalized, k.profile_id AS old_profile, g.profile_id AS new_profile
FROM (SELECT DISTINCT key_normalized, profile_id FROM "pipes_property_rows_facts" WHERE key_normalized IS NOT NULL) AS k
LEFT JOIN "pipes_id_graph" AS g
  ON g.id_type = 'email' AND g.id_value = k.key_normalized
WHERE k.profile_id IS DISTINCT FROM g.profile_id;

-- (one row per key: its rows may hold more than one old profile, the new rows the current one)
UPDATE "pipes_property_rows_facts" AS k SET profile_id = m.new_profile
FROM (SELECT DISTINCT key_normalized, new_profile FROM "pipes_properties_moved_facts") AS m
WHERE m.key_normalized = k.key_normalized;

-- The profiles this run recomputes: those that lost a row, gained one, or whose keys moved (NULL stands for the
-- unmatched rows, for the audits)
CREATE OR REPLACE TABLE "pipes_properties_dirty_facts" AS
SELECT profile_id FROM "pipes_properties_removed_facts"
UNION
SELECT profile_id FROM "pipes_properties_added_facts"
UNION
SELECT old_profile FROM "pipes_properties_moved_facts"
UNION
SELECT new_profile FROM "pipes_properties_moved_facts";

DROP TABLE "pipes_properties_removed_facts";

DROP TABLE "pipes_properties_added_facts";

DROP TABLE "pipes_properties_moved_facts";

-- The changed profiles, recomputed into a scratch table; publishing writes only the rows that differ to "pipes_property_facts"
CREATE OR REPLACE TABLE "pipes_property_facts_next" AS
WITH scoped AS (
  SELECT * FROM "pipes_property_rows_facts" AS k WHERE k.profile_id IS NOT NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" AS d WHERE d.profile_id = k.profile_id)
), profiles AS (
  SELECT DISTINCT profile_id FROM scoped
)
, c1 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c2 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at ASC NULLS LAST, CAST(CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c3 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, value, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY seen DESC, CAST(value AS VARCHAR)) AS pick
    FROM (
      SELECT profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END AS value, COUNT(*) AS seen
      FROM scoped WHERE CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END IS NOT NULL
      GROUP BY profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END
    ) AS counted
  ) AS ranked WHERE pick = 1
)
, c4 AS (
  SELECT profile_id, CASE WHEN ABS(total) <= CAST('9.745314011399998e288' AS DOUBLE) THEN total * CAST('18446744073709551616' AS DOUBLE) END AS value
  FROM (SELECT profile_id, SUM(v_4_number * CAST('5.421010862427522e-20' AS DOUBLE)) AS total FROM scoped GROUP BY profile_id) AS summed
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
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(v_7_datetime AS VARCHAR)) AS pick
    FROM scoped WHERE v_7_datetime IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c8 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_8_array) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_8_array END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_8_array) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_8_array END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_8_array) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_8_array END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c9 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_9_object) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_9_object END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_9_object) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_9_object END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_9_object) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_9_object END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c10 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_10_string) > 1024 THEN NULL ELSE v_10_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "stage"
  , c2.value AS "first_stage"
  , c3.value AS "common_stage"
  , c4.value AS "ltv"
  , c5.value AS "seats"
  , c6.value AS "flag"
  , c7.value AS "renewal"
  , c8.value AS "tags"
  , c9.value AS "meta"
  , c10.value AS "contact"
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

-- "pipes_property_facts" as publishing creates it (created once, never replaced), so the unchanged profiles can be read from it
CREATE TABLE IF NOT EXISTS "pipes_property_facts" AS SELECT * FROM "pipes_property_facts_next" WHERE 1 = 0;

-- A published table that no longer holds the rows the last run published (rows deleted by hand, the table dropped)
-- is recomputed in full
INSERT INTO "pipes_properties_reset_facts" (reason)
SELECT 'published rows differ from the last run' FROM (SELECT COUNT(*) AS n FROM "pipes_property_facts") AS live
WHERE live.n <> (SELECT MAX(published_rows) FROM "pipes_properties_state" WHERE model = 'facts');

-- The other profiles: as published, or recomputed after a reset
INSERT INTO "pipes_property_facts_next" ("profile_id", "stage", "first_stage", "common_stage", "ltv", "seats", "flag", "renewal", "tags", "meta", "contact")
SELECT * FROM (
WITH scoped AS (
  SELECT * FROM "pipes_property_rows_facts" AS k WHERE k.profile_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" AS d WHERE d.profile_id = k.profile_id) AND EXISTS (SELECT 1 FROM "pipes_properties_reset_facts")
), profiles AS (
  SELECT DISTINCT profile_id FROM scoped
)
, c1 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c2 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at ASC NULLS LAST, CAST(CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c3 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, value, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY seen DESC, CAST(value AS VARCHAR)) AS pick
    FROM (
      SELECT profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END AS value, COUNT(*) AS seen
      FROM scoped WHERE CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END IS NOT NULL
      GROUP BY profile_id, CASE WHEN LENGTH(v_3_string) > 1024 THEN NULL ELSE v_3_string END
    ) AS counted
  ) AS ranked WHERE pick = 1
)
, c4 AS (
  SELECT profile_id, CASE WHEN ABS(total) <= CAST('9.745314011399998e288' AS DOUBLE) THEN total * CAST('18446744073709551616' AS DOUBLE) END AS value
  FROM (SELECT profile_id, SUM(v_4_number * CAST('5.421010862427522e-20' AS DOUBLE)) AS total FROM scoped GROUP BY profile_id) AS summed
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
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(v_7_datetime AS VARCHAR)) AS pick
    FROM scoped WHERE v_7_datetime IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c8 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_8_array) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_8_array END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_8_array) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_8_array END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_8_array) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_8_array END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c9 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_9_object) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_9_object END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, CAST(CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_9_object) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_9_object END AS VARCHAR)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_9_object) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) THEN NULL ELSE v_9_object END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c10 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_10_string) > 1024 THEN NULL ELSE v_10_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "stage"
  , c2.value AS "first_stage"
  , c3.value AS "common_stage"
  , c4.value AS "ltv"
  , c5.value AS "seats"
  , c6.value AS "flag"
  , c7.value AS "renewal"
  , c8.value AS "tags"
  , c9.value AS "meta"
  , c10.value AS "contact"
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
SELECT "profile_id", "stage", "first_stage", "common_stage", "ltv", "seats", "flag", "renewal", "tags", "meta", "contact" FROM "pipes_property_facts" AS l
WHERE NOT EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") AND NOT EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" AS d WHERE d.profile_id = l.profile_id);

-- Unmatched rows (no profile for their key), counted again from every kept row
DELETE FROM "pipes_property_unmatched" WHERE model = 'facts';

INSERT INTO "pipes_property_unmatched" (model, key_type, unmatched_rows, samples)
SELECT 'facts', 'email', COUNT(*),
  CAST(to_json(coalesce(list(key_value ORDER BY key_value) FILTER (WHERE sample_no <= 5), [])) AS VARCHAR)
FROM (
  SELECT key_value, ROW_NUMBER() OVER (ORDER BY key_value NULLS LAST) AS sample_no
  FROM "pipes_property_rows_facts" WHERE profile_id IS NULL
) AS unmatched
HAVING COUNT(*) > 0;

-- Rejects: those of the recomputed profiles (and of unmatched rows when those changed) are written again
DELETE FROM "pipes_property_rejects" WHERE model = 'facts' AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- updated_at (updated_at): values refused as datetime; those rows rank last in latest and earliest
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'updated_at', profile_id, key_value, raw_updated_at, 'datetime', r_updated_at
FROM "pipes_property_rows_facts"
WHERE r_updated_at IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- stage: values Amplitude would refuse
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'stage', profile_id, key_value, raw_1, 'string',
  'longer than 1024 characters'
FROM "pipes_property_rows_facts"
WHERE LENGTH(v_1_string) > 1024 AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- first_stage: values Amplitude would refuse
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'first_stage', profile_id, key_value, raw_2, 'string',
  'longer than 1024 characters'
FROM "pipes_property_rows_facts"
WHERE LENGTH(v_2_string) > 1024 AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- common_stage: values Amplitude would refuse
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'common_stage', profile_id, key_value, raw_3, 'string',
  'longer than 1024 characters'
FROM "pipes_property_rows_facts"
WHERE LENGTH(v_3_string) > 1024 AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- ltv: values refused as number, with the reason
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'ltv', profile_id, key_value, raw_4, 'number',
  r_4
FROM "pipes_property_rows_facts"
WHERE r_4 IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- ltv (sum): profiles whose total is out of range, left NULL; no single row holds the value, so key_value is
-- NULL and raw_value the exact total (NULL: DOUBLE cannot hold it)
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'ltv', profile_id, CAST(NULL AS VARCHAR),
  CAST(NULL AS VARCHAR), 'number', 'sum out of range'
FROM (
  SELECT profile_id, SUM(v_4_number * CAST('5.421010862427522e-20' AS DOUBLE)) AS total FROM "pipes_property_rows_facts"
  WHERE profile_id IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL))) GROUP BY profile_id
) AS summed
WHERE NOT (ABS(total) <= CAST('9.745314011399998e288' AS DOUBLE));

-- seats: values refused as integer, with the reason
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'seats', profile_id, key_value, raw_5, 'integer',
  r_5
FROM "pipes_property_rows_facts"
WHERE r_5 IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- flag: values refused as boolean, with the reason
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'flag', profile_id, key_value, raw_6, 'boolean',
  r_6
FROM "pipes_property_rows_facts"
WHERE r_6 IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- renewal: values refused as datetime, with the reason
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'renewal', profile_id, key_value, raw_7, 'datetime',
  r_7
FROM "pipes_property_rows_facts"
WHERE r_7 IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- tags: values refused as array, with the reason
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'tags', profile_id, key_value, raw_8, 'array',
  r_8
FROM "pipes_property_rows_facts"
WHERE r_8 IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'tags', profile_id, key_value, raw_8, 'array',
  'nested deeper than 40 levels'
FROM "pipes_property_rows_facts"
WHERE v_8_array IS NOT NULL AND (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_8_array) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- meta: values refused as object, with the reason
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'meta', profile_id, key_value, raw_9, 'object',
  r_9
FROM "pipes_property_rows_facts"
WHERE r_9 IS NOT NULL AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'meta', profile_id, key_value, raw_9, 'object',
  'nested deeper than 40 levels'
FROM "pipes_property_rows_facts"
WHERE v_9_object IS NOT NULL AND (LENGTH(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(CAST(to_json(v_9_object) AS VARCHAR), '\\.', '', 'g'), '"[^"]*"', '', 'g'), '[^][{}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g'), '[[][]]|[{][}]', '', 'g')) > 0) AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- contact: values Amplitude would refuse
INSERT INTO "pipes_property_rejects" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT 'facts', 'contact', profile_id, key_value, raw_10, 'string',
  'longer than 1024 characters'
FROM "pipes_property_rows_facts"
WHERE LENGTH(v_10_string) > 1024 AND (EXISTS (SELECT 1 FROM "pipes_properties_reset_facts") OR profile_id IN (SELECT profile_id FROM "pipes_properties_dirty_facts" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "pipes_properties_dirty_facts" WHERE profile_id IS NULL)));

-- pipes_property_facts: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "pipes_property_facts" AS SELECT * FROM "pipes_property_facts_next" WHERE 1 = 0;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TABLE "pipes_property_facts_changes" AS
SELECT s."profile_id", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM "pipes_property_facts_next" AS s
LEFT JOIN (SELECT "profile_id", "stage", "first_stage", "common_stage", "ltv", "seats", "flag", "renewal", "tags", "meta", "contact", 1 AS pipes_present FROM "pipes_property_facts") AS l
  ON s."profile_id" IS NOT DISTINCT FROM l."profile_id"
WHERE l.pipes_present IS NULL
  OR s."stage" IS DISTINCT FROM l."stage"
  OR s."first_stage" IS DISTINCT FROM l."first_stage"
  OR s."common_stage" IS DISTINCT FROM l."common_stage"
  OR s."ltv" IS DISTINCT FROM l."ltv"
  OR s."seats" IS DISTINCT FROM l."seats"
  OR s."flag" IS DISTINCT FROM l."flag"
  OR s."renewal" IS DISTINCT FROM l."renewal"
  OR s."tags" IS DISTINCT FROM l."tags"
  OR s."meta" IS DISTINCT FROM l."meta"
  OR s."contact" IS DISTINCT FROM l."contact"
UNION ALL
SELECT l."profile_id", 'delete'
FROM "pipes_property_facts" AS l
LEFT JOIN (SELECT "profile_id", 1 AS pipes_present FROM "pipes_property_facts_next") AS s
  ON l."profile_id" IS NOT DISTINCT FROM s."profile_id"
WHERE s.pipes_present IS NULL;

DELETE FROM "pipes_property_facts" l USING "pipes_property_facts_changes" c
WHERE c.pipes_action = 'delete' AND l."profile_id" IS NOT DISTINCT FROM c."profile_id";

MERGE INTO "pipes_property_facts" AS l
USING (
  SELECT s.* FROM "pipes_property_facts_next" AS s
  JOIN "pipes_property_facts_changes" AS c ON c.pipes_action <> 'delete' AND s."profile_id" IS NOT DISTINCT FROM c."profile_id"
) AS s
ON l."profile_id" IS NOT DISTINCT FROM s."profile_id"
WHEN MATCHED THEN UPDATE SET "stage" = s."stage", "first_stage" = s."first_stage", "common_stage" = s."common_stage", "ltv" = s."ltv", "seats" = s."seats", "flag" = s."flag", "renewal" = s."renewal", "tags" = s."tags", "meta" = s."meta", "contact" = s."contact"
WHEN NOT MATCHED THEN INSERT ("profile_id", "stage", "first_stage", "common_stage", "ltv", "seats", "flag", "renewal", "tags", "meta", "contact") VALUES (s."profile_id", s."stage", s."first_stage", s."common_stage", s."ltv", s."seats", s."flag", s."renewal", s."tags", s."meta", s."contact");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "pipes_output_changes" WHERE output_name = 'pipes_property_facts';

INSERT INTO "pipes_output_changes" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_property_facts', 'property.props.facts',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "pipes_property_facts_changes";

-- pipes_property_facts was published with these column types
CREATE TABLE IF NOT EXISTS "pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "pipes_output_columns" WHERE output_name = 'pipes_property_facts';

INSERT INTO "pipes_output_columns" (output_name, column_name, column_type) VALUES
  ('pipes_property_facts', 'profile_id', 'key'),
  ('pipes_property_facts', 'stage', 'string'),
  ('pipes_property_facts', 'first_stage', 'string'),
  ('pipes_property_facts', 'common_stage', 'string'),
  ('pipes_property_facts', 'ltv', 'number'),
  ('pipes_property_facts', 'seats', 'integer'),
  ('pipes_property_facts', 'flag', 'boolean'),
  ('pipes_property_facts', 'renewal', 'datetime'),
  ('pipes_property_facts', 'tags', 'array'),
  ('pipes_property_facts', 'meta', 'object'),
  ('pipes_property_facts', 'contact', 'integer');

-- facts: the state of this run, recorded only now that its outputs are published, so a run that fails
-- before this point leaves 'pending' and the next one recomputes every profile (reading every row again)
DELETE FROM "pipes_properties_state" WHERE model = 'facts';

INSERT INTO "pipes_properties_state" (model, rules_hash, iterator, watermark_at, watermark_number, kept_rows, published_rows)
SELECT 'facts', '6c6aa5081634573bbb36b3cc59accfe6', NULL,
  MAX(iterator_at), MAX(iterator_number), COUNT(*), (SELECT COUNT(*) FROM "pipes_property_facts")
FROM "pipes_property_rows_facts";

-- 010_push.props.amp.sql
-- One row per (profile, Amplitude identity) for destination amp: the mapped properties as one JSON
-- object (keys in byte order, NULLs left out so the pusher can $unset them) and a hash of that object's text.
-- Computed into a scratch table; publishing writes only the rows that changed to "pipes_push_amp".
CREATE OR REPLACE TABLE "pipes_push_amp_next" AS
WITH props AS (
  SELECT profile_id, 'stage' AS name, to_json("stage") AS value
  FROM "pipes_property_facts" WHERE "stage" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'first_stage' AS name, to_json("first_stage") AS value
  FROM "pipes_property_facts" WHERE "first_stage" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'common_stage' AS name, to_json("common_stage") AS value
  FROM "pipes_property_facts" WHERE "common_stage" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'ltv' AS name, to_json("ltv") AS value
  FROM "pipes_property_facts" WHERE "ltv" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'seats' AS name, to_json("seats") AS value
  FROM "pipes_property_facts" WHERE "seats" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'flag' AS name, to_json("flag") AS value
  FROM "pipes_property_facts" WHERE "flag" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'renewal' AS name, to_json(strftime("renewal", '%Y-%m-%dT%H:%M:%SZ')) AS value
  FROM "pipes_property_facts" WHERE "renewal" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'tags' AS name, CAST("tags" AS JSON) AS value
  FROM "pipes_property_facts" WHERE "tags" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'Meta Data' AS name, CAST("meta" AS JSON) AS value
  FROM "pipes_property_facts" WHERE "meta" IS NOT NULL
  UNION ALL
    SELECT profile_id, 'Contacts' AS name, to_json("contact") AS value
  FROM "pipes_property_facts" WHERE "contact" IS NOT NULL
), objects AS (
  SELECT profile_id, to_json(map_from_entries(list(struct_pack(k := name, v := value) ORDER BY name))) AS properties
  FROM props GROUP BY profile_id
), ids AS (
  SELECT pr.profile_id, (CASE WHEN json_type(u.value) = 'VARCHAR' THEN json_extract_string(u.value, '$') WHEN json_type(u.value) = 'NULL' THEN NULL ELSE CAST(u.value AS VARCHAR) END) AS user_id, CAST(NULL AS VARCHAR) AS device_id
  FROM "pipes_profiles" AS pr, json_each(CAST(pr.amplitude_user_ids AS JSON)) AS u
  UNION ALL
  SELECT pr.profile_id, CAST(NULL AS VARCHAR), (CASE WHEN json_type(d.value) = 'VARCHAR' THEN json_extract_string(d.value, '$') WHEN json_type(d.value) = 'NULL' THEN NULL ELSE CAST(d.value AS VARCHAR) END)
  FROM "pipes_profiles" AS pr, json_each(CAST(pr.amplitude_device_ids AS JSON)) AS d
)
SELECT ids.profile_id, ids.user_id, ids.device_id, o.properties,
  sha256(CAST(to_json(o.properties) AS VARCHAR)) AS content_hash
FROM ids
JOIN objects AS o ON o.profile_id = ids.profile_id
ORDER BY ids.profile_id, ids.user_id, ids.device_id;

-- Nothing silent: a profile with a property value and no row above (no Amplitude user_id or device_id at all, or,
-- update_only, none Amplitude has seen yet) is never pushed; it is kept here with the reason, and the push counts it.
-- (the profiles with a value are read without building their JSON again)
CREATE OR REPLACE TABLE "pipes_push_amp_left_out" AS
WITH valued AS (
  SELECT profile_id FROM "pipes_property_facts" WHERE "stage" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "first_stage" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "common_stage" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "ltv" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "seats" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "flag" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "renewal" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "tags" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "meta" IS NOT NULL
  UNION
    SELECT profile_id FROM "pipes_property_facts" WHERE "contact" IS NOT NULL
), ids AS (
  SELECT pr.profile_id, (CASE WHEN json_type(u.value) = 'VARCHAR' THEN json_extract_string(u.value, '$') WHEN json_type(u.value) = 'NULL' THEN NULL ELSE CAST(u.value AS VARCHAR) END) AS user_id, CAST(NULL AS VARCHAR) AS device_id
  FROM "pipes_profiles" AS pr, json_each(CAST(pr.amplitude_user_ids AS JSON)) AS u
  UNION ALL
  SELECT pr.profile_id, CAST(NULL AS VARCHAR), (CASE WHEN json_type(d.value) = 'VARCHAR' THEN json_extract_string(d.value, '$') WHEN json_type(d.value) = 'NULL' THEN NULL ELSE CAST(d.value AS VARCHAR) END)
  FROM "pipes_profiles" AS pr, json_each(CAST(pr.amplitude_device_ids AS JSON)) AS d
)
SELECT v.profile_id,
  CASE WHEN EXISTS (SELECT 1 FROM ids WHERE ids.profile_id = v.profile_id) THEN 'not yet in amplitude' ELSE 'no amplitude id' END AS reason
FROM valued AS v
WHERE NOT EXISTS (SELECT 1 FROM "pipes_push_amp_next" AS s WHERE s.profile_id = v.profile_id)
ORDER BY v.profile_id;

-- pipes_push_amp: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "pipes_push_amp" AS SELECT * FROM "pipes_push_amp_next" WHERE 1 = 0;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TABLE "pipes_push_amp_changes" AS
SELECT s."profile_id", s."user_id", s."device_id", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM "pipes_push_amp_next" AS s
LEFT JOIN (SELECT "profile_id", "user_id", "device_id", "properties", "content_hash", 1 AS pipes_present FROM "pipes_push_amp") AS l
  ON s."profile_id" IS NOT DISTINCT FROM l."profile_id" AND s."user_id" IS NOT DISTINCT FROM l."user_id" AND s."device_id" IS NOT DISTINCT FROM l."device_id"
WHERE l.pipes_present IS NULL
  OR s."properties" IS DISTINCT FROM l."properties"
  OR s."content_hash" IS DISTINCT FROM l."content_hash"
UNION ALL
SELECT l."profile_id", l."user_id", l."device_id", 'delete'
FROM "pipes_push_amp" AS l
LEFT JOIN (SELECT "profile_id", "user_id", "device_id", 1 AS pipes_present FROM "pipes_push_amp_next") AS s
  ON l."profile_id" IS NOT DISTINCT FROM s."profile_id" AND l."user_id" IS NOT DISTINCT FROM s."user_id" AND l."device_id" IS NOT DISTINCT FROM s."device_id"
WHERE s.pipes_present IS NULL;

DELETE FROM "pipes_push_amp" l USING "pipes_push_amp_changes" c
WHERE c.pipes_action = 'delete' AND l."profile_id" IS NOT DISTINCT FROM c."profile_id" AND l."user_id" IS NOT DISTINCT FROM c."user_id" AND l."device_id" IS NOT DISTINCT FROM c."device_id";

MERGE INTO "pipes_push_amp" AS l
USING (
  SELECT s.* FROM "pipes_push_amp_next" AS s
  JOIN "pipes_push_amp_changes" AS c ON c.pipes_action <> 'delete' AND s."profile_id" IS NOT DISTINCT FROM c."profile_id" AND s."user_id" IS NOT DISTINCT FROM c."user_id" AND s."device_id" IS NOT DISTINCT FROM c."device_id"
) AS s
ON l."profile_id" IS NOT DISTINCT FROM s."profile_id" AND l."user_id" IS NOT DISTINCT FROM s."user_id" AND l."device_id" IS NOT DISTINCT FROM s."device_id"
WHEN MATCHED THEN UPDATE SET "properties" = s."properties", "content_hash" = s."content_hash"
WHEN NOT MATCHED THEN INSERT ("profile_id", "user_id", "device_id", "properties", "content_hash") VALUES (s."profile_id", s."user_id", s."device_id", s."properties", s."content_hash");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "pipes_output_changes" WHERE output_name = 'pipes_push_amp';

INSERT INTO "pipes_output_changes" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_push_amp', 'push.props.amp',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "pipes_push_amp_changes";

-- pipes_push_amp was published with these column types
CREATE TABLE IF NOT EXISTS "pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "pipes_output_columns" WHERE output_name = 'pipes_push_amp';

INSERT INTO "pipes_output_columns" (output_name, column_name, column_type) VALUES
  ('pipes_push_amp', 'profile_id', 'key'),
  ('pipes_push_amp', 'user_id', 'key'),
  ('pipes_push_amp', 'device_id', 'key'),
  ('pipes_push_amp', 'properties', 'object'),
  ('pipes_push_amp', 'content_hash', 'string');

