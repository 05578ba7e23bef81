-- 016_identity.acme_growth.profiles.sql
CREATE TABLE IF NOT EXISTS "main"."pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

-- Finds "main"."pipes_profiles" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run's (its record in "main"."pipes_output_columns"); then the runner
-- runs: DROP TABLE "main"."pipes_profiles", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM information_schema.columns
  WHERE table_catalog = CURRENT_DATABASE() AND table_schema = 'main' AND table_name = 'pipes_profiles'
), expected AS (
  SELECT column_name, column_type FROM (VALUES ('profile_id', 'key'), ('canonical_key', 'integer'), ('canonical_type', 'string'), ('canonical_value', 'string'), ('identifiers', 'integer'), ('n_user_id', 'integer'), ('n_email', 'integer'), ('n_account_id', 'integer'), ('n_customer_id', 'integer'), ('n_device_id', 'integer'), ('n_amplitude_id', 'integer'), ('first_seen', 'datetime'), ('last_seen', 'datetime'), ('amplitude_user_ids', 'array'), ('amplitude_device_ids', 'array'), ('addressable', 'boolean')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT 'table with other columns' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT 'table with other column types', 2 FROM "main"."pipes_output_columns" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = 'pipes_profiles' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1;

-- Section 7: the checksum of the identity rules and declarations the last successful run used; a different one
-- means the rules changed, so this run is a full rebuild and says so (docs/identity.md, History)
CREATE TABLE IF NOT EXISTS "main"."pipes_id_state" (rules_checksum VARCHAR, previous_checksum VARCHAR, rules_changed BOOLEAN, run_id VARCHAR, run_at TIMESTAMP);

CREATE OR REPLACE TABLE "main"."pipes_id_rules_check" AS
SELECT
  CAST('9a2a65b4491749cd332374cc2f9a4181' AS VARCHAR) AS rules_checksum,
  MAX(s.rules_checksum) AS previous_checksum,
  COALESCE(MAX(s.rules_checksum) <> '9a2a65b4491749cd332374cc2f9a4181', FALSE) AS rules_changed
FROM "main"."pipes_id_state" AS s;

-- Exact exclusions as written (id_type NULL: global); prepare maps them into "main"."pipes_id_exclusions" and drops this table
CREATE OR REPLACE TEMP TABLE temp."pipes_id_exclusion_values" (id_type VARCHAR, value VARCHAR);

INSERT INTO temp."pipes_id_exclusion_values" (id_type, value) VALUES
  (NULL, 'test@example.com');

-- Exact exclusions as a relation, joined once: every type's own values plus the global ones, mapped by the same
-- lowercase function as the values they are compared with (docs/identity.md section 2).
CREATE OR REPLACE TABLE "main"."pipes_id_exclusions" AS
SELECT DISTINCT k.id_type, LOWER(TRANSLATE(x.value, 'İΣ', 'iσ')) AS value
FROM temp."pipes_id_exclusion_values" AS x
JOIN (VALUES ('user_id'), ('email'), ('account_id'), ('customer_id'), ('device_id'), ('amplitude_id')) AS k(id_type) ON x.id_type = k.id_type OR x.id_type IS NULL;

DROP TABLE temp."pipes_id_exclusion_values";

-- Per input, the iterator's watermark as of the last run whose outputs were all written
CREATE TABLE IF NOT EXISTS "main"."pipes_id_watermarks" (input_name VARCHAR, iterator VARCHAR, watermark_at TIMESTAMP, watermark_number DOUBLE, kept_rows BIGINT, rows_digest VARCHAR, rules_hash VARCHAR);

-- Every source row read so far, by fingerprint (row_key): a row read again (lookback, re-delivery) adds nothing
CREATE TABLE IF NOT EXISTS "main"."pipes_id_source_rows" (input_no INTEGER, row_key VARCHAR, row_no BIGINT, observed_at TIMESTAMP, at_issue VARCHAR, at_text VARCHAR, iterator_at TIMESTAMP, iterator_number DOUBLE);

CREATE TABLE IF NOT EXISTS "main"."pipes_id_observations" (input_no INTEGER, row_no BIGINT, observed_at TIMESTAMP, id_type VARCHAR, priority INTEGER, raw_value VARCHAR, id_value VARCHAR, reason VARCHAR);

-- row_no: the largest row number among the rows counted, so counts of a run that did not complete can be forgotten
CREATE TABLE IF NOT EXISTS "main"."pipes_id_missing" (input_no INTEGER, id_type VARCHAR, missing BIGINT, row_no BIGINT);

-- Tables created before the column held counts of completed runs only (NULL: never forgotten)
ALTER TABLE "main"."pipes_id_missing" ADD COLUMN IF NOT EXISTS row_no BIGINT;

-- Per input without iterator, its row count and digest (below) as of the last run whose outputs were all written
CREATE TABLE IF NOT EXISTS "main"."pipes_id_input_digests" (input_name VARCHAR, input_rows BIGINT, input_digest VARCHAR, read_skipped BOOLEAN, rules_hash VARCHAR);

-- Per input, the last row number the graph (nodes, edges, components, outputs) has integrated, as of the last run
-- whose outputs were all written; marked pending below until this run's are, so a run that fails halfway leaves a
-- state the next run does not trust
CREATE TABLE IF NOT EXISTS "main"."pipes_id_graph_state" (input_no INTEGER, row_no BIGINT, rules_hash VARCHAR);

-- Why this run rebuilds the graph from every kept observation instead of only the components its new rows touch
-- (none: incremental); an input without iterator whose kept rows vanished at the source adds a reason below
CREATE OR REPLACE TABLE "main"."pipes_id_graph_reset" AS
SELECT CAST('rules changed' AS VARCHAR) AS reason FROM "main"."pipes_id_rules_check" WHERE rules_changed
UNION ALL
SELECT 'no graph state' FROM "main"."pipes_id_rules_check" WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_graph_state" WHERE rules_hash = '86387dae3bb328a5a3f98c33bf471ad5');

-- Outputs are published by key scope (the keys of the components a run touches): an output with no counts row has
-- not been published by this Pipes (a table an older one replaced, or one whose counts were lost), so when nothing
-- else resets the graph, it is rebuilt once and every output published in full, which corrects such a table row by row
CREATE TABLE IF NOT EXISTS "main"."pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

INSERT INTO "main"."pipes_id_graph_reset" (reason)
SELECT 'outputs not yet published' FROM "main"."pipes_id_rules_check"
WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset")
  AND (SELECT COUNT(DISTINCT output_name) FROM "main"."pipes_output_changes" WHERE output_name IN ('pipes_id_graph', 'pipes_id_refused_edges', 'pipes_profiles')) < 3;

UPDATE "main"."pipes_id_graph_state" SET rules_hash = 'pending';

-- A change of the identity rules (pipes_id_rules_check) or of any statement of this node is a full rebuild: the rows
-- kept so far were read and normalised under the old ones, so they are read again (the graph state goes with them,
-- before the watermarks this condition reads, so should this run not complete, the next one forgets what it kept)
DELETE FROM "main"."pipes_id_source_rows"
WHERE (SELECT rules_changed FROM "main"."pipes_id_rules_check") OR EXISTS (SELECT 1 FROM "main"."pipes_id_watermarks" WHERE rules_hash <> '86387dae3bb328a5a3f98c33bf471ad5');

DELETE FROM "main"."pipes_id_observations"
WHERE (SELECT rules_changed FROM "main"."pipes_id_rules_check") OR EXISTS (SELECT 1 FROM "main"."pipes_id_watermarks" WHERE rules_hash <> '86387dae3bb328a5a3f98c33bf471ad5');

DELETE FROM "main"."pipes_id_missing"
WHERE (SELECT rules_changed FROM "main"."pipes_id_rules_check") OR EXISTS (SELECT 1 FROM "main"."pipes_id_watermarks" WHERE rules_hash <> '86387dae3bb328a5a3f98c33bf471ad5');

DELETE FROM "main"."pipes_id_graph_state"
WHERE (SELECT rules_changed FROM "main"."pipes_id_rules_check") OR EXISTS (SELECT 1 FROM "main"."pipes_id_watermarks" WHERE rules_hash <> '86387dae3bb328a5a3f98c33bf471ad5');

DELETE FROM "main"."pipes_id_watermarks"
WHERE (SELECT rules_changed FROM "main"."pipes_id_rules_check") OR EXISTS (SELECT 1 FROM "main"."pipes_id_watermarks" WHERE rules_hash <> '86387dae3bb328a5a3f98c33bf471ad5');

DELETE FROM "main"."pipes_id_input_digests"
WHERE (SELECT rules_changed FROM "main"."pipes_id_rules_check") OR EXISTS (SELECT 1 FROM "main"."pipes_id_watermarks" WHERE rules_hash <> '86387dae3bb328a5a3f98c33bf471ad5');

-- A run that did not complete (failed or interrupted) may have kept rows without their observations or missing counts,
-- or those without the graph built on them. Everything numbered past the graph state of the last completed run (every
-- row of an input it has no row for) is forgotten, and read again below: the input's watermark and digest are still
-- that run's or older, as the closing statements write them after the graph state
DELETE FROM "main"."pipes_id_source_rows"
WHERE (input_no = 1 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 1), 0))
   OR (input_no = 2 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 2), 0))
   OR (input_no = 3 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 3), 0))
   OR (input_no = 4 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 4), 0))
   OR (input_no = 5 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 5), 0));

DELETE FROM "main"."pipes_id_observations"
WHERE (input_no = 1 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 1), 0))
   OR (input_no = 2 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 2), 0))
   OR (input_no = 3 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 3), 0))
   OR (input_no = 4 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 4), 0))
   OR (input_no = 5 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 5), 0));

DELETE FROM "main"."pipes_id_missing"
WHERE (input_no = 1 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 1), 0))
   OR (input_no = 2 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 2), 0))
   OR (input_no = 3 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 3), 0))
   OR (input_no = 4 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 4), 0))
   OR (input_no = 5 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "main"."pipes_id_graph_state" AS g WHERE g.input_no = 5), 0));

CREATE OR REPLACE TABLE "main"."pipes_id_input_digests_next" (input_name VARCHAR, input_rows BIGINT, input_digest VARCHAR, read_skipped BOOLEAN, rules_hash VARCHAR);

-- seed.amplitude_events has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "main"."pipes_id_input_digests_next" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.amplitude_events', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests" AS p WHERE p.input_name = 'seed.amplitude_events' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '86387dae3bb328a5a3f98c33bf471ad5'),
  '86387dae3bb328a5a3f98c33bf471ad5'
FROM (
  SELECT COUNT(*) AS input_rows, CAST(COALESCE(SUM(hash(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-') || '|' || COALESCE(CAST(LENGTH(s.f3) AS VARCHAR) || ':' || s.f3, '-') || '|' || COALESCE(CAST(LENGTH(s.f4) AS VARCHAR) || ':' || s.f4, '-'))), 0) AS VARCHAR) AS input_digest
  FROM (SELECT CAST("event_time" AS VARCHAR) AS f0, CAST("user_id" AS VARCHAR) AS f1, CAST("device_id" AS VARCHAR) AS f2, CAST("user_properties" AS VARCHAR) AS f3, CAST("amplitude_id" AS VARCHAR) AS f4 FROM "main"."amplitude_events") AS s
) AS d;

CREATE OR REPLACE TEMP TABLE temp."pipes_id_read_1" AS
WITH numbered AS MATERIALIZED (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT row_number() OVER () AS source_row, "event_time", "user_id", "device_id", "user_properties", "amplitude_id"
  FROM "main"."amplitude_events"
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.amplitude_events' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2, ANY_VALUE(r3) AS r3
  FROM (
    SELECT
      SUBSTR(sha256(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-') || '|' || COALESCE(CAST(LENGTH(s.f3) AS VARCHAR) || ':' || s.f3, '-') || '|' || COALESCE(CAST(LENGTH(s.f4) AS VARCHAR) || ':' || s.f4, '-')), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
      , s.r2
      , s.r3
    FROM (
      SELECT
        source_row,
        CAST("event_time" AS VARCHAR) AS f0,
        CAST("user_id" AS VARCHAR) AS f1,
        CAST("device_id" AS VARCHAR) AS f2,
        CAST("user_properties" AS VARCHAR) AS f3,
        CAST("amplitude_id" AS VARCHAR) AS f4,
        (CASE WHEN typeof("event_time") = 'TIMESTAMP' AND TRY_CAST("event_time" AS TIMESTAMP) BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999' THEN TRY_CAST("event_time" AS TIMESTAMP) ELSE (CASE WHEN (regexp_full_match(TRIM(CAST("event_time" AS VARCHAR), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(CAST("event_time" AS VARCHAR), ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(CAST("event_time" AS VARCHAR), ' '), '[0-9]{11,13}')) THEN (CASE WHEN regexp_full_match(TRIM(CAST("event_time" AS VARCHAR), ' '), '-?[0-9]{1,10}') THEN make_timestamp(CAST(TRIM(CAST("event_time" AS VARCHAR), ' ') AS BIGINT) * 1000000) WHEN regexp_full_match(TRIM(CAST("event_time" AS VARCHAR), ' '), '[0-9]{11,13}') THEN make_timestamp(CAST(TRIM(CAST("event_time" AS VARCHAR), ' ') AS BIGINT) * 1000) ELSE (try_strptime(LEFT(TRIM(CAST("event_time" AS VARCHAR), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(CAST("event_time" AS VARCHAR), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("event_time" AS VARCHAR), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR(TRIM(CAST("event_time" AS VARCHAR), ' '), 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR(TRIM(CAST("event_time" AS VARCHAR), ' '), 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("event_time" AS VARCHAR), ' '), 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("event_time" AS VARCHAR), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END) END) END) AS at_value,
        CAST("event_time" AS VARCHAR) AS at_text,
        CAST("user_id" AS VARCHAR) AS r0, CAST("device_id" AS VARCHAR) AS r1, json_extract_string("user_properties", '$.email') AS r2, CAST("amplitude_id" AS VARCHAR) AS r3
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;

-- seed.amplitude_events has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "main"."pipes_id_graph_reset" (reason) SELECT 'rows removed from seed.amplitude_events' FROM "main"."pipes_id_rules_check" WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.amplitude_events' AND read_skipped) AND EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 1 AND NOT EXISTS (SELECT 1 FROM temp."pipes_id_read_1" AS r WHERE r.row_key = p.row_key));

-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "main"."pipes_id_input_digests" WHERE input_name = 'seed.amplitude_events' AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_events');

DELETE FROM "main"."pipes_id_graph_state" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_events');

DELETE FROM "main"."pipes_id_observations" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_events');

DELETE FROM "main"."pipes_id_missing" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_events');

DELETE FROM "main"."pipes_id_source_rows" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_events');

CREATE OR REPLACE TEMP TABLE temp."pipes_id_rows_1" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "main"."pipes_id_source_rows" WHERE input_no = 1) + r.new_no AS row_no
FROM temp."pipes_id_read_1" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM temp."pipes_id_read_1" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 1 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;

DROP TABLE temp."pipes_id_read_1";

INSERT INTO "main"."pipes_id_source_rows" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 1, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM temp."pipes_id_rows_1";

-- seed.amplitude_merged_ids has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "main"."pipes_id_input_digests_next" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.amplitude_merged_ids', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests" AS p WHERE p.input_name = 'seed.amplitude_merged_ids' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '86387dae3bb328a5a3f98c33bf471ad5'),
  '86387dae3bb328a5a3f98c33bf471ad5'
FROM (
  SELECT COUNT(*) AS input_rows, CAST(COALESCE(SUM(hash(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-'))), 0) AS VARCHAR) AS input_digest
  FROM (SELECT CAST("merge_event_time" AS VARCHAR) AS f0, CAST("amplitude_id" AS VARCHAR) AS f1, CAST("merged_amplitude_id" AS VARCHAR) AS f2 FROM "main"."amplitude_merged_ids") AS s
) AS d;

CREATE OR REPLACE TEMP TABLE temp."pipes_id_read_2" AS
WITH numbered AS MATERIALIZED (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT row_number() OVER () AS source_row, "merge_event_time", "amplitude_id", "merged_amplitude_id"
  FROM "main"."amplitude_merged_ids"
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.amplitude_merged_ids' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1
  FROM (
    SELECT
      SUBSTR(sha256(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-')), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
    FROM (
      SELECT
        source_row,
        CAST("merge_event_time" AS VARCHAR) AS f0,
        CAST("amplitude_id" AS VARCHAR) AS f1,
        CAST("merged_amplitude_id" AS VARCHAR) AS f2,
        (CASE WHEN typeof("merge_event_time") = 'TIMESTAMP' AND TRY_CAST("merge_event_time" AS TIMESTAMP) BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999' THEN TRY_CAST("merge_event_time" AS TIMESTAMP) ELSE (CASE WHEN (regexp_full_match(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), '[0-9]{11,13}')) THEN (CASE WHEN regexp_full_match(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), '-?[0-9]{1,10}') THEN make_timestamp(CAST(TRIM(CAST("merge_event_time" AS VARCHAR), ' ') AS BIGINT) * 1000000) WHEN regexp_full_match(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), '[0-9]{11,13}') THEN make_timestamp(CAST(TRIM(CAST("merge_event_time" AS VARCHAR), ' ') AS BIGINT) * 1000) ELSE (try_strptime(LEFT(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("merge_event_time" AS VARCHAR), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END) END) END) AS at_value,
        CAST("merge_event_time" AS VARCHAR) AS at_text,
        CAST("amplitude_id" AS VARCHAR) AS r0, CAST("merged_amplitude_id" AS VARCHAR) AS r1
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;

-- seed.amplitude_merged_ids has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "main"."pipes_id_graph_reset" (reason) SELECT 'rows removed from seed.amplitude_merged_ids' FROM "main"."pipes_id_rules_check" WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.amplitude_merged_ids' AND read_skipped) AND EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 2 AND NOT EXISTS (SELECT 1 FROM temp."pipes_id_read_2" AS r WHERE r.row_key = p.row_key));

-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "main"."pipes_id_input_digests" WHERE input_name = 'seed.amplitude_merged_ids' AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_merged_ids');

DELETE FROM "main"."pipes_id_graph_state" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_merged_ids');

DELETE FROM "main"."pipes_id_observations" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_merged_ids');

DELETE FROM "main"."pipes_id_missing" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_merged_ids');

DELETE FROM "main"."pipes_id_source_rows" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.amplitude_merged_ids');

CREATE OR REPLACE TEMP TABLE temp."pipes_id_rows_2" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "main"."pipes_id_source_rows" WHERE input_no = 2) + r.new_no AS row_no
FROM temp."pipes_id_read_2" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM temp."pipes_id_read_2" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 2 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;

DROP TABLE temp."pipes_id_read_2";

INSERT INTO "main"."pipes_id_source_rows" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 2, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM temp."pipes_id_rows_2";

-- seed.billing_customers has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "main"."pipes_id_input_digests_next" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.billing_customers', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests" AS p WHERE p.input_name = 'seed.billing_customers' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '86387dae3bb328a5a3f98c33bf471ad5'),
  '86387dae3bb328a5a3f98c33bf471ad5'
FROM (
  SELECT COUNT(*) AS input_rows, CAST(COALESCE(SUM(hash(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-'))), 0) AS VARCHAR) AS input_digest
  FROM (SELECT CAST("updated_at" AS VARCHAR) AS f0, CAST("customer_id" AS VARCHAR) AS f1, CAST("email" AS VARCHAR) AS f2 FROM "main"."billing_customers") AS s
) AS d;

CREATE OR REPLACE TEMP TABLE temp."pipes_id_read_3" AS
WITH numbered AS MATERIALIZED (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT row_number() OVER () AS source_row, "updated_at", "customer_id", "email"
  FROM "main"."billing_customers"
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.billing_customers' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1
  FROM (
    SELECT
      SUBSTR(sha256(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-')), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
    FROM (
      SELECT
        source_row,
        CAST("updated_at" AS VARCHAR) AS f0,
        CAST("customer_id" AS VARCHAR) AS f1,
        CAST("email" AS VARCHAR) AS f2,
        (CASE WHEN typeof("updated_at") = 'TIMESTAMP' AND TRY_CAST("updated_at" AS TIMESTAMP) BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999' THEN TRY_CAST("updated_at" AS TIMESTAMP) ELSE (CASE WHEN (regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '[0-9]{11,13}')) THEN (CASE WHEN regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '-?[0-9]{1,10}') THEN make_timestamp(CAST(TRIM(CAST("updated_at" AS VARCHAR), ' ') AS BIGINT) * 1000000) WHEN regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '[0-9]{11,13}') THEN make_timestamp(CAST(TRIM(CAST("updated_at" AS VARCHAR), ' ') AS BIGINT) * 1000) ELSE (try_strptime(LEFT(TRIM(CAST("updated_at" AS VARCHAR), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END) END) END) AS at_value,
        CAST("updated_at" AS VARCHAR) AS at_text,
        CAST("customer_id" AS VARCHAR) AS r0, CAST("email" AS VARCHAR) AS r1
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;

-- seed.billing_customers has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "main"."pipes_id_graph_reset" (reason) SELECT 'rows removed from seed.billing_customers' FROM "main"."pipes_id_rules_check" WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.billing_customers' AND read_skipped) AND EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 3 AND NOT EXISTS (SELECT 1 FROM temp."pipes_id_read_3" AS r WHERE r.row_key = p.row_key));

-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "main"."pipes_id_input_digests" WHERE input_name = 'seed.billing_customers' AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.billing_customers');

DELETE FROM "main"."pipes_id_graph_state" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.billing_customers');

DELETE FROM "main"."pipes_id_observations" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.billing_customers');

DELETE FROM "main"."pipes_id_missing" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.billing_customers');

DELETE FROM "main"."pipes_id_source_rows" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.billing_customers');

CREATE OR REPLACE TEMP TABLE temp."pipes_id_rows_3" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "main"."pipes_id_source_rows" WHERE input_no = 3) + r.new_no AS row_no
FROM temp."pipes_id_read_3" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM temp."pipes_id_read_3" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 3 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;

DROP TABLE temp."pipes_id_read_3";

INSERT INTO "main"."pipes_id_source_rows" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 3, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM temp."pipes_id_rows_3";

-- seed.crm_contacts has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "main"."pipes_id_input_digests_next" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.crm_contacts', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests" AS p WHERE p.input_name = 'seed.crm_contacts' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '86387dae3bb328a5a3f98c33bf471ad5'),
  '86387dae3bb328a5a3f98c33bf471ad5'
FROM (
  SELECT COUNT(*) AS input_rows, CAST(COALESCE(SUM(hash(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-') || '|' || COALESCE(CAST(LENGTH(s.f3) AS VARCHAR) || ':' || s.f3, '-'))), 0) AS VARCHAR) AS input_digest
  FROM (SELECT CAST("updated_at" AS VARCHAR) AS f0, CAST("email" AS VARCHAR) AS f1, CAST("account_id" AS VARCHAR) AS f2, CAST("alt_emails" AS VARCHAR) AS f3 FROM "main"."crm_contacts") AS s
) AS d;

CREATE OR REPLACE TEMP TABLE temp."pipes_id_read_4" AS
WITH numbered AS MATERIALIZED (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT row_number() OVER () AS source_row, "updated_at", "email", "account_id", "alt_emails"
  FROM "main"."crm_contacts"
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.crm_contacts' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2
  FROM (
    SELECT
      SUBSTR(sha256(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-') || '|' || COALESCE(CAST(LENGTH(s.f3) AS VARCHAR) || ':' || s.f3, '-')), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
      , s.r2
    FROM (
      SELECT
        source_row,
        CAST("updated_at" AS VARCHAR) AS f0,
        CAST("email" AS VARCHAR) AS f1,
        CAST("account_id" AS VARCHAR) AS f2,
        CAST("alt_emails" AS VARCHAR) AS f3,
        (CASE WHEN typeof("updated_at") = 'TIMESTAMP' AND TRY_CAST("updated_at" AS TIMESTAMP) BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999' THEN TRY_CAST("updated_at" AS TIMESTAMP) ELSE (CASE WHEN (regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '[0-9]{11,13}')) THEN (CASE WHEN regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '-?[0-9]{1,10}') THEN make_timestamp(CAST(TRIM(CAST("updated_at" AS VARCHAR), ' ') AS BIGINT) * 1000000) WHEN regexp_full_match(TRIM(CAST("updated_at" AS VARCHAR), ' '), '[0-9]{11,13}') THEN make_timestamp(CAST(TRIM(CAST("updated_at" AS VARCHAR), ' ') AS BIGINT) * 1000) ELSE (try_strptime(LEFT(TRIM(CAST("updated_at" AS VARCHAR), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("updated_at" AS VARCHAR), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END) END) END) AS at_value,
        CAST("updated_at" AS VARCHAR) AS at_text,
        CAST("email" AS VARCHAR) AS r0, CAST("account_id" AS VARCHAR) AS r1, "alt_emails" AS r2
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;

-- seed.crm_contacts has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "main"."pipes_id_graph_reset" (reason) SELECT 'rows removed from seed.crm_contacts' FROM "main"."pipes_id_rules_check" WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.crm_contacts' AND read_skipped) AND EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 4 AND NOT EXISTS (SELECT 1 FROM temp."pipes_id_read_4" AS r WHERE r.row_key = p.row_key));

-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "main"."pipes_id_input_digests" WHERE input_name = 'seed.crm_contacts' AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.crm_contacts');

DELETE FROM "main"."pipes_id_graph_state" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.crm_contacts');

DELETE FROM "main"."pipes_id_observations" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.crm_contacts');

DELETE FROM "main"."pipes_id_missing" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.crm_contacts');

DELETE FROM "main"."pipes_id_source_rows" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.crm_contacts');

CREATE OR REPLACE TEMP TABLE temp."pipes_id_rows_4" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "main"."pipes_id_source_rows" WHERE input_no = 4) + r.new_no AS row_no
FROM temp."pipes_id_read_4" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM temp."pipes_id_read_4" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 4 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;

DROP TABLE temp."pipes_id_read_4";

INSERT INTO "main"."pipes_id_source_rows" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 4, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM temp."pipes_id_rows_4";

-- seed.product_accounts has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "main"."pipes_id_input_digests_next" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.product_accounts', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests" AS p WHERE p.input_name = 'seed.product_accounts' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '86387dae3bb328a5a3f98c33bf471ad5'),
  '86387dae3bb328a5a3f98c33bf471ad5'
FROM (
  SELECT COUNT(*) AS input_rows, CAST(COALESCE(SUM(hash(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-') || '|' || COALESCE(CAST(LENGTH(s.f3) AS VARCHAR) || ':' || s.f3, '-'))), 0) AS VARCHAR) AS input_digest
  FROM (SELECT CAST("created_at" AS VARCHAR) AS f0, CAST("user_id" AS VARCHAR) AS f1, CAST("account_id" AS VARCHAR) AS f2, CAST("customer_id" AS VARCHAR) AS f3 FROM "main"."product_accounts") AS s
) AS d;

CREATE OR REPLACE TEMP TABLE temp."pipes_id_read_5" AS
WITH numbered AS MATERIALIZED (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT row_number() OVER () AS source_row, "created_at", "user_id", "account_id", "customer_id"
  FROM "main"."product_accounts"
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.product_accounts' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2
  FROM (
    SELECT
      SUBSTR(sha256(COALESCE(CAST(LENGTH(s.f0) AS VARCHAR) || ':' || s.f0, '-') || '|' || COALESCE(CAST(LENGTH(s.f1) AS VARCHAR) || ':' || s.f1, '-') || '|' || COALESCE(CAST(LENGTH(s.f2) AS VARCHAR) || ':' || s.f2, '-') || '|' || COALESCE(CAST(LENGTH(s.f3) AS VARCHAR) || ':' || s.f3, '-')), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
      , s.r2
    FROM (
      SELECT
        source_row,
        CAST("created_at" AS VARCHAR) AS f0,
        CAST("user_id" AS VARCHAR) AS f1,
        CAST("account_id" AS VARCHAR) AS f2,
        CAST("customer_id" AS VARCHAR) AS f3,
        (CASE WHEN typeof("created_at") = 'TIMESTAMP' AND TRY_CAST("created_at" AS TIMESTAMP) BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999' THEN TRY_CAST("created_at" AS TIMESTAMP) ELSE (CASE WHEN (regexp_full_match(TRIM(CAST("created_at" AS VARCHAR), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR regexp_full_match(TRIM(CAST("created_at" AS VARCHAR), ' '), '-?[0-9]{1,10}') OR regexp_full_match(TRIM(CAST("created_at" AS VARCHAR), ' '), '[0-9]{11,13}')) THEN (CASE WHEN regexp_full_match(TRIM(CAST("created_at" AS VARCHAR), ' '), '-?[0-9]{1,10}') THEN make_timestamp(CAST(TRIM(CAST("created_at" AS VARCHAR), ' ') AS BIGINT) * 1000000) WHEN regexp_full_match(TRIM(CAST("created_at" AS VARCHAR), ' '), '[0-9]{11,13}') THEN make_timestamp(CAST(TRIM(CAST("created_at" AS VARCHAR), ' ') AS BIGINT) * 1000) ELSE (try_strptime(LEFT(TRIM(CAST("created_at" AS VARCHAR), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(CAST("created_at" AS VARCHAR), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("created_at" AS VARCHAR), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1), ''), '00') || '.' || RPAD(LEFT(regexp_extract(SUBSTR(TRIM(CAST("created_at" AS VARCHAR), ' '), 11), '[.]([0-9]+)', 1), 6), 6, '0'), '%Y-%m-%d %H:%M:%S.%f') + to_minutes(CAST((CASE WHEN regexp_extract(SUBSTR(TRIM(CAST("created_at" AS VARCHAR), ' '), 11), '[+-]', 0) = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("created_at" AS VARCHAR), ' '), 11), '[+-]([0-9]{2})', 1), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(regexp_extract(SUBSTR(TRIM(CAST("created_at" AS VARCHAR), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1), '') AS INTEGER), 0)) AS BIGINT))) END) END) END) AS at_value,
        CAST("created_at" AS VARCHAR) AS at_text,
        CAST("user_id" AS VARCHAR) AS r0, CAST("account_id" AS VARCHAR) AS r1, CAST("customer_id" AS VARCHAR) AS r2
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;

-- seed.product_accounts has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "main"."pipes_id_graph_reset" (reason) SELECT 'rows removed from seed.product_accounts' FROM "main"."pipes_id_rules_check" WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_input_digests_next" WHERE input_name = 'seed.product_accounts' AND read_skipped) AND EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 5 AND NOT EXISTS (SELECT 1 FROM temp."pipes_id_read_5" AS r WHERE r.row_key = p.row_key));

-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "main"."pipes_id_input_digests" WHERE input_name = 'seed.product_accounts' AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.product_accounts');

DELETE FROM "main"."pipes_id_graph_state" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.product_accounts');

DELETE FROM "main"."pipes_id_observations" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.product_accounts');

DELETE FROM "main"."pipes_id_missing" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.product_accounts');

DELETE FROM "main"."pipes_id_source_rows" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset" WHERE reason = 'rows removed from seed.product_accounts');

CREATE OR REPLACE TEMP TABLE temp."pipes_id_rows_5" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "main"."pipes_id_source_rows" WHERE input_no = 5) + r.new_no AS row_no
FROM temp."pipes_id_read_5" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM temp."pipes_id_read_5" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_source_rows" AS p WHERE p.input_no = 5 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;

DROP TABLE temp."pipes_id_read_5";

INSERT INTO "main"."pipes_id_source_rows" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 5, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM temp."pipes_id_rows_5";

-- The watermarks: per input, the latest iterator of every row kept so far, how many rows are kept and a digest of
-- them, and the last row number (the graph state); recorded only once the outputs are written. One scan of the kept rows for every input.
CREATE OR REPLACE TABLE "main"."pipes_id_watermarks_next" AS
SELECT i.input_name, i.iterator, k.watermark_at, k.watermark_number, COALESCE(k.kept_rows, 0) AS kept_rows,
  COALESCE(k.rows_digest, '0') AS rows_digest, CAST('86387dae3bb328a5a3f98c33bf471ad5' AS VARCHAR) AS rules_hash,
  i.input_no, k.max_row_no
FROM (VALUES (1, CAST('seed.amplitude_events' AS VARCHAR), CAST(NULL AS VARCHAR)), (2, CAST('seed.amplitude_merged_ids' AS VARCHAR), CAST(NULL AS VARCHAR)), (3, CAST('seed.billing_customers' AS VARCHAR), CAST(NULL AS VARCHAR)), (4, CAST('seed.crm_contacts' AS VARCHAR), CAST(NULL AS VARCHAR)), (5, CAST('seed.product_accounts' AS VARCHAR), CAST(NULL AS VARCHAR))) AS i(input_no, input_name, iterator)
LEFT JOIN (
  SELECT input_no, MAX(iterator_at) AS watermark_at, MAX(iterator_number) AS watermark_number, COUNT(*) AS kept_rows,
    CAST(SUM(hash(row_key)) AS VARCHAR) AS rows_digest, MAX(row_no) AS max_row_no
  FROM "main"."pipes_id_source_rows"
  GROUP BY input_no
) AS k ON k.input_no = i.input_no;

-- Every step below is set-based, so the engine may write rows in any order
SET preserve_insertion_order = false;

-- Sections 1-2: one row per (new source row, type, raw value), normalised, with the first reason it is invalid.
-- TRIM(v, '0-') = '' is IdentityPlaceholders.ZerosAndDashesPattern without a regex (v is not empty there).
INSERT INTO "main"."pipes_id_observations" (input_no, row_no, observed_at, id_type, priority, raw_value, id_value, reason)
-- Each (input, type) group is normalised on its own, as its type is known there: no per-row dispatch on the type.
-- lv is v in lowercase, for the exclusions and placeholders: v itself when the type's normalisers end in lowercase.
WITH lowered AS (
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 1 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'user_id' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_1" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 5 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'device_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_1" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, ' '), 'İΣ', 'iσ')) AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'email' AS id_type, r.r2 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_1" AS r WHERE r.r2 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 6 AS priority, raw_value, not_array, TRANSLATE(TRIM(raw_value, ' '), CHR(9) || CHR(10) || CHR(12) || CHR(13) || CHR(32), '') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'amplitude_id' AS id_type, r.r3 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_1" AS r WHERE r.r3 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 6 AS priority, raw_value, not_array, TRANSLATE(TRIM(raw_value, ' '), CHR(9) || CHR(10) || CHR(12) || CHR(13) || CHR(32), '') AS v
    FROM (
  -- amplitude_id is read from several columns or an array: a value repeated in a row is one observation
  SELECT DISTINCT input_no, row_no, observed_at, id_type, raw_value, not_array FROM (
  SELECT 2 AS input_no, r.row_no, r.observed_at, 'amplitude_id' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_2" AS r WHERE r.r0 IS NOT NULL
  UNION ALL
  SELECT 2 AS input_no, r.row_no, r.observed_at, 'amplitude_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_2" AS r WHERE r.r1 IS NOT NULL
  ) AS d
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 4 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 3 AS input_no, r.row_no, r.observed_at, 'customer_id' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_3" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, ' '), 'İΣ', 'iσ')) AS v
    FROM (
  SELECT 3 AS input_no, r.row_no, r.observed_at, 'email' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_3" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, ' '), 'İΣ', 'iσ')) AS v
    FROM (
  -- email is read from several columns or an array: a value repeated in a row is one observation
  SELECT DISTINCT input_no, row_no, observed_at, id_type, raw_value, not_array FROM (
  SELECT 4 AS input_no, r.row_no, r.observed_at, 'email' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_4" AS r WHERE r.r0 IS NOT NULL
  UNION ALL
  SELECT 4 AS input_no, r.row_no, r.observed_at, 'email' AS id_type, (CASE WHEN json_type(f.value) = 'VARCHAR' THEN json_extract_string(f.value, '$') WHEN json_type(f.value) = 'NULL' THEN NULL ELSE CAST(f.value AS VARCHAR) END) AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_4" AS r, json_each(CAST((CASE WHEN (json_type(TRY_CAST(r.r2 AS JSON)) = 'ARRAY') THEN TRY_CAST(r.r2 AS JSON) END) AS JSON)) AS f
  -- a NULL element counts only where no plain column of the type is NULL (that row's NULL is counted as missing)
  WHERE (CASE WHEN json_type(f.value) = 'VARCHAR' THEN json_extract_string(f.value, '$') WHEN json_type(f.value) = 'NULL' THEN NULL ELSE CAST(f.value AS VARCHAR) END) IS NOT NULL OR (r.r0 IS NOT NULL)
  UNION ALL
  -- not an array (an object, a scalar, text that is not JSON): one invalid observation of the column's text
  SELECT 4, r.row_no, r.observed_at, 'email', CAST(r.r2 AS VARCHAR), TRUE
  FROM temp."pipes_id_rows_4" AS r WHERE (r.r2 IS NOT NULL AND TRIM(CAST(r.r2 AS VARCHAR)) <> '' AND (TRY_CAST(r.r2 AS JSON) IS NULL OR NOT ((json_type(TRY_CAST(r.r2 AS JSON)) = 'ARRAY') OR (json_type(TRY_CAST(r.r2 AS JSON)) = 'NULL'))))
  ) AS d
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 3 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 4 AS input_no, r.row_no, r.observed_at, 'account_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_4" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 1 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, 'user_id' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_5" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 3 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, 'account_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_5" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 4 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, 'customer_id' AS id_type, r.r2 AS raw_value, FALSE AS not_array
  FROM temp."pipes_id_rows_5" AS r WHERE r.r2 IS NOT NULL
    ) AS g
  ) AS n
), checked AS (
  SELECT o.input_no, o.row_no, o.observed_at, o.id_type, o.priority, o.raw_value, o.v,
    CASE
      WHEN o.not_array THEN 'not_an_array'
      WHEN v IS NULL OR v = '' THEN 'null_or_empty'
      WHEN id_type = 'user_id' AND LENGTH(v) < 5 THEN 'too_short'
      WHEN id_type = 'amplitude_id' AND LENGTH(v) > 19 THEN 'too_long'
      WHEN id_type = 'email' AND NOT regexp_full_match(v, '^[^@[:space:]]+@[^@[:space:]]+$') THEN 'pattern_mismatch'
      WHEN id_type = 'amplitude_id' AND NOT regexp_full_match(v, '^[0-9]+$') THEN 'pattern_mismatch'
      WHEN x.excluded_value IS NOT NULL THEN 'excluded'
      WHEN regexp_full_match(v, '^qa\+.*@acme\.com$', 'i') THEN 'excluded'
      WHEN lv IN ('null', 'none', 'nil', 'undefined', 'unknown', 'anonymous', 'n/a', 'na', '0', '-1', '{}', '00000000-0000-0000-0000-000000000000', 'lmy47d') OR TRIM(v, '0-') = '' THEN 'placeholder'
    END AS reason
  FROM lowered AS o
  LEFT JOIN (SELECT id_type AS excluded_type, value AS excluded_value FROM "main"."pipes_id_exclusions") AS x ON x.excluded_type = o.id_type AND x.excluded_value = o.lv
)
-- Raw text is kept only where the audit needs it (invalid rows), which halves what is written at scale.
SELECT input_no, row_no, observed_at, id_type, priority, CASE WHEN reason IS NOT NULL THEN raw_value END AS raw_value, CASE WHEN reason IS NULL THEN v END AS id_value, reason
FROM checked;

-- NULLs of plain and path columns are invalid (null_or_empty) observations too; counting them here instead of
-- writing one row each keeps the observations table to the values actually present. A row counts once per type,
-- however many of its columns of that type are NULL (section 1). Each run adds the counts of its new rows.
INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 1, 'user_id', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_1" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 1, 'device_id', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_1" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 1, 'email', COUNT(CASE WHEN r.r2 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_1" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 1, 'amplitude_id', COUNT(CASE WHEN r.r3 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_1" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 2, 'amplitude_id', COUNT(CASE WHEN r.r0 IS NULL OR r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_2" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 3, 'customer_id', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_3" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 3, 'email', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_3" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 4, 'email', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_4" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 4, 'account_id', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_4" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 5, 'user_id', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_5" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 5, 'account_id', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_5" AS r;

INSERT INTO "main"."pipes_id_missing" (input_no, id_type, missing, row_no)
SELECT 5, 'customer_id', COUNT(CASE WHEN r.r2 IS NULL THEN 1 END), MAX(r.row_no) FROM temp."pipes_id_rows_5" AS r;

DROP TABLE temp."pipes_id_rows_1";

DROP TABLE temp."pipes_id_rows_2";

DROP TABLE temp."pipes_id_rows_3";

DROP TABLE temp."pipes_id_rows_4";

DROP TABLE temp."pipes_id_rows_5";

-- pipes: when this returns 1 the runner only runs the statements marked 'when skipped' and stops
-- skip: -- Nothing new: every input keeps the same rows (count and a digest of their fingerprints) as when the last run's outputs were written, under the same rules -- (rules_hash covers every statement of the node) and a graph state the last run completed, so every output already -- is what this run would write SELECT CASE WHEN COUNT(*) = 5 AND NOT EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset") THEN 1 ELSE 0 END FROM "main"."pipes_id_watermarks_next" AS n JOIN "main"."pipes_id_watermarks" AS s ON s.input_name = n.input_name AND s.kept_rows = n.kept_rows AND s.rows_digest = n.rows_digest AND s.rules_hash = n.rules_hash
-- when skipped: RESET preserve_insertion_order
-- when skipped: -- Nothing new: this run changes no profile, so its history is empty and no output key is in scope (publishing -- compares and writes nothing) DELETE FROM "main"."pipes_id_history_run"
-- when skipped: DELETE FROM "main"."pipes_id_graph_scope"
-- when skipped: DELETE FROM "main"."pipes_id_refused_edges_scope"
-- when skipped: DELETE FROM "main"."pipes_profiles_scope"
-- when skipped: -- pipes_id_graph: created once (never replaced), then changed in place CREATE TABLE IF NOT EXISTS "main"."pipes_id_graph" AS SELECT * FROM "main"."pipes_id_graph_next" WHERE 1 = 0
-- when skipped: -- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe -- conditions reliably only that way round) CREATE OR REPLACE TABLE "main"."pipes_id_graph_changes" AS -- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor -- written, and a live key in scope that the scratch lacks is deleted WITH pipes_scratch_in_scope AS (   SELECT s.* FROM "main"."pipes_id_graph_next" AS s WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_scope" AS k WHERE s."id_type" IS NOT DISTINCT FROM k."id_type" AND s."id_value" IS NOT DISTINCT FROM k."id_value") ), pipes_live_in_scope AS (   SELECT l.* FROM "main"."pipes_id_graph" AS l WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_scope" AS k WHERE l."id_type" IS NOT DISTINCT FROM k."id_type" AND l."id_value" IS NOT DISTINCT FROM k."id_value") ) SELECT s."id_type", s."id_value", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action FROM pipes_scratch_in_scope AS s LEFT JOIN (SELECT "id_type", "id_value", "node_key", "canonical_key", "profile_id", 1 AS pipes_present FROM pipes_live_in_scope) AS l   ON s."id_type" IS NOT DISTINCT FROM l."id_type" AND s."id_value" IS NOT DISTINCT FROM l."id_value" WHERE l.pipes_present IS NULL   OR s."node_key" IS DISTINCT FROM l."node_key"   OR s."canonical_key" IS DISTINCT FROM l."canonical_key"   OR s."profile_id" IS DISTINCT FROM l."profile_id" UNION ALL SELECT l."id_type", l."id_value", 'delete' FROM pipes_live_in_scope AS l LEFT JOIN (SELECT "id_type", "id_value", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s   ON l."id_type" IS NOT DISTINCT FROM s."id_type" AND l."id_value" IS NOT DISTINCT FROM s."id_value" WHERE s.pipes_present IS NULL
-- when skipped: DELETE FROM "main"."pipes_id_graph" l USING "main"."pipes_id_graph_changes" c WHERE c.pipes_action = 'delete' AND l."id_type" IS NOT DISTINCT FROM c."id_type" AND l."id_value" IS NOT DISTINCT FROM c."id_value"
-- when skipped: MERGE INTO "main"."pipes_id_graph" AS l USING (   SELECT s.* FROM "main"."pipes_id_graph_next" AS s   JOIN "main"."pipes_id_graph_changes" AS c ON c.pipes_action <> 'delete' AND s."id_type" IS NOT DISTINCT FROM c."id_type" AND s."id_value" IS NOT DISTINCT FROM c."id_value" ) AS s ON l."id_type" IS NOT DISTINCT FROM s."id_type" AND l."id_value" IS NOT DISTINCT FROM s."id_value" WHEN MATCHED THEN UPDATE SET "node_key" = s."node_key", "canonical_key" = s."canonical_key", "profile_id" = s."profile_id" WHEN NOT MATCHED THEN INSERT ("id_type", "id_value", "node_key", "canonical_key", "profile_id") VALUES (s."id_type", s."id_value", s."node_key", s."canonical_key", s."profile_id")
-- when skipped: -- Rows inserted, updated and deleted, for the run summary CREATE TABLE IF NOT EXISTS "main"."pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)
-- when skipped: DELETE FROM "main"."pipes_output_changes" WHERE output_name = 'pipes_id_graph'
-- when skipped: INSERT INTO "main"."pipes_output_changes" (output_name, node_id, inserted, updated, deleted) SELECT 'pipes_id_graph', 'identity.acme_growth.profiles',   COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END) FROM "main"."pipes_id_graph_changes"
-- when skipped: -- pipes_id_graph was published with these column types CREATE TABLE IF NOT EXISTS "main"."pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)
-- when skipped: DELETE FROM "main"."pipes_output_columns" WHERE output_name = 'pipes_id_graph'
-- when skipped: INSERT INTO "main"."pipes_output_columns" (output_name, column_name, column_type) VALUES   ('pipes_id_graph', 'id_type', 'key'),   ('pipes_id_graph', 'id_value', 'key'),   ('pipes_id_graph', 'node_key', 'integer'),   ('pipes_id_graph', 'canonical_key', 'integer'),   ('pipes_id_graph', 'profile_id', 'string')
-- when skipped: -- pipes_id_refused_edges: created once (never replaced), then changed in place CREATE TABLE IF NOT EXISTS "main"."pipes_id_refused_edges" AS SELECT * FROM "main"."pipes_id_refused_edges_next" WHERE 1 = 0
-- when skipped: -- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe -- conditions reliably only that way round) CREATE OR REPLACE TABLE "main"."pipes_id_refused_edges_changes" AS -- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor -- written, and a live key in scope that the scratch lacks is deleted WITH pipes_scratch_in_scope AS (   SELECT s.* FROM "main"."pipes_id_refused_edges_next" AS s WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_refused_edges_scope" AS k WHERE s."from_type" IS NOT DISTINCT FROM k."from_type" AND s."from_value" IS NOT DISTINCT FROM k."from_value" AND s."to_type" IS NOT DISTINCT FROM k."to_type" AND s."to_value" IS NOT DISTINCT FROM k."to_value") ), pipes_live_in_scope AS (   SELECT l.* FROM "main"."pipes_id_refused_edges" AS l WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_refused_edges_scope" AS k WHERE l."from_type" IS NOT DISTINCT FROM k."from_type" AND l."from_value" IS NOT DISTINCT FROM k."from_value" AND l."to_type" IS NOT DISTINCT FROM k."to_type" AND l."to_value" IS NOT DISTINCT FROM k."to_value") ) SELECT s."from_type", s."from_value", s."to_type", s."to_value", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action FROM pipes_scratch_in_scope AS s LEFT JOIN (SELECT "from_type", "from_value", "to_type", "to_value", "from_key", "to_key", "first_seen", "limit_type", "edge_strength", 1 AS pipes_present FROM pipes_live_in_scope) AS l   ON s."from_type" IS NOT DISTINCT FROM l."from_type" AND s."from_value" IS NOT DISTINCT FROM l."from_value" AND s."to_type" IS NOT DISTINCT FROM l."to_type" AND s."to_value" IS NOT DISTINCT FROM l."to_value" WHERE l.pipes_present IS NULL   OR s."from_key" IS DISTINCT FROM l."from_key"   OR s."to_key" IS DISTINCT FROM l."to_key"   OR s."first_seen" IS DISTINCT FROM l."first_seen"   OR s."limit_type" IS DISTINCT FROM l."limit_type"   OR s."edge_strength" IS DISTINCT FROM l."edge_strength" UNION ALL SELECT l."from_type", l."from_value", l."to_type", l."to_value", 'delete' FROM pipes_live_in_scope AS l LEFT JOIN (SELECT "from_type", "from_value", "to_type", "to_value", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s   ON l."from_type" IS NOT DISTINCT FROM s."from_type" AND l."from_value" IS NOT DISTINCT FROM s."from_value" AND l."to_type" IS NOT DISTINCT FROM s."to_type" AND l."to_value" IS NOT DISTINCT FROM s."to_value" WHERE s.pipes_present IS NULL
-- when skipped: DELETE FROM "main"."pipes_id_refused_edges" l USING "main"."pipes_id_refused_edges_changes" c WHERE c.pipes_action = 'delete' AND l."from_type" IS NOT DISTINCT FROM c."from_type" AND l."from_value" IS NOT DISTINCT FROM c."from_value" AND l."to_type" IS NOT DISTINCT FROM c."to_type" AND l."to_value" IS NOT DISTINCT FROM c."to_value"
-- when skipped: MERGE INTO "main"."pipes_id_refused_edges" AS l USING (   SELECT s.* FROM "main"."pipes_id_refused_edges_next" AS s   JOIN "main"."pipes_id_refused_edges_changes" AS c ON c.pipes_action <> 'delete' AND s."from_type" IS NOT DISTINCT FROM c."from_type" AND s."from_value" IS NOT DISTINCT FROM c."from_value" AND s."to_type" IS NOT DISTINCT FROM c."to_type" AND s."to_value" IS NOT DISTINCT FROM c."to_value" ) AS s ON l."from_type" IS NOT DISTINCT FROM s."from_type" AND l."from_value" IS NOT DISTINCT FROM s."from_value" AND l."to_type" IS NOT DISTINCT FROM s."to_type" AND l."to_value" IS NOT DISTINCT FROM s."to_value" WHEN MATCHED THEN UPDATE SET "from_key" = s."from_key", "to_key" = s."to_key", "first_seen" = s."first_seen", "limit_type" = s."limit_type", "edge_strength" = s."edge_strength" WHEN NOT MATCHED THEN INSERT ("from_type", "from_value", "to_type", "to_value", "from_key", "to_key", "first_seen", "limit_type", "edge_strength") VALUES (s."from_type", s."from_value", s."to_type", s."to_value", s."from_key", s."to_key", s."first_seen", s."limit_type", s."edge_strength")
-- when skipped: -- Rows inserted, updated and deleted, for the run summary CREATE TABLE IF NOT EXISTS "main"."pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)
-- when skipped: DELETE FROM "main"."pipes_output_changes" WHERE output_name = 'pipes_id_refused_edges'
-- when skipped: INSERT INTO "main"."pipes_output_changes" (output_name, node_id, inserted, updated, deleted) SELECT 'pipes_id_refused_edges', 'identity.acme_growth.profiles',   COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END) FROM "main"."pipes_id_refused_edges_changes"
-- when skipped: -- pipes_id_refused_edges was published with these column types CREATE TABLE IF NOT EXISTS "main"."pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)
-- when skipped: DELETE FROM "main"."pipes_output_columns" WHERE output_name = 'pipes_id_refused_edges'
-- when skipped: INSERT INTO "main"."pipes_output_columns" (output_name, column_name, column_type) VALUES   ('pipes_id_refused_edges', 'from_type', 'key'),   ('pipes_id_refused_edges', 'from_value', 'key'),   ('pipes_id_refused_edges', 'to_type', 'key'),   ('pipes_id_refused_edges', 'to_value', 'key'),   ('pipes_id_refused_edges', 'from_key', 'integer'),   ('pipes_id_refused_edges', 'to_key', 'integer'),   ('pipes_id_refused_edges', 'first_seen', 'datetime'),   ('pipes_id_refused_edges', 'limit_type', 'string'),   ('pipes_id_refused_edges', 'edge_strength', 'integer')
-- when skipped: -- pipes_profiles: created once (never replaced), then changed in place CREATE TABLE IF NOT EXISTS "main"."pipes_profiles" AS SELECT * FROM "main"."pipes_profiles_next" WHERE 1 = 0
-- when skipped: -- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe -- conditions reliably only that way round) CREATE OR REPLACE TABLE "main"."pipes_profiles_changes" AS -- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor -- written, and a live key in scope that the scratch lacks is deleted WITH pipes_scratch_in_scope AS (   SELECT s.* FROM "main"."pipes_profiles_next" AS s WHERE EXISTS (SELECT 1 FROM "main"."pipes_profiles_scope" AS k WHERE s."profile_id" IS NOT DISTINCT FROM k."profile_id") ), pipes_live_in_scope AS (   SELECT l.* FROM "main"."pipes_profiles" AS l WHERE EXISTS (SELECT 1 FROM "main"."pipes_profiles_scope" AS k WHERE l."profile_id" IS NOT DISTINCT FROM k."profile_id") ) SELECT s."profile_id", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action FROM pipes_scratch_in_scope AS s LEFT JOIN (SELECT "profile_id", "canonical_key", "canonical_type", "canonical_value", "identifiers", "n_user_id", "n_email", "n_account_id", "n_customer_id", "n_device_id", "n_amplitude_id", "first_seen", "last_seen", "amplitude_user_ids", "amplitude_device_ids", "addressable", 1 AS pipes_present FROM pipes_live_in_scope) AS l   ON s."profile_id" IS NOT DISTINCT FROM l."profile_id" WHERE l.pipes_present IS NULL   OR s."canonical_key" IS DISTINCT FROM l."canonical_key"   OR s."canonical_type" IS DISTINCT FROM l."canonical_type"   OR s."canonical_value" IS DISTINCT FROM l."canonical_value"   OR s."identifiers" IS DISTINCT FROM l."identifiers"   OR s."n_user_id" IS DISTINCT FROM l."n_user_id"   OR s."n_email" IS DISTINCT FROM l."n_email"   OR s."n_account_id" IS DISTINCT FROM l."n_account_id"   OR s."n_customer_id" IS DISTINCT FROM l."n_customer_id"   OR s."n_device_id" IS DISTINCT FROM l."n_device_id"   OR s."n_amplitude_id" IS DISTINCT FROM l."n_amplitude_id"   OR s."first_seen" IS DISTINCT FROM l."first_seen"   OR s."last_seen" IS DISTINCT FROM l."last_seen"   OR s."amplitude_user_ids" IS DISTINCT FROM l."amplitude_user_ids"   OR s."amplitude_device_ids" IS DISTINCT FROM l."amplitude_device_ids"   OR s."addressable" IS DISTINCT FROM l."addressable" UNION ALL SELECT l."profile_id", 'delete' FROM pipes_live_in_scope AS l LEFT JOIN (SELECT "profile_id", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s   ON l."profile_id" IS NOT DISTINCT FROM s."profile_id" WHERE s.pipes_present IS NULL
-- when skipped: DELETE FROM "main"."pipes_profiles" l USING "main"."pipes_profiles_changes" c WHERE c.pipes_action = 'delete' AND l."profile_id" IS NOT DISTINCT FROM c."profile_id"
-- when skipped: MERGE INTO "main"."pipes_profiles" AS l USING (   SELECT s.* FROM "main"."pipes_profiles_next" AS s   JOIN "main"."pipes_profiles_changes" AS c ON c.pipes_action <> 'delete' AND s."profile_id" IS NOT DISTINCT FROM c."profile_id" ) AS s ON l."profile_id" IS NOT DISTINCT FROM s."profile_id" WHEN MATCHED THEN UPDATE SET "canonical_key" = s."canonical_key", "canonical_type" = s."canonical_type", "canonical_value" = s."canonical_value", "identifiers" = s."identifiers", "n_user_id" = s."n_user_id", "n_email" = s."n_email", "n_account_id" = s."n_account_id", "n_customer_id" = s."n_customer_id", "n_device_id" = s."n_device_id", "n_amplitude_id" = s."n_amplitude_id", "first_seen" = s."first_seen", "last_seen" = s."last_seen", "amplitude_user_ids" = s."amplitude_user_ids", "amplitude_device_ids" = s."amplitude_device_ids", "addressable" = s."addressable" WHEN NOT MATCHED THEN INSERT ("profile_id", "canonical_key", "canonical_type", "canonical_value", "identifiers", "n_user_id", "n_email", "n_account_id", "n_customer_id", "n_device_id", "n_amplitude_id", "first_seen", "last_seen", "amplitude_user_ids", "amplitude_device_ids", "addressable") VALUES (s."profile_id", s."canonical_key", s."canonical_type", s."canonical_value", s."identifiers", s."n_user_id", s."n_email", s."n_account_id", s."n_customer_id", s."n_device_id", s."n_amplitude_id", s."first_seen", s."last_seen", s."amplitude_user_ids", s."amplitude_device_ids", s."addressable")
-- when skipped: -- Rows inserted, updated and deleted, for the run summary CREATE TABLE IF NOT EXISTS "main"."pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)
-- when skipped: DELETE FROM "main"."pipes_output_changes" WHERE output_name = 'pipes_profiles'
-- when skipped: INSERT INTO "main"."pipes_output_changes" (output_name, node_id, inserted, updated, deleted) SELECT 'pipes_profiles', 'identity.acme_growth.profiles',   COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END) FROM "main"."pipes_profiles_changes"
-- when skipped: -- pipes_profiles was published with these column types CREATE TABLE IF NOT EXISTS "main"."pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)
-- when skipped: DELETE FROM "main"."pipes_output_columns" WHERE output_name = 'pipes_profiles'
-- when skipped: INSERT INTO "main"."pipes_output_columns" (output_name, column_name, column_type) VALUES   ('pipes_profiles', 'profile_id', 'key'),   ('pipes_profiles', 'canonical_key', 'integer'),   ('pipes_profiles', 'canonical_type', 'string'),   ('pipes_profiles', 'canonical_value', 'string'),   ('pipes_profiles', 'identifiers', 'integer'),   ('pipes_profiles', 'n_user_id', 'integer'),   ('pipes_profiles', 'n_email', 'integer'),   ('pipes_profiles', 'n_account_id', 'integer'),   ('pipes_profiles', 'n_customer_id', 'integer'),   ('pipes_profiles', 'n_device_id', 'integer'),   ('pipes_profiles', 'n_amplitude_id', 'integer'),   ('pipes_profiles', 'first_seen', 'datetime'),   ('pipes_profiles', 'last_seen', 'datetime'),   ('pipes_profiles', 'amplitude_user_ids', 'array'),   ('pipes_profiles', 'amplitude_device_ids', 'array'),   ('pipes_profiles', 'addressable', 'boolean')
-- when skipped: -- After the publish: this run's events join the history INSERT INTO "main"."pipes_id_history" (run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical) SELECT run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical FROM "main"."pipes_id_history_run"
-- when skipped: -- The graph now holds every kept row: the next run integrates only rows numbered past these, and forgets rows numbered -- past them (a run that did not complete). Written first, before the watermarks and digests: a watermark past the -- graph state would leave the rows between unread once forgotten. One UPDATE marks every input complete at once; an -- input with no row yet gets one first, still pending and with no row number (every row of it is forgotten). DELETE FROM "main"."pipes_id_graph_state" WHERE input_no NOT IN (SELECT input_no FROM "main"."pipes_id_watermarks_next")
-- when skipped: INSERT INTO "main"."pipes_id_graph_state" (input_no, row_no, rules_hash) SELECT input_no, NULL, 'pending' FROM "main"."pipes_id_watermarks_next" WHERE input_no NOT IN (SELECT input_no FROM "main"."pipes_id_graph_state")
-- when skipped: UPDATE "main"."pipes_id_graph_state" AS g SET row_no = w.max_row_no, rules_hash = '86387dae3bb328a5a3f98c33bf471ad5' FROM "main"."pipes_id_watermarks_next" AS w WHERE w.input_no = g.input_no
-- when skipped: -- Incremental observations: the watermarks of this run, recorded only now that every output is written, so a run -- that fails before this point reads the same rows again (and the fingerprints keep them from counting twice) DELETE FROM "main"."pipes_id_watermarks" WHERE input_name IN (SELECT input_name FROM "main"."pipes_id_watermarks_next")
-- when skipped: INSERT INTO "main"."pipes_id_watermarks" (input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash) SELECT input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash FROM "main"."pipes_id_watermarks_next"
-- when skipped: -- The inputs without iterator: their row count and digest, for the next run to tell an unchanged input DELETE FROM "main"."pipes_id_input_digests" WHERE input_name IN (SELECT input_name FROM "main"."pipes_id_input_digests_next")
-- when skipped: INSERT INTO "main"."pipes_id_input_digests" (input_name, input_rows, input_digest, read_skipped, rules_hash) SELECT input_name, input_rows, input_digest, read_skipped, rules_hash FROM "main"."pipes_id_input_digests_next"
-- when skipped: DROP TABLE "main"."pipes_id_input_digests_next"
-- when skipped: DROP TABLE "main"."pipes_id_watermarks_next"
-- when skipped: -- After the outputs are written: the rules this run used, so the next run can tell whether they changed CREATE OR REPLACE TABLE "main"."pipes_id_state" AS SELECT c.rules_checksum, c.previous_checksum, c.rules_changed, r.run_id, r.run_at FROM "main"."pipes_id_rules_check" AS c CROSS JOIN "main"."pipes_id_run" AS r
-- when skipped: DROP TABLE "main"."pipes_id_rules_check";

-- observed_at values that could not be used (section 1): they count as the epoch, by input and reason, over every row read so far
CREATE OR REPLACE TABLE "main"."pipes_id_observed_at" AS
SELECT CASE input_no WHEN 1 THEN 'seed.amplitude_events' WHEN 2 THEN 'seed.amplitude_merged_ids' WHEN 3 THEN 'seed.billing_customers' WHEN 4 THEN 'seed.crm_contacts' WHEN 5 THEN 'seed.product_accounts' END AS input_name,
  at_issue AS reason, COUNT(*) AS row_count, MIN(at_text) AS sample
FROM "main"."pipes_id_source_rows"
WHERE at_issue IS NOT NULL
GROUP BY input_no, at_issue;

-- Section 2: dropped observations by type and reason, with the three smallest distinct raw values
CREATE OR REPLACE TABLE "main"."pipes_id_invalid" AS
WITH present AS (
  SELECT id_type, reason, raw_value, COUNT(*) AS observations
  FROM "main"."pipes_id_observations"
  WHERE reason IS NOT NULL
  GROUP BY id_type, reason, raw_value
  UNION ALL
  SELECT id_type, 'null_or_empty', NULL, missing
  FROM "main"."pipes_id_missing"
  WHERE missing > 0
), distinct_raw AS (
  SELECT id_type, reason, raw_value, SUM(observations) AS observations
  FROM present
  GROUP BY id_type, reason, raw_value
), ranked AS (
  SELECT id_type, reason, raw_value, observations,
    ROW_NUMBER() OVER (PARTITION BY id_type, reason ORDER BY raw_value NULLS FIRST) AS sample_rank
  FROM distinct_raw
)
SELECT id_type, reason,
  CASE reason WHEN 'null_or_empty' THEN 1 WHEN 'too_short' THEN 2 WHEN 'too_long' THEN 3 WHEN 'pattern_mismatch' THEN 4 WHEN 'excluded' THEN 5 WHEN 'placeholder' THEN 6 WHEN 'not_an_array' THEN 7 END AS reason_order,
  CAST(SUM(observations) AS BIGINT) AS observations,
  coalesce(list(raw_value ORDER BY sample_rank) FILTER (WHERE sample_rank <= 3), []) AS samples
FROM ranked
GROUP BY id_type, reason;

-- Sections 3-6 incrementally (docs/identity.md, Incremental runs): nodes, edges, shared ids and every node's component
-- are kept across runs and only added to; a run recomputes the components its new observations touch. After a reset
-- (pipes_id_graph_reset has a row) they start empty and every observation is new, which is the full rebuild.
CREATE TABLE IF NOT EXISTS "main"."pipes_id_nodes" (node_key BIGINT, id_type VARCHAR, id_value VARCHAR, priority INTEGER, first_seen TIMESTAMP, last_seen TIMESTAMP, observations BIGINT);

CREATE TABLE IF NOT EXISTS "main"."pipes_id_edges" (from_key BIGINT, to_key BIGINT, first_seen TIMESTAMP, row_count BIGINT);

CREATE TABLE IF NOT EXISTS "main"."pipes_id_shared" (node_key BIGINT, id_type VARCHAR, id_value VARCHAR, linked_type VARCHAR, link_count BIGINT);

CREATE TABLE IF NOT EXISTS "main"."pipes_id_active_edges" (from_key BIGINT, to_key BIGINT, first_seen TIMESTAMP);

CREATE TABLE IF NOT EXISTS "main"."pipes_id_components" (node_key BIGINT, component BIGINT);

DELETE FROM "main"."pipes_id_nodes" WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset");

DELETE FROM "main"."pipes_id_edges" WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset");

DELETE FROM "main"."pipes_id_shared" WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset");

DELETE FROM "main"."pipes_id_active_edges" WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset");

DELETE FROM "main"."pipes_id_components" WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset");

-- The valid observations the graph has not integrated yet: those of rows numbered past what the last completed run
-- integrated (all of them after a reset)
CREATE OR REPLACE TEMP TABLE temp."pipes_id_fresh" AS
SELECT o.input_no, o.row_no, o.observed_at, o.id_type, o.priority, o.id_value
FROM "main"."pipes_id_observations" AS o
LEFT JOIN "main"."pipes_id_graph_state" AS g ON g.input_no = o.input_no
WHERE o.reason IS NULL AND (EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset") OR g.row_no IS NULL OR o.row_no > g.row_no);

-- Section 3: the ids seen in those observations. node_key is append-only: an id keeps its key; new ids get keys after
-- the largest so far, ranked among themselves in node order (first_seen, priority, value bytes, type). Every order
-- that decides a result uses that node order, never the key, so a key is a stable surrogate only.
-- hub_rank ranks these ids as hubs (section 4: best priority, smallest value, type), so a row's hub is the id of least rank.
-- An id is keyed by (priority, value) in the groups and joins below: each type has its own priority (PIPES0502), and
-- an integer hashes and compares faster than the type's name.
CREATE OR REPLACE TEMP TABLE temp."pipes_id_fresh_ids" AS
WITH seen AS (
  SELECT MIN(id_type) AS id_type, id_value, priority, MIN(observed_at) AS first_seen, MAX(observed_at) AS last_seen, COUNT(*) AS observations
  FROM temp."pipes_id_fresh"
  GROUP BY priority, id_value
), keyed AS (
  SELECT s.*, n.node_key AS old_key,
    ROW_NUMBER() OVER (PARTITION BY n.node_key IS NULL ORDER BY s.first_seen, s.priority, s.id_value, s.id_type) AS new_rank
  FROM seen AS s
  LEFT JOIN "main"."pipes_id_nodes" AS n ON n.priority = s.priority AND n.id_value = s.id_value
)
SELECT
  COALESCE(old_key, (SELECT COALESCE(MAX(node_key), 0) FROM "main"."pipes_id_nodes") + new_rank) AS node_key,
  old_key IS NULL AS is_new,
  id_type, id_value, priority, first_seen, last_seen, observations,
  ROW_NUMBER() OVER (ORDER BY priority, id_value, id_type) AS hub_rank
FROM keyed;

-- Section 4: within a new row, the hub (the id of smallest hub rank) links to each other identifier; on integers only
CREATE OR REPLACE TEMP TABLE temp."pipes_id_fresh_edges" AS
WITH ids AS (
  -- a row can name one id twice (one type read from several columns or an array), once here
  SELECT o.input_no, o.row_no, n.node_key, n.hub_rank, MIN(o.observed_at) AS observed_at
  FROM temp."pipes_id_fresh" AS o
  JOIN temp."pipes_id_fresh_ids" AS n ON n.priority = o.priority AND n.id_value = o.id_value
  GROUP BY o.input_no, o.row_no, n.node_key, n.hub_rank
), hubs AS (
  SELECT input_no, row_no, arg_min(node_key, hub_rank) AS hub_key
  FROM ids
  GROUP BY input_no, row_no
  HAVING COUNT(*) > 1
)
SELECT
  LEAST(h.hub_key, i.node_key) AS from_key,
  GREATEST(h.hub_key, i.node_key) AS to_key,
  MIN(i.observed_at) AS first_seen,
  COUNT(*) AS row_count
FROM ids AS i
JOIN hubs AS h ON h.input_no = i.input_no AND h.row_no = i.row_no
WHERE i.node_key <> h.hub_key
GROUP BY LEAST(h.hub_key, i.node_key), GREATEST(h.hub_key, i.node_key);

-- Every node whose profile may change: the whole (old) component of each id seen again, and each new id. New edges
-- join only such ids, an edge kept before lies inside one old component, and an id's shared status changes only with
-- new edges (link counts only grow; anything that retracts rows resets), so no active edge leaves this set.
CREATE OR REPLACE TABLE "main"."pipes_id_touched" AS
SELECT c.node_key
FROM "main"."pipes_id_components" AS c
WHERE c.component IN (SELECT o.component FROM "main"."pipes_id_components" AS o JOIN temp."pipes_id_fresh_ids" AS f ON f.node_key = o.node_key)
UNION ALL
SELECT node_key FROM temp."pipes_id_fresh_ids" WHERE is_new;

UPDATE "main"."pipes_id_nodes" AS n SET
  first_seen = LEAST(n.first_seen, f.first_seen),
  last_seen = GREATEST(n.last_seen, f.last_seen),
  observations = n.observations + f.observations
FROM temp."pipes_id_fresh_ids" AS f
WHERE f.node_key = n.node_key AND NOT f.is_new;

INSERT INTO "main"."pipes_id_nodes" (node_key, id_type, id_value, priority, first_seen, last_seen, observations)
SELECT node_key, id_type, id_value, priority, first_seen, last_seen, observations FROM temp."pipes_id_fresh_ids" WHERE is_new;

UPDATE "main"."pipes_id_edges" AS x SET
  first_seen = LEAST(x.first_seen, e.first_seen),
  row_count = x.row_count + e.row_count
FROM temp."pipes_id_fresh_edges" AS e
WHERE e.from_key = x.from_key AND e.to_key = x.to_key;

INSERT INTO "main"."pipes_id_edges" (from_key, to_key, first_seen, row_count)
SELECT e.from_key, e.to_key, e.first_seen, e.row_count
FROM temp."pipes_id_fresh_edges" AS e
WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_edges" AS x WHERE x.from_key = e.from_key AND x.to_key = e.to_key);

-- Section 5: ids linked to more values of another type than its max_links allows, with every link count, recounted
-- for the ids that have new edges. Without a max_links rule no id is over-connected and the table stays empty (a
-- change of rules resets it above), so nothing is counted.
CREATE OR REPLACE TEMP TABLE temp."pipes_id_relinked" AS
SELECT from_key AS node_key FROM temp."pipes_id_fresh_edges"
UNION
SELECT to_key FROM temp."pipes_id_fresh_edges";

DELETE FROM "main"."pipes_id_shared" WHERE node_key IN (SELECT node_key FROM temp."pipes_id_relinked");

INSERT INTO "main"."pipes_id_shared" (node_key, id_type, id_value, linked_type, link_count)
WITH ends AS (
  SELECT e.from_key AS node_key, e.to_key AS other_key FROM "main"."pipes_id_edges" AS e WHERE e.from_key IN (SELECT node_key FROM temp."pipes_id_relinked")
  UNION ALL
  SELECT e.to_key, e.from_key FROM "main"."pipes_id_edges" AS e WHERE e.to_key IN (SELECT node_key FROM temp."pipes_id_relinked")
), counts AS (
  SELECT e.node_key, o.id_type AS linked_type, COUNT(*) AS link_count
  FROM ends AS e
  JOIN "main"."pipes_id_nodes" AS o ON o.node_key = e.other_key
  GROUP BY e.node_key, o.id_type
), flagged AS (
  SELECT DISTINCT c.node_key
  FROM counts AS c
  JOIN "main"."pipes_id_nodes" AS n ON n.node_key = c.node_key
  WHERE (n.id_type = 'device_id' AND c.linked_type = 'user_id' AND c.link_count > 3)
)
SELECT n.node_key, n.id_type, n.id_value, c.linked_type, c.link_count
FROM flagged AS f
JOIN "main"."pipes_id_nodes" AS n ON n.node_key = f.node_key
JOIN counts AS c ON c.node_key = f.node_key;

-- Edges left once shared ids lose theirs (every component's), replaced for the touched ids; the rounds read the
-- touched ones both ways
DELETE FROM "main"."pipes_id_active_edges" WHERE from_key IN (SELECT node_key FROM "main"."pipes_id_touched");

INSERT INTO "main"."pipes_id_active_edges" (from_key, to_key, first_seen)
SELECT e.from_key, e.to_key, e.first_seen
FROM "main"."pipes_id_edges" AS e
WHERE e.from_key IN (SELECT node_key FROM "main"."pipes_id_touched")
  AND e.from_key NOT IN (SELECT node_key FROM "main"."pipes_id_shared")
  AND e.to_key NOT IN (SELECT node_key FROM "main"."pipes_id_shared");

CREATE OR REPLACE TEMP TABLE temp."pipes_id_links" AS
WITH touched_edges AS MATERIALIZED (
  -- selected once for both directions
  SELECT e.from_key, e.to_key FROM "main"."pipes_id_active_edges" AS e WHERE e.from_key IN (SELECT node_key FROM "main"."pipes_id_touched")
)
SELECT from_key AS a, to_key AS b FROM touched_edges
UNION ALL
SELECT to_key, from_key FROM touched_edges;

-- Every touched node starts as its own parent; the rounds lower parents to the smallest key of the component
CREATE OR REPLACE TEMP TABLE temp."pipes_id_labels" AS
SELECT node_key, node_key AS parent FROM "main"."pipes_id_touched";

-- The first round's frontier (round.sql.scriban) is empty. Every node starts as its own parent, a root, so in that
-- round a node that is not hooked below keeps its parent (P2(x) = P1(x) = x); and that round's connect step, where
-- every node is frontier, is the next statement, which reads no frontier table
CREATE OR REPLACE TEMP TABLE temp."pipes_id_frontier" (node_key BIGINT, parent BIGINT);

-- The first round's connect step (each round computes the next one's at its end): with every node its own parent and
-- in the frontier, P1(x) is the smallest neighbour below x (the root hook offers the same), found with no join
CREATE OR REPLACE TEMP TABLE temp."pipes_id_hooked" AS
SELECT a AS node_key, MIN(b) AS parent
FROM temp."pipes_id_links"
WHERE b < a
GROUP BY a;

CREATE OR REPLACE TABLE "main"."pipes_id_rounds" (round_no INTEGER, changed_labels BIGINT);

CREATE OR REPLACE TEMP TABLE temp."pipes_id_split" (node_key BIGINT, canonical_key BIGINT);

CREATE OR REPLACE TABLE "main"."pipes_id_split_refusals" (from_key BIGINT, to_key BIGINT, limit_type VARCHAR, refusal_order BIGINT);

-- pipes: the runner repeats the next statements until the changed count is 0
-- changed: SELECT changed_labels FROM "main"."pipes_id_rounds" ORDER BY round_no DESC LIMIT 1
-- round cap: SELECT 2 * CAST(CEIL(LN(GREATEST(COUNT(*), 1)) / LN(2)) AS INTEGER) + 10 FROM temp."pipes_id_labels"
-- One round (ComponentLabels): connect, P1(x) = min(P(x), P(y) for edges (x, y), P(y) for edges (z, y) with P(z) = x);
-- shortcut, P2(x) = P1(P1(x)). An offer helps only when P(y) < P(z), since P1(z) <= P(z) and P1(P(z)) <= P(z).
-- Frontier-driven, with the same result and count as a round over every node: a link whose ends both kept their
-- parent in the previous round offers nothing (that round left P(z) <= P(y)), and a node that kept its parent points
-- at a root (P1(x) = P(x) and P1(P(x)) = P(x) made P2(x) = P(x)). So only the links of the frontier (the nodes whose
-- parent changed last round; every node in the first, whose connect step prepare_graph runs) make offers, and P2 can
-- differ from P only for the frontier, the nodes offered a lower parent, and the nodes whose parent was (in the first
-- round every node is a root, so only the nodes offered a lower parent: its frontier table is empty).
-- P2 = P1(P1(x)) where it can differ from P; the table holds this round's changes only
CREATE OR REPLACE TEMP TABLE temp."pipes_id_labels_next" AS
WITH connected AS (
  -- the candidates (the frontier, the nodes hooked and their children), each once: one pass over the labels
  SELECT l.node_key, l.parent AS old_parent, COALESCE(h.parent, l.parent) AS p1
  FROM temp."pipes_id_labels" AS l
  LEFT JOIN temp."pipes_id_hooked" AS h ON h.node_key = l.node_key
  WHERE h.node_key IS NOT NULL
    OR l.node_key IN (SELECT node_key FROM temp."pipes_id_frontier")
    OR l.parent IN (SELECT node_key FROM temp."pipes_id_hooked")
)
SELECT c.node_key, COALESCE(h.parent, l.parent) AS parent
FROM connected AS c
JOIN temp."pipes_id_labels" AS l ON l.node_key = c.p1
LEFT JOIN temp."pipes_id_hooked" AS h ON h.node_key = c.p1
WHERE COALESCE(h.parent, l.parent) <> c.old_parent;

-- The exact number of changed parents, counted on the changes themselves; the loop stops after a round that changed none
INSERT INTO "main"."pipes_id_rounds" (round_no, changed_labels)
SELECT
  (SELECT COALESCE(MAX(round_no), 0) + 1 FROM "main"."pipes_id_rounds"),
  (SELECT COUNT(*) FROM temp."pipes_id_labels_next");

-- Rewritten rather than updated in place: a round can change most parents (a long path changes all of them)
CREATE OR REPLACE TEMP TABLE temp."pipes_id_labels" AS
SELECT l.node_key, COALESCE(n.parent, l.parent) AS parent
FROM temp."pipes_id_labels" AS l
LEFT JOIN temp."pipes_id_labels_next" AS n ON n.node_key = l.node_key;

-- This round's changes are the next round's frontier
DROP TABLE temp."pipes_id_frontier";

ALTER TABLE temp."pipes_id_labels_next" RENAME TO "pipes_id_frontier";

-- The next round's connect step, run at the end of this one (the first round's is in prepare_graph, which needs no
-- join there): P1 where it is below P. After the last round the frontier is empty, so it costs a scan of the links.
CREATE OR REPLACE TEMP TABLE temp."pipes_id_hooked" AS
WITH moved AS (
  -- The frontier holds its nodes' parents (this round's P). Links hold each edge both ways, so a link with both ends in
  -- the frontier is found from each end: the same offers twice, which the MIN below takes once.
  SELECT l.a, l.b, f.parent AS pa, pb.parent AS pb
  FROM temp."pipes_id_links" AS l
  JOIN temp."pipes_id_frontier" AS f ON f.node_key = l.a
  JOIN temp."pipes_id_labels" AS pb ON pb.node_key = l.b
  WHERE pb.parent <> f.parent
), hops AS (
  -- the edge (z, y) with P(y) < P(z), whichever way round it was found
  SELECT CASE WHEN pb < pa THEN a ELSE b END AS z, GREATEST(pa, pb) AS pz, LEAST(pa, pb) AS py
  FROM moved
), offers AS (
  SELECT z AS x, py AS p FROM hops
  UNION ALL
  SELECT pz, py FROM hops
)
-- each node's best offer first, then compared with its parent (a join of the offered nodes, not of every offer)
SELECT o.node_key, o.parent
FROM (SELECT x AS node_key, MIN(p) AS parent FROM offers GROUP BY x) AS o
JOIN temp."pipes_id_labels" AS l ON l.node_key = o.node_key
WHERE o.parent < l.parent;

-- Section 6: only components holding more values of a type than its limit need the ordered procedure
CREATE OR REPLACE TEMP TABLE temp."pipes_id_violating" AS
SELECT DISTINCT component
FROM (
  SELECT l.parent AS component, n.id_type, COUNT(*) AS values_of_type
  FROM temp."pipes_id_labels" AS l
  JOIN "main"."pipes_id_nodes" AS n ON n.node_key = l.node_key
  GROUP BY l.parent, n.id_type
) AS per_type
WHERE (id_type = 'user_id' AND values_of_type > 1)
   OR (id_type = 'email' AND values_of_type > 3)
   OR (id_type = 'account_id' AND values_of_type > 1)
   OR (id_type = 'customer_id' AND values_of_type > 2)
   OR (id_type = 'device_id' AND values_of_type > 50)
   OR (id_type = 'amplitude_id' AND values_of_type > 20);

-- Their nodes numbered in node order (first_seen, priority, value bytes, type): the ordered procedure runs on these
-- numbers, never on node_key, which is only a stable surrogate (the split tables hold node_order values)
CREATE OR REPLACE TEMP TABLE temp."pipes_id_split_order" AS
SELECT n.node_key, n.id_type, n.priority, l.parent AS component,
  ROW_NUMBER() OVER (ORDER BY n.first_seen, n.priority, n.id_value, n.id_type) AS node_order
FROM "main"."pipes_id_nodes" AS n
JOIN temp."pipes_id_labels" AS l ON l.node_key = n.node_key
JOIN temp."pipes_id_violating" AS v ON v.component = l.parent;

-- pipes: the runner reads the violating components, splits them with the ordered procedure in the host, and inserts the result
-- nodes: SELECT node_order, id_type FROM temp."pipes_id_split_order" ORDER BY node_order
-- edges: SELECT a.node_order, b.node_order, e.first_seen FROM "main"."pipes_id_active_edges" AS e JOIN temp."pipes_id_split_order" AS a ON a.node_key = e.from_key JOIN temp."pipes_id_split_order" AS b ON b.node_key = e.to_key ORDER BY LEAST(a.node_order, b.node_order), GREATEST(a.node_order, b.node_order)
-- e.g. INSERT INTO temp."pipes_id_split" (node_key, canonical_key) VALUES
-- (1, 1)
-- e.g. INSERT INTO "main"."pipes_id_split_refusals" (from_key, to_key, limit_type, refusal_order) VALUES
-- (1, 2, 'type', 1);

-- Section 6: refusal_order is a refused edge's place in procedure order over every split component (edge_strength,
-- first_seen, older end, newer end; the ends are node_order values), numbered here once, whichever engine split
-- (host or UDTF), so every engine agrees
UPDATE "main"."pipes_id_split_refusals" AS r SET refusal_order = o.n
FROM (
  SELECT x.from_key, x.to_key, ROW_NUMBER() OVER (ORDER BY GREATEST(a.priority, b.priority), e.first_seen, x.from_key, x.to_key) AS n
  FROM "main"."pipes_id_split_refusals" AS x
  JOIN temp."pipes_id_split_order" AS a ON a.node_order = x.from_key
  JOIN temp."pipes_id_split_order" AS b ON b.node_order = x.to_key
  JOIN "main"."pipes_id_active_edges" AS e ON e.from_key = LEAST(a.node_key, b.node_key) AND e.to_key = GREATEST(a.node_key, b.node_key)
) AS o
WHERE r.from_key = o.from_key AND r.to_key = o.to_key;

-- The touched nodes' components, kept for the next run
DELETE FROM "main"."pipes_id_components" WHERE node_key IN (SELECT node_key FROM temp."pipes_id_labels");

INSERT INTO "main"."pipes_id_components" (node_key, component)
SELECT node_key, parent FROM temp."pipes_id_labels";

-- Section 7: each touched node's profile is named by its canonical member: the split's choice, else the component's
-- oldest node in node order. These are this run's graph rows to publish (every row after a reset)
CREATE OR REPLACE TABLE "main"."pipes_id_graph_next" AS
WITH ordered AS (
  -- each node with its component's oldest node, in one pass (no self-join of the components)
  SELECT l.node_key, n.id_type, n.id_value,
    FIRST_VALUE(l.node_key) OVER (PARTITION BY l.parent ORDER BY n.first_seen, n.priority, n.id_value, n.id_type) AS oldest_key
  FROM temp."pipes_id_labels" AS l
  JOIN "main"."pipes_id_nodes" AS n ON n.node_key = l.node_key
), split AS (
  SELECT a.node_key, b.node_key AS canonical_key
  FROM temp."pipes_id_split" AS s
  JOIN temp."pipes_id_split_order" AS a ON a.node_order = s.node_key
  JOIN temp."pipes_id_split_order" AS b ON b.node_order = s.canonical_key
), members AS (
  SELECT o.node_key, o.id_type, o.id_value, COALESCE(s.canonical_key, o.oldest_key) AS canonical_key
  FROM ordered AS o
  LEFT JOIN split AS s ON s.node_key = o.node_key
), named AS (
  -- SHA-256 once per profile, not once per member
  SELECT c.node_key AS canonical_key, 'pf_' || SUBSTR(sha256(c.id_type || ':' || c.id_value), 1, 20) AS profile_id
  FROM (SELECT DISTINCT canonical_key FROM members) AS m
  JOIN "main"."pipes_id_nodes" AS c ON c.node_key = m.canonical_key
)
SELECT m.node_key, m.id_type, m.id_value, m.canonical_key, p.profile_id
FROM members AS m
JOIN named AS p ON p.canonical_key = m.canonical_key;

CREATE TABLE IF NOT EXISTS "main"."pipes_id_graph" (node_key BIGINT, id_type VARCHAR, id_value VARCHAR, canonical_key BIGINT, profile_id VARCHAR);

-- The graph keys this run may change: the touched nodes' ids (ids only ever join the graph, so none leaves it but
-- by a reset, when every live key is in scope too)
CREATE OR REPLACE TABLE "main"."pipes_id_graph_scope" AS
SELECT id_type, id_value FROM "main"."pipes_id_graph_next"
UNION ALL
-- (each side holds a key once: no dedup of the whole graph, which a first build would pay for nothing)
SELECT g.id_type, g.id_value FROM "main"."pipes_id_graph" AS g
WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset") AND NOT EXISTS (SELECT 1 FROM "main"."pipes_id_graph_next" AS n WHERE n.id_type = g.id_type AND n.id_value = g.id_value);

-- Section 6 audit: every refused edge of the touched components, from its older end (node order) to its newer one,
-- with the limit it would have broken; the procedure took them in (edge_strength, first_seen, older, newer) order
CREATE OR REPLACE TABLE "main"."pipes_id_refused_edges_next" AS
SELECT
  a.node_key AS from_key, a.id_type AS from_type, a.id_value AS from_value,
  b.node_key AS to_key, b.id_type AS to_type, b.id_value AS to_value,
  e.first_seen, r.limit_type,
  GREATEST(a.priority, b.priority) AS edge_strength
FROM "main"."pipes_id_split_refusals" AS r
JOIN temp."pipes_id_split_order" AS oa ON oa.node_order = r.from_key
JOIN temp."pipes_id_split_order" AS ob ON ob.node_order = r.to_key
JOIN "main"."pipes_id_nodes" AS a ON a.node_key = oa.node_key
JOIN "main"."pipes_id_nodes" AS b ON b.node_key = ob.node_key
-- the split components' edges only: joined whole, the edges would be hashed even when nothing was refused
JOIN (SELECT * FROM "main"."pipes_id_edges" WHERE from_key IN (SELECT node_key FROM temp."pipes_id_split_order")) AS e
  ON e.from_key = LEAST(a.node_key, b.node_key) AND e.to_key = GREATEST(a.node_key, b.node_key);

CREATE TABLE IF NOT EXISTS "main"."pipes_id_refused_edges" AS SELECT * FROM "main"."pipes_id_refused_edges_next" WHERE 1 = 0;

-- The refused edges this run may change: those with an end among the touched ids (an edge lies within one
-- component, and a touched component is touched whole), and this run's. Inner joins rather than EXISTS, so the
-- engine hashes the refused edges (few) and not the graph scope (every id after a reset)
CREATE OR REPLACE TABLE "main"."pipes_id_refused_edges_scope" AS
SELECT from_type, from_value, to_type, to_value FROM "main"."pipes_id_refused_edges_next"
UNION
SELECT r.from_type, r.from_value, r.to_type, r.to_value FROM "main"."pipes_id_refused_edges" AS r WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset")
UNION
SELECT r.from_type, r.from_value, r.to_type, r.to_value
FROM "main"."pipes_id_refused_edges" AS r JOIN "main"."pipes_id_graph_scope" AS k ON k.id_type = r.from_type AND k.id_value = r.from_value
UNION
SELECT r.from_type, r.from_value, r.to_type, r.to_value
FROM "main"."pipes_id_refused_edges" AS r JOIN "main"."pipes_id_graph_scope" AS k ON k.id_type = r.to_type AND k.id_value = r.to_value;

-- Section 7 history (docs/identity.md, History): what happened to each profile id, comparing the live graph (the
-- last run's) with the new one on (id_type, id_value), never on node_key. On the first run the live graph is empty.
-- Only the touched nodes can change profile, and each profile lies wholly inside or outside them, so both sides are
-- the touched nodes' rows (every row after a reset).
CREATE TABLE IF NOT EXISTS "main"."pipes_id_history" (run_id VARCHAR, run_at TIMESTAMP, event VARCHAR, old_profile_id VARCHAR, new_profile_id VARCHAR, identifiers BIGINT, old_canonical VARCHAR, new_canonical VARCHAR);

-- This run's events, kept until the next run (the node's message counts them); appended to the history once the
-- new graph is published (history_append), so a failed publish never records events twice
CREATE OR REPLACE TABLE "main"."pipes_id_history_run" AS
WITH moves AS (
  -- (old id, new id, identifiers): old id NULL for identifiers new to the graph, new id NULL for those gone from it
  SELECT o.profile_id AS old_id, n.profile_id AS new_id, COUNT(*) AS identifiers
  FROM (
    -- the touched nodes' live rows by an inner join rather than IN, so the engine hashes the smaller side (the live
    -- graph is empty on a first build, the touched nodes few on an incremental run)
    SELECT * FROM "main"."pipes_id_graph" WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset")
    UNION ALL
    SELECT g.* FROM "main"."pipes_id_graph" AS g JOIN temp."pipes_id_labels" AS l ON l.node_key = g.node_key
    WHERE NOT EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset")
  ) AS o
  FULL OUTER JOIN "main"."pipes_id_graph_next" AS n ON n.id_type = o.id_type AND n.id_value = o.id_value
  GROUP BY o.profile_id, n.profile_id
), targets AS (
  -- how many new ids each old id's remaining identifiers sit under
  SELECT old_id, COUNT(new_id) AS targets FROM moves WHERE old_id IS NOT NULL GROUP BY old_id
), sources AS (
  -- how many old ids each new id took identifiers from
  SELECT new_id, COUNT(old_id) AS sources FROM moves WHERE new_id IS NOT NULL GROUP BY new_id
), events AS (
  SELECT
    CASE
      WHEN m.old_id IS NULL THEN CASE WHEN s.sources = 0 THEN 'created' END
      WHEN m.new_id IS NULL THEN CASE WHEN t.targets = 0 THEN 'removed' END
      WHEN t.targets >= 2 THEN 'split'
      WHEN m.new_id = m.old_id THEN NULL
      WHEN s.sources >= 2 THEN 'merged'
      ELSE 'rekeyed'
    END AS event,
    m.old_id, m.new_id, m.identifiers
  FROM moves AS m
  LEFT JOIN targets AS t ON t.old_id = m.old_id
  LEFT JOIN sources AS s ON s.new_id = m.new_id
), old_canonical AS (
  SELECT profile_id, id_type || ':' || id_value AS canonical FROM "main"."pipes_id_graph" WHERE node_key = canonical_key
), new_canonical AS (
  SELECT profile_id, id_type || ':' || id_value AS canonical FROM "main"."pipes_id_graph_next" WHERE node_key = canonical_key
)
SELECT r.run_id, r.run_at, e.event, e.old_id AS old_profile_id, e.new_id AS new_profile_id, e.identifiers, oc.canonical AS old_canonical, nc.canonical AS new_canonical
FROM events AS e
CROSS JOIN "main"."pipes_id_run" AS r
LEFT JOIN old_canonical AS oc ON oc.profile_id = e.old_id
LEFT JOIN new_canonical AS nc ON nc.profile_id = e.new_id
WHERE e.event IS NOT NULL;

-- Sections 7-8: one row per touched profile; Amplitude addresses it by its usable user ids, else its usable device ids
CREATE OR REPLACE TABLE "main"."pipes_profiles_next" AS
WITH members AS (
  SELECT g.profile_id, g.canonical_key, g.node_key, g.id_type, g.id_value, n.first_seen, n.last_seen, n.priority,
    CASE WHEN g.id_type = 'user_id' AND LENGTH(g.id_value) >= 5 THEN 1 ELSE 0 END AS usable_user,
    CASE WHEN g.id_type = 'device_id' AND LENGTH(g.id_value) >= 5 THEN 1 ELSE 0 END AS usable_device
  FROM "main"."pipes_id_graph_next" AS g
  JOIN "main"."pipes_id_nodes" AS n ON n.node_key = g.node_key
), profiles AS (
  SELECT
    f.profile_id,
    MIN(f.canonical_key) AS canonical_key,
    COUNT(*) AS identifiers,
    COUNT(CASE WHEN f.id_type = 'user_id' THEN 1 END) AS "n_user_id",
    COUNT(CASE WHEN f.id_type = 'email' THEN 1 END) AS "n_email",
    COUNT(CASE WHEN f.id_type = 'account_id' THEN 1 END) AS "n_account_id",
    COUNT(CASE WHEN f.id_type = 'customer_id' THEN 1 END) AS "n_customer_id",
    COUNT(CASE WHEN f.id_type = 'device_id' THEN 1 END) AS "n_device_id",
    COUNT(CASE WHEN f.id_type = 'amplitude_id' THEN 1 END) AS "n_amplitude_id",
    MIN(f.first_seen) AS first_seen,
    MAX(f.last_seen) AS last_seen,
    coalesce(list(f.id_value ORDER BY f.first_seen, f.priority, f.id_value, f.id_type) FILTER (WHERE f.usable_user = 1), []) AS amplitude_user_ids,
    -- device ids address a profile only when it has no usable user id
    CASE WHEN MAX(f.usable_user) = 0 THEN coalesce(list(f.id_value ORDER BY f.first_seen, f.priority, f.id_value, f.id_type) FILTER (WHERE f.usable_device = 1), []) ELSE CAST([] AS VARCHAR[]) END AS amplitude_device_ids,
    MAX(f.usable_user) + MAX(f.usable_device) > 0 AS addressable
  FROM members AS f
  GROUP BY f.profile_id
)
-- the canonical member's type and value joined once per profile, not once per member
SELECT p.profile_id, p.canonical_key, c.id_type AS canonical_type, c.id_value AS canonical_value, p.identifiers,
  p."n_user_id",
  p."n_email",
  p."n_account_id",
  p."n_customer_id",
  p."n_device_id",
  p."n_amplitude_id",
  p.first_seen, p.last_seen, p.amplitude_user_ids, p.amplitude_device_ids, p.addressable
FROM profiles AS p
JOIN "main"."pipes_id_nodes" AS c ON c.node_key = p.canonical_key;

CREATE TABLE IF NOT EXISTS "main"."pipes_profiles" AS SELECT * FROM "main"."pipes_profiles_next" WHERE 1 = 0;

-- The profiles this run may change: the touched ids' old profiles (in the live graph; a profile lies wholly inside
-- or outside the touched nodes, so such a profile is recomputed or gone) and their new ones
CREATE OR REPLACE TABLE "main"."pipes_profiles_scope" AS
SELECT profile_id FROM "main"."pipes_profiles_next"
UNION
SELECT g.profile_id FROM "main"."pipes_id_graph" AS g
WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_scope" AS k WHERE k.id_type = g.id_type AND k.id_value = g.id_value)
UNION
SELECT profile_id FROM "main"."pipes_profiles" WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_reset");

RESET preserve_insertion_order;

-- Working tables of this run only, which no later step, run or command reads. Kept: what pipes explain and the summary
-- read (nodes, edges, shared, components, active edges, rounds, invalid and refused edges), pipes_id_touched (the nodes
-- the last run recomputed), and the *_next and *_scope tables, which publishing reads after this (a run with nothing
-- new empties the scopes, history_idle).
DROP TABLE IF EXISTS temp."pipes_id_fresh";

DROP TABLE IF EXISTS temp."pipes_id_fresh_ids";

DROP TABLE IF EXISTS temp."pipes_id_fresh_edges";

DROP TABLE IF EXISTS temp."pipes_id_relinked";

DROP TABLE IF EXISTS temp."pipes_id_links";

DROP TABLE IF EXISTS temp."pipes_id_labels";

DROP TABLE IF EXISTS temp."pipes_id_frontier";

DROP TABLE IF EXISTS temp."pipes_id_hooked";

DROP TABLE IF EXISTS temp."pipes_id_labels_next";

DROP TABLE IF EXISTS temp."pipes_id_violating";

DROP TABLE IF EXISTS temp."pipes_id_split_order";

DROP TABLE IF EXISTS temp."pipes_id_split";

-- pipes_id_graph: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "main"."pipes_id_graph" AS SELECT * FROM "main"."pipes_id_graph_next" WHERE 1 = 0;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TABLE "main"."pipes_id_graph_changes" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "main"."pipes_id_graph_next" AS s WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_scope" AS k WHERE s."id_type" IS NOT DISTINCT FROM k."id_type" AND s."id_value" IS NOT DISTINCT FROM k."id_value")
), pipes_live_in_scope AS (
  SELECT l.* FROM "main"."pipes_id_graph" AS l WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_graph_scope" AS k WHERE l."id_type" IS NOT DISTINCT FROM k."id_type" AND l."id_value" IS NOT DISTINCT FROM k."id_value")
)
SELECT s."id_type", s."id_value", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM pipes_scratch_in_scope AS s
LEFT JOIN (SELECT "id_type", "id_value", "node_key", "canonical_key", "profile_id", 1 AS pipes_present FROM pipes_live_in_scope) AS l
  ON s."id_type" IS NOT DISTINCT FROM l."id_type" AND s."id_value" IS NOT DISTINCT FROM l."id_value"
WHERE l.pipes_present IS NULL
  OR s."node_key" IS DISTINCT FROM l."node_key"
  OR s."canonical_key" IS DISTINCT FROM l."canonical_key"
  OR s."profile_id" IS DISTINCT FROM l."profile_id"
UNION ALL
SELECT l."id_type", l."id_value", 'delete'
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "id_type", "id_value", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."id_type" IS NOT DISTINCT FROM s."id_type" AND l."id_value" IS NOT DISTINCT FROM s."id_value"
WHERE s.pipes_present IS NULL;

DELETE FROM "main"."pipes_id_graph" l USING "main"."pipes_id_graph_changes" c
WHERE c.pipes_action = 'delete' AND l."id_type" IS NOT DISTINCT FROM c."id_type" AND l."id_value" IS NOT DISTINCT FROM c."id_value";

MERGE INTO "main"."pipes_id_graph" AS l
USING (
  SELECT s.* FROM "main"."pipes_id_graph_next" AS s
  JOIN "main"."pipes_id_graph_changes" AS c ON c.pipes_action <> 'delete' AND s."id_type" IS NOT DISTINCT FROM c."id_type" AND s."id_value" IS NOT DISTINCT FROM c."id_value"
) AS s
ON l."id_type" IS NOT DISTINCT FROM s."id_type" AND l."id_value" IS NOT DISTINCT FROM s."id_value"
WHEN MATCHED THEN UPDATE SET "node_key" = s."node_key", "canonical_key" = s."canonical_key", "profile_id" = s."profile_id"
WHEN NOT MATCHED THEN INSERT ("id_type", "id_value", "node_key", "canonical_key", "profile_id") VALUES (s."id_type", s."id_value", s."node_key", s."canonical_key", s."profile_id");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "main"."pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "main"."pipes_output_changes" WHERE output_name = 'pipes_id_graph';

INSERT INTO "main"."pipes_output_changes" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_id_graph', 'identity.acme_growth.profiles',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "main"."pipes_id_graph_changes";

-- pipes_id_graph was published with these column types
CREATE TABLE IF NOT EXISTS "main"."pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "main"."pipes_output_columns" WHERE output_name = 'pipes_id_graph';

INSERT INTO "main"."pipes_output_columns" (output_name, column_name, column_type) VALUES
  ('pipes_id_graph', 'id_type', 'key'),
  ('pipes_id_graph', 'id_value', 'key'),
  ('pipes_id_graph', 'node_key', 'integer'),
  ('pipes_id_graph', 'canonical_key', 'integer'),
  ('pipes_id_graph', 'profile_id', 'string');

-- pipes_id_refused_edges: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "main"."pipes_id_refused_edges" AS SELECT * FROM "main"."pipes_id_refused_edges_next" WHERE 1 = 0;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TABLE "main"."pipes_id_refused_edges_changes" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "main"."pipes_id_refused_edges_next" AS s WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_refused_edges_scope" AS k WHERE s."from_type" IS NOT DISTINCT FROM k."from_type" AND s."from_value" IS NOT DISTINCT FROM k."from_value" AND s."to_type" IS NOT DISTINCT FROM k."to_type" AND s."to_value" IS NOT DISTINCT FROM k."to_value")
), pipes_live_in_scope AS (
  SELECT l.* FROM "main"."pipes_id_refused_edges" AS l WHERE EXISTS (SELECT 1 FROM "main"."pipes_id_refused_edges_scope" AS k WHERE l."from_type" IS NOT DISTINCT FROM k."from_type" AND l."from_value" IS NOT DISTINCT FROM k."from_value" AND l."to_type" IS NOT DISTINCT FROM k."to_type" AND l."to_value" IS NOT DISTINCT FROM k."to_value")
)
SELECT s."from_type", s."from_value", s."to_type", s."to_value", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM pipes_scratch_in_scope AS s
LEFT JOIN (SELECT "from_type", "from_value", "to_type", "to_value", "from_key", "to_key", "first_seen", "limit_type", "edge_strength", 1 AS pipes_present FROM pipes_live_in_scope) AS l
  ON s."from_type" IS NOT DISTINCT FROM l."from_type" AND s."from_value" IS NOT DISTINCT FROM l."from_value" AND s."to_type" IS NOT DISTINCT FROM l."to_type" AND s."to_value" IS NOT DISTINCT FROM l."to_value"
WHERE l.pipes_present IS NULL
  OR s."from_key" IS DISTINCT FROM l."from_key"
  OR s."to_key" IS DISTINCT FROM l."to_key"
  OR s."first_seen" IS DISTINCT FROM l."first_seen"
  OR s."limit_type" IS DISTINCT FROM l."limit_type"
  OR s."edge_strength" IS DISTINCT FROM l."edge_strength"
UNION ALL
SELECT l."from_type", l."from_value", l."to_type", l."to_value", 'delete'
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "from_type", "from_value", "to_type", "to_value", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."from_type" IS NOT DISTINCT FROM s."from_type" AND l."from_value" IS NOT DISTINCT FROM s."from_value" AND l."to_type" IS NOT DISTINCT FROM s."to_type" AND l."to_value" IS NOT DISTINCT FROM s."to_value"
WHERE s.pipes_present IS NULL;

DELETE FROM "main"."pipes_id_refused_edges" l USING "main"."pipes_id_refused_edges_changes" c
WHERE c.pipes_action = 'delete' AND l."from_type" IS NOT DISTINCT FROM c."from_type" AND l."from_value" IS NOT DISTINCT FROM c."from_value" AND l."to_type" IS NOT DISTINCT FROM c."to_type" AND l."to_value" IS NOT DISTINCT FROM c."to_value";

MERGE INTO "main"."pipes_id_refused_edges" AS l
USING (
  SELECT s.* FROM "main"."pipes_id_refused_edges_next" AS s
  JOIN "main"."pipes_id_refused_edges_changes" AS c ON c.pipes_action <> 'delete' AND s."from_type" IS NOT DISTINCT FROM c."from_type" AND s."from_value" IS NOT DISTINCT FROM c."from_value" AND s."to_type" IS NOT DISTINCT FROM c."to_type" AND s."to_value" IS NOT DISTINCT FROM c."to_value"
) AS s
ON l."from_type" IS NOT DISTINCT FROM s."from_type" AND l."from_value" IS NOT DISTINCT FROM s."from_value" AND l."to_type" IS NOT DISTINCT FROM s."to_type" AND l."to_value" IS NOT DISTINCT FROM s."to_value"
WHEN MATCHED THEN UPDATE SET "from_key" = s."from_key", "to_key" = s."to_key", "first_seen" = s."first_seen", "limit_type" = s."limit_type", "edge_strength" = s."edge_strength"
WHEN NOT MATCHED THEN INSERT ("from_type", "from_value", "to_type", "to_value", "from_key", "to_key", "first_seen", "limit_type", "edge_strength") VALUES (s."from_type", s."from_value", s."to_type", s."to_value", s."from_key", s."to_key", s."first_seen", s."limit_type", s."edge_strength");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "main"."pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "main"."pipes_output_changes" WHERE output_name = 'pipes_id_refused_edges';

INSERT INTO "main"."pipes_output_changes" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_id_refused_edges', 'identity.acme_growth.profiles',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "main"."pipes_id_refused_edges_changes";

-- pipes_id_refused_edges was published with these column types
CREATE TABLE IF NOT EXISTS "main"."pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "main"."pipes_output_columns" WHERE output_name = 'pipes_id_refused_edges';

INSERT INTO "main"."pipes_output_columns" (output_name, column_name, column_type) VALUES
  ('pipes_id_refused_edges', 'from_type', 'key'),
  ('pipes_id_refused_edges', 'from_value', 'key'),
  ('pipes_id_refused_edges', 'to_type', 'key'),
  ('pipes_id_refused_edges', 'to_value', 'key'),
  ('pipes_id_refused_edges', 'from_key', 'integer'),
  ('pipes_id_refused_edges', 'to_key', 'integer'),
  ('pipes_id_refused_edges', 'first_seen', 'datetime'),
  ('pipes_id_refused_edges', 'limit_type', 'string'),
  ('pipes_id_refused_edges', 'edge_strength', 'integer');

-- pipes_profiles: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "main"."pipes_profiles" AS SELECT * FROM "main"."pipes_profiles_next" WHERE 1 = 0;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TABLE "main"."pipes_profiles_changes" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "main"."pipes_profiles_next" AS s WHERE EXISTS (SELECT 1 FROM "main"."pipes_profiles_scope" AS k WHERE s."profile_id" IS NOT DISTINCT FROM k."profile_id")
), pipes_live_in_scope AS (
  SELECT l.* FROM "main"."pipes_profiles" AS l WHERE EXISTS (SELECT 1 FROM "main"."pipes_profiles_scope" AS k WHERE l."profile_id" IS NOT DISTINCT FROM k."profile_id")
)
SELECT s."profile_id", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM pipes_scratch_in_scope AS s
LEFT JOIN (SELECT "profile_id", "canonical_key", "canonical_type", "canonical_value", "identifiers", "n_user_id", "n_email", "n_account_id", "n_customer_id", "n_device_id", "n_amplitude_id", "first_seen", "last_seen", "amplitude_user_ids", "amplitude_device_ids", "addressable", 1 AS pipes_present FROM pipes_live_in_scope) AS l
  ON s."profile_id" IS NOT DISTINCT FROM l."profile_id"
WHERE l.pipes_present IS NULL
  OR s."canonical_key" IS DISTINCT FROM l."canonical_key"
  OR s."canonical_type" IS DISTINCT FROM l."canonical_type"
  OR s."canonical_value" IS DISTINCT FROM l."canonical_value"
  OR s."identifiers" IS DISTINCT FROM l."identifiers"
  OR s."n_user_id" IS DISTINCT FROM l."n_user_id"
  OR s."n_email" IS DISTINCT FROM l."n_email"
  OR s."n_account_id" IS DISTINCT FROM l."n_account_id"
  OR s."n_customer_id" IS DISTINCT FROM l."n_customer_id"
  OR s."n_device_id" IS DISTINCT FROM l."n_device_id"
  OR s."n_amplitude_id" IS DISTINCT FROM l."n_amplitude_id"
  OR s."first_seen" IS DISTINCT FROM l."first_seen"
  OR s."last_seen" IS DISTINCT FROM l."last_seen"
  OR s."amplitude_user_ids" IS DISTINCT FROM l."amplitude_user_ids"
  OR s."amplitude_device_ids" IS DISTINCT FROM l."amplitude_device_ids"
  OR s."addressable" IS DISTINCT FROM l."addressable"
UNION ALL
SELECT l."profile_id", 'delete'
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "profile_id", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."profile_id" IS NOT DISTINCT FROM s."profile_id"
WHERE s.pipes_present IS NULL;

DELETE FROM "main"."pipes_profiles" l USING "main"."pipes_profiles_changes" c
WHERE c.pipes_action = 'delete' AND l."profile_id" IS NOT DISTINCT FROM c."profile_id";

MERGE INTO "main"."pipes_profiles" AS l
USING (
  SELECT s.* FROM "main"."pipes_profiles_next" AS s
  JOIN "main"."pipes_profiles_changes" AS c ON c.pipes_action <> 'delete' AND s."profile_id" IS NOT DISTINCT FROM c."profile_id"
) AS s
ON l."profile_id" IS NOT DISTINCT FROM s."profile_id"
WHEN MATCHED THEN UPDATE SET "canonical_key" = s."canonical_key", "canonical_type" = s."canonical_type", "canonical_value" = s."canonical_value", "identifiers" = s."identifiers", "n_user_id" = s."n_user_id", "n_email" = s."n_email", "n_account_id" = s."n_account_id", "n_customer_id" = s."n_customer_id", "n_device_id" = s."n_device_id", "n_amplitude_id" = s."n_amplitude_id", "first_seen" = s."first_seen", "last_seen" = s."last_seen", "amplitude_user_ids" = s."amplitude_user_ids", "amplitude_device_ids" = s."amplitude_device_ids", "addressable" = s."addressable"
WHEN NOT MATCHED THEN INSERT ("profile_id", "canonical_key", "canonical_type", "canonical_value", "identifiers", "n_user_id", "n_email", "n_account_id", "n_customer_id", "n_device_id", "n_amplitude_id", "first_seen", "last_seen", "amplitude_user_ids", "amplitude_device_ids", "addressable") VALUES (s."profile_id", s."canonical_key", s."canonical_type", s."canonical_value", s."identifiers", s."n_user_id", s."n_email", s."n_account_id", s."n_customer_id", s."n_device_id", s."n_amplitude_id", s."first_seen", s."last_seen", s."amplitude_user_ids", s."amplitude_device_ids", s."addressable");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "main"."pipes_output_changes" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "main"."pipes_output_changes" WHERE output_name = 'pipes_profiles';

INSERT INTO "main"."pipes_output_changes" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_profiles', 'identity.acme_growth.profiles',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "main"."pipes_profiles_changes";

-- pipes_profiles was published with these column types
CREATE TABLE IF NOT EXISTS "main"."pipes_output_columns" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "main"."pipes_output_columns" WHERE output_name = 'pipes_profiles';

INSERT INTO "main"."pipes_output_columns" (output_name, column_name, column_type) VALUES
  ('pipes_profiles', 'profile_id', 'key'),
  ('pipes_profiles', 'canonical_key', 'integer'),
  ('pipes_profiles', 'canonical_type', 'string'),
  ('pipes_profiles', 'canonical_value', 'string'),
  ('pipes_profiles', 'identifiers', 'integer'),
  ('pipes_profiles', 'n_user_id', 'integer'),
  ('pipes_profiles', 'n_email', 'integer'),
  ('pipes_profiles', 'n_account_id', 'integer'),
  ('pipes_profiles', 'n_customer_id', 'integer'),
  ('pipes_profiles', 'n_device_id', 'integer'),
  ('pipes_profiles', 'n_amplitude_id', 'integer'),
  ('pipes_profiles', 'first_seen', 'datetime'),
  ('pipes_profiles', 'last_seen', 'datetime'),
  ('pipes_profiles', 'amplitude_user_ids', 'array'),
  ('pipes_profiles', 'amplitude_device_ids', 'array'),
  ('pipes_profiles', 'addressable', 'boolean');

-- After the publish: this run's events join the history
INSERT INTO "main"."pipes_id_history" (run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical)
SELECT run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical
FROM "main"."pipes_id_history_run";

-- The graph now holds every kept row: the next run integrates only rows numbered past these, and forgets rows numbered
-- past them (a run that did not complete). Written first, before the watermarks and digests: a watermark past the
-- graph state would leave the rows between unread once forgotten. One UPDATE marks every input complete at once; an
-- input with no row yet gets one first, still pending and with no row number (every row of it is forgotten).
DELETE FROM "main"."pipes_id_graph_state" WHERE input_no NOT IN (SELECT input_no FROM "main"."pipes_id_watermarks_next");

INSERT INTO "main"."pipes_id_graph_state" (input_no, row_no, rules_hash)
SELECT input_no, NULL, 'pending' FROM "main"."pipes_id_watermarks_next" WHERE input_no NOT IN (SELECT input_no FROM "main"."pipes_id_graph_state");

UPDATE "main"."pipes_id_graph_state" AS g SET row_no = w.max_row_no, rules_hash = '86387dae3bb328a5a3f98c33bf471ad5'
FROM "main"."pipes_id_watermarks_next" AS w
WHERE w.input_no = g.input_no;

-- Incremental observations: the watermarks of this run, recorded only now that every output is written, so a run
-- that fails before this point reads the same rows again (and the fingerprints keep them from counting twice)
DELETE FROM "main"."pipes_id_watermarks" WHERE input_name IN (SELECT input_name FROM "main"."pipes_id_watermarks_next");

INSERT INTO "main"."pipes_id_watermarks" (input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash)
SELECT input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash FROM "main"."pipes_id_watermarks_next";

-- The inputs without iterator: their row count and digest, for the next run to tell an unchanged input
DELETE FROM "main"."pipes_id_input_digests" WHERE input_name IN (SELECT input_name FROM "main"."pipes_id_input_digests_next");

INSERT INTO "main"."pipes_id_input_digests" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT input_name, input_rows, input_digest, read_skipped, rules_hash FROM "main"."pipes_id_input_digests_next";

DROP TABLE "main"."pipes_id_input_digests_next";

DROP TABLE "main"."pipes_id_watermarks_next";

-- After the outputs are written: the rules this run used, so the next run can tell whether they changed
CREATE OR REPLACE TABLE "main"."pipes_id_state" AS
SELECT c.rules_checksum, c.previous_checksum, c.rules_changed, r.run_id, r.run_at
FROM "main"."pipes_id_rules_check" AS c
CROSS JOIN "main"."pipes_id_run" AS r;

DROP TABLE "main"."pipes_id_rules_check";

-- pipes: before every statement above, the runner records this run's id and start time, e.g.
-- -- This run's id and time, written by the runner before the identity node (compiled SQL reads no clock)
-- CREATE OR REPLACE TABLE "main"."pipes_id_run" AS
-- SELECT CAST('<run id>' AS VARCHAR) AS run_id, CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP) AS run_at;

