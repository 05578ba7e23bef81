-- 016_identity.acme_growth.profiles.sql
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

-- Finds "ANALYTICS"."PIPES"."PIPES_PROFILES" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run's (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = 'ANALYTICS' AND table_schema = 'PIPES' AND table_name = 'PIPES_PROFILES'
), expected AS (
  SELECT column_name, column_type FROM (VALUES ('PROFILE_ID', 'key'), ('CANONICAL_KEY', 'integer'), ('CANONICAL_TYPE', 'string'), ('CANONICAL_VALUE', 'string'), ('IDENTIFIERS', 'integer'), ('N_USER_ID', 'integer'), ('N_EMAIL', 'integer'), ('N_ACCOUNT_ID', 'integer'), ('N_CUSTOMER_ID', 'integer'), ('N_DEVICE_ID', 'integer'), ('N_AMPLITUDE_ID', 'integer'), ('FIRST_SEEN', 'datetime'), ('LAST_SEEN', 'datetime'), ('AMPLITUDE_USER_IDS', 'array'), ('AMPLITUDE_DEVICE_IDS', 'array'), ('ADDRESSABLE', 'boolean')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT 'table with other columns' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT 'table with other column types', 2 FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = 'pipes_profiles' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1;

-- Section 6 for engines with scripting: the ordered procedure as a JavaScript UDTF, one partition per violating
-- component, rows in procedure order (its nodes first, then its edges by strength, first_seen, earlier key, later key).
-- Refusals are not numbered here (a partition sees one component): identity/split_number.sql.scriban numbers them.
CREATE OR REPLACE FUNCTION "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_UDTF"(KIND VARCHAR, NODE_KEY FLOAT, ID_TYPE VARCHAR, OTHER_KEY FLOAT, LIMITS VARCHAR)
RETURNS TABLE (NODE_KEY FLOAT, CANONICAL_KEY FLOAT, REFUSED_TO FLOAT, LIMIT_TYPE VARCHAR)
LANGUAGE JAVASCRIPT
AS $$
{
  initialize: function (argumentInfo, context) {
    this.parent = {};
    this.size = {};
    this.smallest = {};
    this.counts = {};
    this.limits = null;
  },
  processRow: function (row, rowWriter, context) {
    var parent = this.parent;
    var find = function (x) {
      var root = x;
      while (parent[root] !== root) { root = parent[root]; }
      while (parent[x] !== root) { var next = parent[x]; parent[x] = root; x = next; }
      return root;
    };
    if (this.limits === null) { this.limits = JSON.parse(row.LIMITS); }
    if (row.KIND === 'n') {
      var k = row.NODE_KEY;
      parent[k] = k;
      this.size[k] = 1;
      this.smallest[k] = k;
      var counts = {};
      counts[row.ID_TYPE] = 1;
      this.counts[k] = counts;
      return;
    }
    var a = find(row.NODE_KEY);
    var b = find(row.OTHER_KEY);
    if (a === b) { return; }
    for (var i = 0; i < this.limits.length; i++) {
      var type = this.limits[i][0];
      if ((this.counts[a][type] || 0) + (this.counts[b][type] || 0) > this.limits[i][1]) {
        rowWriter.writeRow({NODE_KEY: row.NODE_KEY, REFUSED_TO: row.OTHER_KEY, LIMIT_TYPE: type});
        return;
      }
    }
    if (this.size[a] < this.size[b]) { var swap = a; a = b; b = swap; }
    parent[b] = a;
    this.size[a] += this.size[b];
    this.smallest[a] = Math.min(this.smallest[a], this.smallest[b]);
    for (var t in this.counts[b]) { this.counts[a][t] = (this.counts[a][t] || 0) + this.counts[b][t]; }
  },
  finalize: function (rowWriter, context) {
    var parent = this.parent;
    for (var key in parent) {
      var root = parent[key];
      while (parent[root] !== root) { root = parent[root]; }
      rowWriter.writeRow({NODE_KEY: Number(key), CANONICAL_KEY: this.smallest[root]});
    }
  }
}
$$;

-- Exact exclusions as written (id_type NULL: global); prepare maps them into "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSIONS" and drops this table
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES" (id_type VARCHAR, value VARCHAR);

INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES" (id_type, value) VALUES
  (NULL, 'test@example.com');

EXECUTE IMMEDIATE $$
DECLARE
  rounds_run INTEGER DEFAULT 0;
  last_changed INTEGER DEFAULT 1;
  round_cap INTEGER DEFAULT 0;
  round_cap_exceeded EXCEPTION (-20001, 'identity: connected components did not converge within the round cap');
  nothing_new INTEGER DEFAULT 0;
BEGIN
-- Section 7: the checksum of the identity rules and declarations the last successful run used; a different one
-- means the rules changed, so this run is a full rebuild and says so (docs/identity.md, History)
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_STATE" (rules_checksum VARCHAR, previous_checksum VARCHAR, rules_changed BOOLEAN, run_id VARCHAR, run_at TIMESTAMP_NTZ);
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" AS
SELECT
  CAST('9a2a65b4491749cd332374cc2f9a4181' AS VARCHAR) AS rules_checksum,
  MAX(s.rules_checksum) AS previous_checksum,
  COALESCE(MAX(s.rules_checksum) <> '9a2a65b4491749cd332374cc2f9a4181', FALSE) AS rules_changed
FROM "ANALYTICS"."PIPES"."PIPES_ID_STATE" AS s;
-- Exact exclusions as a relation, joined once: every type's own values plus the global ones, mapped by the same
-- lowercase function as the values they are compared with (docs/identity.md section 2).
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSIONS" AS
SELECT DISTINCT k.id_type, LOWER(TRANSLATE(x.value, 'İΣ', 'iσ')) AS value
FROM "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES" AS x
JOIN (VALUES ('user_id'), ('email'), ('account_id'), ('customer_id'), ('device_id'), ('amplitude_id')) AS k(id_type) ON x.id_type = k.id_type OR x.id_type IS NULL;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES";
-- Per input, the iterator's watermark as of the last run whose outputs were all written
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" (input_name VARCHAR, iterator VARCHAR, watermark_at TIMESTAMP_NTZ, watermark_number FLOAT, kept_rows BIGINT, rows_digest VARCHAR, rules_hash VARCHAR);
-- Every source row read so far, by fingerprint (row_key): a row read again (lookback, re-delivery) adds nothing
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" (input_no INTEGER, row_key VARCHAR, row_no BIGINT, observed_at TIMESTAMP_NTZ, at_issue VARCHAR, at_text VARCHAR, iterator_at TIMESTAMP_NTZ, iterator_number FLOAT);
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" (input_no INTEGER, row_no BIGINT, observed_at TIMESTAMP_NTZ, id_type VARCHAR, priority INTEGER, raw_value VARCHAR, id_value VARCHAR, reason VARCHAR);
-- row_no: the largest row number among the rows counted, so counts of a run that did not complete can be forgotten
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no INTEGER, id_type VARCHAR, missing BIGINT, row_no BIGINT);
-- Tables created before the column held counts of completed runs only (NULL: never forgotten)
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_ID_MISSING" ADD COLUMN IF NOT EXISTS row_no BIGINT;
-- Per input without iterator, its row count and digest (below) as of the last run whose outputs were all written
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" (input_name VARCHAR, input_rows BIGINT, input_digest VARCHAR, read_skipped BOOLEAN, rules_hash VARCHAR);
-- Per input, the last row number the graph (nodes, edges, components, outputs) has integrated, as of the last run
-- whose outputs were all written; marked pending below until this run's are, so a run that fails halfway leaves a
-- state the next run does not trust
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" (input_no INTEGER, row_no BIGINT, rules_hash VARCHAR);
-- Why this run rebuilds the graph from every kept observation instead of only the components its new rows touch
-- (none: incremental); an input without iterator whose kept rows vanished at the source adds a reason below
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" AS
SELECT CAST('rules changed' AS VARCHAR) AS reason FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE rules_changed
UNION ALL
SELECT 'no graph state' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE rules_hash = '961debd6615f4c74c7e997be1a7cda3f');
-- Outputs are published by key scope (the keys of the components a run touches): an output with no counts row has
-- not been published by this Pipes (a table an older one replaced, or one whose counts were lost), so when nothing
-- else resets the graph, it is rebuilt once and every output published in full, which corrects such a table row by row
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason)
SELECT 'outputs not yet published' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK"
WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET")
  AND (SELECT COUNT(DISTINCT output_name) FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name IN ('pipes_id_graph', 'pipes_id_refused_edges', 'pipes_profiles')) < 3;
UPDATE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" SET rules_hash = 'pending';
-- A change of the identity rules (pipes_id_rules_check) or of any statement of this node is a full rebuild: the rows
-- kept so far were read and normalised under the old ones, so they are read again (the graph state goes with them,
-- before the watermarks this condition reads, so should this run not complete, the next one forgets what it kept)
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> '961debd6615f4c74c7e997be1a7cda3f');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> '961debd6615f4c74c7e997be1a7cda3f');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> '961debd6615f4c74c7e997be1a7cda3f');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> '961debd6615f4c74c7e997be1a7cda3f');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> '961debd6615f4c74c7e997be1a7cda3f');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> '961debd6615f4c74c7e997be1a7cda3f');
-- A run that did not complete (failed or interrupted) may have kept rows without their observations or missing counts,
-- or those without the graph built on them. Everything numbered past the graph state of the last completed run (every
-- row of an input it has no row for) is forgotten, and read again below: the input's watermark and digest are still
-- that run's or older, as the closing statements write them after the graph state
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS"
WHERE (input_no = 1 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 1), 0))
   OR (input_no = 2 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 2), 0))
   OR (input_no = 3 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 3), 0))
   OR (input_no = 4 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 4), 0))
   OR (input_no = 5 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 5), 0));
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS"
WHERE (input_no = 1 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 1), 0))
   OR (input_no = 2 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 2), 0))
   OR (input_no = 3 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 3), 0))
   OR (input_no = 4 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 4), 0))
   OR (input_no = 5 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 5), 0));
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING"
WHERE (input_no = 1 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 1), 0))
   OR (input_no = 2 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 2), 0))
   OR (input_no = 3 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 3), 0))
   OR (input_no = 4 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 4), 0))
   OR (input_no = 5 AND row_no > COALESCE((SELECT MAX(g.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g WHERE g.input_no = 5), 0));
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name VARCHAR, input_rows BIGINT, input_digest VARCHAR, read_skipped BOOLEAN, rules_hash VARCHAR);
-- seed.amplitude_events has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.amplitude_events', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = 'seed.amplitude_events' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '961debd6615f4c74c7e997be1a7cda3f'),
  '961debd6615f4c74c7e997be1a7cda3f'
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || ':' || s.f3, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f4)) || ':' || s.f4, '-'))) AS input_digest
  FROM (SELECT TO_VARCHAR("EVENT_TIME") AS f0, TO_VARCHAR("USER_ID") AS f1, TO_VARCHAR("DEVICE_ID") AS f2, TO_VARCHAR("USER_PROPERTIES") AS f3, TO_VARCHAR("AMPLITUDE_ID") AS f4 FROM "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_1" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "EVENT_TIME", "USER_ID", "DEVICE_ID", "USER_PROPERTIES", "AMPLITUDE_ID"
  FROM "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.amplitude_events' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2, ANY_VALUE(r3) AS r3
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || ':' || s.f3, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f4)) || ':' || s.f4, '-'), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
      , s.r2
      , s.r3
    FROM (
      SELECT
        source_row,
        TO_VARCHAR("EVENT_TIME") AS f0,
        TO_VARCHAR("USER_ID") AS f1,
        TO_VARCHAR("DEVICE_ID") AS f2,
        TO_VARCHAR("USER_PROPERTIES") AS f3,
        TO_VARCHAR("AMPLITUDE_ID") AS f4,
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), '[0-9]{11,13}')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), '-?[0-9]{1,10}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("EVENT_TIME"), ' ')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), '[0-9]{11,13}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("EVENT_TIME"), ' ')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), ' '), 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END) END) AS at_value,
        TO_VARCHAR("EVENT_TIME") AS at_text,
        TO_VARCHAR("USER_ID") AS r0, TO_VARCHAR("DEVICE_ID") AS r1, GET_PATH("USER_PROPERTIES", 'email')::VARCHAR AS r2, TO_VARCHAR("AMPLITUDE_ID") AS r3
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.amplitude_events has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT 'rows removed from seed.amplitude_events' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.amplitude_events' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 1 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_1" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = 'seed.amplitude_events' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_events');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_events');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_events');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_events');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_events');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 1) + r.new_no AS row_no
FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_1" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_1" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 1 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_1";
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 1, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1";
-- seed.amplitude_merged_ids has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.amplitude_merged_ids', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = 'seed.amplitude_merged_ids' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '961debd6615f4c74c7e997be1a7cda3f'),
  '961debd6615f4c74c7e997be1a7cda3f'
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-'))) AS input_digest
  FROM (SELECT TO_VARCHAR("MERGE_EVENT_TIME") AS f0, TO_VARCHAR("AMPLITUDE_ID") AS f1, TO_VARCHAR("MERGED_AMPLITUDE_ID") AS f2 FROM "ANALYTICS"."PIPES"."AMPLITUDE_MERGED_IDS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_2" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "MERGE_EVENT_TIME", "AMPLITUDE_ID", "MERGED_AMPLITUDE_ID"
  FROM "ANALYTICS"."PIPES"."AMPLITUDE_MERGED_IDS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.amplitude_merged_ids' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-'), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
    FROM (
      SELECT
        source_row,
        TO_VARCHAR("MERGE_EVENT_TIME") AS f0,
        TO_VARCHAR("AMPLITUDE_ID") AS f1,
        TO_VARCHAR("MERGED_AMPLITUDE_ID") AS f2,
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), '[0-9]{11,13}')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), '-?[0-9]{1,10}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' ')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), '[0-9]{11,13}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' ')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), ' '), 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END) END) AS at_value,
        TO_VARCHAR("MERGE_EVENT_TIME") AS at_text,
        TO_VARCHAR("AMPLITUDE_ID") AS r0, TO_VARCHAR("MERGED_AMPLITUDE_ID") AS r1
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.amplitude_merged_ids has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT 'rows removed from seed.amplitude_merged_ids' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.amplitude_merged_ids' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 2 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_2" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = 'seed.amplitude_merged_ids' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_merged_ids');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_merged_ids');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_merged_ids');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_merged_ids');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.amplitude_merged_ids');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 2) + r.new_no AS row_no
FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_2" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_2" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 2 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_2";
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 2, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2";
-- seed.billing_customers has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.billing_customers', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = 'seed.billing_customers' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '961debd6615f4c74c7e997be1a7cda3f'),
  '961debd6615f4c74c7e997be1a7cda3f'
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-'))) AS input_digest
  FROM (SELECT TO_VARCHAR("UPDATED_AT") AS f0, TO_VARCHAR("CUSTOMER_ID") AS f1, TO_VARCHAR("EMAIL") AS f2 FROM "ANALYTICS"."PIPES"."BILLING_CUSTOMERS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_3" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "UPDATED_AT", "CUSTOMER_ID", "EMAIL"
  FROM "ANALYTICS"."PIPES"."BILLING_CUSTOMERS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.billing_customers' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-'), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
    FROM (
      SELECT
        source_row,
        TO_VARCHAR("UPDATED_AT") AS f0,
        TO_VARCHAR("CUSTOMER_ID") AS f1,
        TO_VARCHAR("EMAIL") AS f2,
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '[0-9]{11,13}')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '-?[0-9]{1,10}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), ' ')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '[0-9]{11,13}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), ' ')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END) END) AS at_value,
        TO_VARCHAR("UPDATED_AT") AS at_text,
        TO_VARCHAR("CUSTOMER_ID") AS r0, TO_VARCHAR("EMAIL") AS r1
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.billing_customers has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT 'rows removed from seed.billing_customers' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.billing_customers' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 3 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_3" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = 'seed.billing_customers' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.billing_customers');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.billing_customers');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.billing_customers');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.billing_customers');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.billing_customers');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 3) + r.new_no AS row_no
FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_3" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_3" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 3 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_3";
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 3, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3";
-- seed.crm_contacts has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.crm_contacts', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = 'seed.crm_contacts' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '961debd6615f4c74c7e997be1a7cda3f'),
  '961debd6615f4c74c7e997be1a7cda3f'
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || ':' || s.f3, '-'))) AS input_digest
  FROM (SELECT TO_VARCHAR("UPDATED_AT") AS f0, TO_VARCHAR("EMAIL") AS f1, TO_VARCHAR("ACCOUNT_ID") AS f2, TO_VARCHAR("ALT_EMAILS") AS f3 FROM "ANALYTICS"."PIPES"."CRM_CONTACTS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_4" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "UPDATED_AT", "EMAIL", "ACCOUNT_ID", "ALT_EMAILS"
  FROM "ANALYTICS"."PIPES"."CRM_CONTACTS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.crm_contacts' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || ':' || s.f3, '-'), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
      , s.r2
    FROM (
      SELECT
        source_row,
        TO_VARCHAR("UPDATED_AT") AS f0,
        TO_VARCHAR("EMAIL") AS f1,
        TO_VARCHAR("ACCOUNT_ID") AS f2,
        TO_VARCHAR("ALT_EMAILS") AS f3,
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '[0-9]{11,13}')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '-?[0-9]{1,10}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), ' ')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), '[0-9]{11,13}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), ' ')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), ' '), 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END) END) AS at_value,
        TO_VARCHAR("UPDATED_AT") AS at_text,
        TO_VARCHAR("EMAIL") AS r0, TO_VARCHAR("ACCOUNT_ID") AS r1, "ALT_EMAILS" AS r2
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.crm_contacts has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT 'rows removed from seed.crm_contacts' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.crm_contacts' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 4 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_4" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = 'seed.crm_contacts' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.crm_contacts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.crm_contacts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.crm_contacts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.crm_contacts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.crm_contacts');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 4) + r.new_no AS row_no
FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_4" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_4" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 4 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_4";
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 4, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4";
-- seed.product_accounts has no iterator, so finding what changed means reading every row. One cheap scan first: its row
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run's
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT 'seed.product_accounts', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = 'seed.product_accounts' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = '961debd6615f4c74c7e997be1a7cda3f'),
  '961debd6615f4c74c7e997be1a7cda3f'
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || ':' || s.f3, '-'))) AS input_digest
  FROM (SELECT TO_VARCHAR("CREATED_AT") AS f0, TO_VARCHAR("USER_ID") AS f1, TO_VARCHAR("ACCOUNT_ID") AS f2, TO_VARCHAR("CUSTOMER_ID") AS f3 FROM "ANALYTICS"."PIPES"."PRODUCT_ACCOUNTS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_5" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering's pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "CREATED_AT", "USER_ID", "ACCOUNT_ID", "CUSTOMER_ID"
  FROM "ANALYTICS"."PIPES"."PRODUCT_ACCOUNTS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.product_accounts' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || ':' || s.f0, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || ':' || s.f1, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || ':' || s.f2, '-') || '|' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || ':' || s.f3, '-'), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST('1970-01-01 00:00:00' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN 'missing' ELSE 'unreadable' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
      , s.r2
    FROM (
      SELECT
        source_row,
        TO_VARCHAR("CREATED_AT") AS f0,
        TO_VARCHAR("USER_ID") AS f1,
        TO_VARCHAR("ACCOUNT_ID") AS f2,
        TO_VARCHAR("CUSTOMER_ID") AS f3,
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), ' '), '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?') OR REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), ' '), '-?[0-9]{1,10}') OR REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), ' '), '[0-9]{11,13}')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), ' '), '-?[0-9]{1,10}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("CREATED_AT"), ' ')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), ' '), '[0-9]{11,13}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("CREATED_AT"), ' ')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), ' '), 11), '[+-]'), '') = '-' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), ' '), 11), '[+-]([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), ' '), 11), '[+-][0-9]{2}:?([0-9]{2})', 1, 1, 'e', 1), ''), '') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("CREATED_AT"), ' '), 10) || ' ' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), ' '), 12, 5), ''), '00:00') || ':' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), ' '), 11), '[0-9]{2}:[0-9]{2}:([0-9]{2})', 1, 1, 'e', 1), ''), ''), '00') || '.' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), ' '), 11), '[.]([0-9]+)', 1, 1, 'e', 1), ''), 6), 6, '0'), 'YYYY-MM-DD HH24:MI:SS.FF6')) END) END) AS at_value,
        TO_VARCHAR("CREATED_AT") AS at_text,
        TO_VARCHAR("USER_ID") AS r0, TO_VARCHAR("ACCOUNT_ID") AS r1, TO_VARCHAR("CUSTOMER_ID") AS r2
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.product_accounts has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input's kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT 'rows removed from seed.product_accounts' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = 'seed.product_accounts' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 5 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_5" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input's graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = 'seed.product_accounts' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.product_accounts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.product_accounts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.product_accounts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.product_accounts');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = 'rows removed from seed.product_accounts');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS
-- New rows are numbered after the input's rows kept so far, in the order the engine read them (the number ties a
-- row's identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read's place numbers alone, then joins them back, instead of sorting whole rows.
SELECT f.*, (SELECT COALESCE(MAX(row_no), 0) FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 5) + r.new_no AS row_no
FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_5" AS f
JOIN (
  SELECT g.source_row, ROW_NUMBER() OVER (ORDER BY g.source_row) AS new_no
  FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_5" AS g
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 5 AND p.row_key = g.row_key)
) AS r ON r.source_row = f.source_row;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_5";
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" (input_no, row_key, row_no, observed_at, at_issue, at_text, iterator_at, iterator_number)
SELECT 5, row_key, row_no, observed_at, at_issue, at_text, NULL, NULL FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5";
-- The watermarks: per input, the latest iterator of every row kept so far, how many rows are kept and a digest of
-- them, and the last row number (the graph state); recorded only once the outputs are written. One scan of the kept rows for every input.
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT" AS
SELECT i.input_name, i.iterator, k.watermark_at, k.watermark_number, COALESCE(k.kept_rows, 0) AS kept_rows,
  COALESCE(k.rows_digest, '0') AS rows_digest, CAST('961debd6615f4c74c7e997be1a7cda3f' AS VARCHAR) AS rules_hash,
  i.input_no, k.max_row_no
FROM (VALUES (1, CAST('seed.amplitude_events' AS VARCHAR), CAST(NULL AS VARCHAR)), (2, CAST('seed.amplitude_merged_ids' AS VARCHAR), CAST(NULL AS VARCHAR)), (3, CAST('seed.billing_customers' AS VARCHAR), CAST(NULL AS VARCHAR)), (4, CAST('seed.crm_contacts' AS VARCHAR), CAST(NULL AS VARCHAR)), (5, CAST('seed.product_accounts' AS VARCHAR), CAST(NULL AS VARCHAR))) AS i(input_no, input_name, iterator)
LEFT JOIN (
  SELECT input_no, MAX(iterator_at) AS watermark_at, MAX(iterator_number) AS watermark_number, COUNT(*) AS kept_rows,
    TO_VARCHAR(SUM(HASH(row_key))) AS rows_digest, MAX(row_no) AS max_row_no
  FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS"
  GROUP BY input_no
) AS k ON k.input_no = i.input_no;
-- Sections 1-2: one row per (new source row, type, raw value), normalised, with the first reason it is invalid.
-- TRIM(v, '0-') = '' is IdentityPlaceholders.ZerosAndDashesPattern without a regex (v is not empty there).
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" (input_no, row_no, observed_at, id_type, priority, raw_value, id_value, reason)
-- Each (input, type) group is normalised on its own, as its type is known there: no per-row dispatch on the type.
-- lv is v in lowercase, for the exclusions and placeholders: v itself when the type's normalisers end in lowercase.
WITH lowered AS (
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 1 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'user_id' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 5 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'device_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, ' '), 'İΣ', 'iσ')) AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'email' AS id_type, r.r2 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r2 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 6 AS priority, raw_value, not_array, TRANSLATE(TRIM(raw_value, ' '), CHR(9) || CHR(10) || CHR(12) || CHR(13) || CHR(32), '') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, 'amplitude_id' AS id_type, r.r3 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r3 IS NOT NULL
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
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS r WHERE r.r0 IS NOT NULL
  UNION ALL
  SELECT 2 AS input_no, r.row_no, r.observed_at, 'amplitude_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS r WHERE r.r1 IS NOT NULL
  ) AS d
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 4 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 3 AS input_no, r.row_no, r.observed_at, 'customer_id' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, ' '), 'İΣ', 'iσ')) AS v
    FROM (
  SELECT 3 AS input_no, r.row_no, r.observed_at, 'email' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r WHERE r.r1 IS NOT NULL
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
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r WHERE r.r0 IS NOT NULL
  UNION ALL
  SELECT 4 AS input_no, r.row_no, r.observed_at, 'email' AS id_type, f.value::VARCHAR AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r, LATERAL FLATTEN(input => (CASE WHEN IS_ARRAY(TRY_PARSE_JSON(TO_VARCHAR(r.r2))) THEN TRY_PARSE_JSON(TO_VARCHAR(r.r2)) END)) AS f
  -- a NULL element counts only where no plain column of the type is NULL (that row's NULL is counted as missing)
  WHERE f.value::VARCHAR IS NOT NULL OR (r.r0 IS NOT NULL)
  UNION ALL
  -- not an array (an object, a scalar, text that is not JSON): one invalid observation of the column's text
  SELECT 4, r.row_no, r.observed_at, 'email', TO_VARCHAR(r.r2), TRUE
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r WHERE (r.r2 IS NOT NULL AND TRIM(TO_VARCHAR(r.r2)) <> '' AND (TRY_PARSE_JSON(TO_VARCHAR(r.r2)) IS NULL OR NOT (IS_ARRAY(TRY_PARSE_JSON(TO_VARCHAR(r.r2))) OR IS_NULL_VALUE(TRY_PARSE_JSON(TO_VARCHAR(r.r2))))))
  ) AS d
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 3 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 4 AS input_no, r.row_no, r.observed_at, 'account_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 1 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, 'user_id' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 3 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, 'account_id' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, 'İΣ', 'iσ')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 4 AS priority, raw_value, not_array, TRIM(raw_value, ' ') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, 'customer_id' AS id_type, r.r2 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r WHERE r.r2 IS NOT NULL
    ) AS g
  ) AS n
), checked AS (
  SELECT o.input_no, o.row_no, o.observed_at, o.id_type, o.priority, o.raw_value, o.v,
    CASE
      WHEN o.not_array THEN 'not_an_array'
      WHEN v IS NULL OR v = '' THEN 'null_or_empty'
      WHEN id_type = 'user_id' AND LENGTH(v) < 5 THEN 'too_short'
      WHEN id_type = 'amplitude_id' AND LENGTH(v) > 19 THEN 'too_long'
      WHEN id_type = 'email' AND NOT REGEXP_LIKE(v, '^[^@[:space:]]+@[^@[:space:]]+$') THEN 'pattern_mismatch'
      WHEN id_type = 'amplitude_id' AND NOT REGEXP_LIKE(v, '^[0-9]+$') THEN 'pattern_mismatch'
      WHEN x.excluded_value IS NOT NULL THEN 'excluded'
      WHEN REGEXP_LIKE(v, '^qa\\+.*@acme\\.com$', 'i') THEN 'excluded'
      WHEN lv IN ('null', 'none', 'nil', 'undefined', 'unknown', 'anonymous', 'n/a', 'na', '0', '-1', '{}', '00000000-0000-0000-0000-000000000000', 'lmy47d') OR TRIM(v, '0-') = '' THEN 'placeholder'
    END AS reason
  FROM lowered AS o
  LEFT JOIN (SELECT id_type AS excluded_type, value AS excluded_value FROM "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSIONS") AS x ON x.excluded_type = o.id_type AND x.excluded_value = o.lv
)
-- Raw text is kept only where the audit needs it (invalid rows), which halves what is written at scale.
SELECT input_no, row_no, observed_at, id_type, priority, CASE WHEN reason IS NOT NULL THEN raw_value END AS raw_value, CASE WHEN reason IS NULL THEN v END AS id_value, reason
FROM checked;
-- NULLs of plain and path columns are invalid (null_or_empty) observations too; counting them here instead of
-- writing one row each keeps the observations table to the values actually present. A row counts once per type,
-- however many of its columns of that type are NULL (section 1). Each run adds the counts of its new rows.
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 1, 'user_id', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 1, 'device_id', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 1, 'email', COUNT(CASE WHEN r.r2 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 1, 'amplitude_id', COUNT(CASE WHEN r.r3 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 2, 'amplitude_id', COUNT(CASE WHEN r.r0 IS NULL OR r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 3, 'customer_id', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 3, 'email', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 4, 'email', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 4, 'account_id', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 5, 'user_id', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 5, 'account_id', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 5, 'customer_id', COUNT(CASE WHEN r.r2 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5";
-- Incremental: no new rows under the same rules leave every output as the last run wrote it
SELECT (-- Nothing new: every input keeps the same rows (count and a digest of their fingerprints) as when the last run's outputs were written, under the same rules
-- (rules_hash covers every statement of the node) and a graph state the last run completed, so every output already
-- is what this run would write
SELECT CASE WHEN COUNT(*) = 5 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET") THEN 1 ELSE 0 END
FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT" AS n
JOIN "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" AS s ON s.input_name = n.input_name AND s.kept_rows = n.kept_rows AND s.rows_digest = n.rows_digest AND s.rules_hash = n.rules_hash) INTO :nothing_new;
IF (nothing_new <> 0) THEN
  -- Nothing new: this run changes no profile, so its history is empty and no output key is in scope (publishing
  -- compares and writes nothing)
  DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_HISTORY_RUN";
  DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE";
  DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_SCOPE";
  DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_SCOPE";
  RETURN 'identity: nothing new, outputs unchanged';
END IF;
-- observed_at values that could not be used (section 1): they count as the epoch, by input and reason, over every row read so far
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_OBSERVED_AT" AS
SELECT CASE input_no WHEN 1 THEN 'seed.amplitude_events' WHEN 2 THEN 'seed.amplitude_merged_ids' WHEN 3 THEN 'seed.billing_customers' WHEN 4 THEN 'seed.crm_contacts' WHEN 5 THEN 'seed.product_accounts' END AS input_name,
  at_issue AS reason, COUNT(*) AS row_count, MIN(at_text) AS sample
FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS"
WHERE at_issue IS NOT NULL
GROUP BY input_no, at_issue;
-- Section 2: dropped observations by type and reason, with the three smallest distinct raw values
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_INVALID" AS
WITH present AS (
  SELECT id_type, reason, raw_value, COUNT(*) AS observations
  FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS"
  WHERE reason IS NOT NULL
  GROUP BY id_type, reason, raw_value
  UNION ALL
  SELECT id_type, 'null_or_empty', NULL, missing
  FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING"
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
  ARRAY_AGG(CASE WHEN sample_rank <= 3 THEN raw_value END) WITHIN GROUP (ORDER BY sample_rank) AS samples
FROM ranked
GROUP BY id_type, reason;
-- Sections 3-6 incrementally (docs/identity.md, Incremental runs): nodes, edges, shared ids and every node's component
-- are kept across runs and only added to; a run recomputes the components its new observations touch. After a reset
-- (pipes_id_graph_reset has a row) they start empty and every observation is new, which is the full rebuild.
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_NODES" (node_key BIGINT, id_type VARCHAR, id_value VARCHAR, priority INTEGER, first_seen TIMESTAMP_NTZ, last_seen TIMESTAMP_NTZ, observations BIGINT);
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_EDGES" (from_key BIGINT, to_key BIGINT, first_seen TIMESTAMP_NTZ, row_count BIGINT);
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_SHARED" (node_key BIGINT, id_type VARCHAR, id_value VARCHAR, linked_type VARCHAR, link_count BIGINT);
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" (from_key BIGINT, to_key BIGINT, first_seen TIMESTAMP_NTZ);
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" (node_key BIGINT, component BIGINT);
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_NODES" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET");
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_EDGES" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET");
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SHARED" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET");
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET");
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET");
-- The valid observations the graph has not integrated yet: those of rows numbered past what the last completed run
-- integrated (all of them after a reset)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_FRESH" AS
SELECT o.input_no, o.row_no, o.observed_at, o.id_type, o.priority, o.id_value
FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" AS o
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g ON g.input_no = o.input_no
WHERE o.reason IS NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET") OR g.row_no IS NULL OR o.row_no > g.row_no);
-- Section 3: the ids seen in those observations. node_key is append-only: an id keeps its key; new ids get keys after
-- the largest so far, ranked among themselves in node order (first_seen, priority, value bytes, type). Every order
-- that decides a result uses that node order, never the key, so a key is a stable surrogate only.
-- hub_rank ranks these ids as hubs (section 4: best priority, smallest value, type), so a row's hub is the id of least rank.
-- An id is keyed by (priority, value) in the groups and joins below: each type has its own priority (PIPES0502), and
-- an integer hashes and compares faster than the type's name.
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_FRESH_IDS" AS
WITH seen AS (
  SELECT MIN(id_type) AS id_type, id_value, priority, MIN(observed_at) AS first_seen, MAX(observed_at) AS last_seen, COUNT(*) AS observations
  FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH"
  GROUP BY priority, id_value
), keyed AS (
  SELECT s.*, n.node_key AS old_key,
    ROW_NUMBER() OVER (PARTITION BY n.node_key IS NULL ORDER BY s.first_seen, s.priority, s.id_value, s.id_type) AS new_rank
  FROM seen AS s
  LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.priority = s.priority AND n.id_value = s.id_value
)
SELECT
  COALESCE(old_key, (SELECT COALESCE(MAX(node_key), 0) FROM "ANALYTICS"."PIPES"."PIPES_ID_NODES") + new_rank) AS node_key,
  old_key IS NULL AS is_new,
  id_type, id_value, priority, first_seen, last_seen, observations,
  ROW_NUMBER() OVER (ORDER BY priority, id_value, id_type) AS hub_rank
FROM keyed;
-- Section 4: within a new row, the hub (the id of smallest hub rank) links to each other identifier; on integers only
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_FRESH_EDGES" AS
WITH ids AS (
  -- a row can name one id twice (one type read from several columns or an array), once here
  SELECT o.input_no, o.row_no, n.node_key, n.hub_rank, MIN(o.observed_at) AS observed_at
  FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH" AS o
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_FRESH_IDS" AS n ON n.priority = o.priority AND n.id_value = o.id_value
  GROUP BY o.input_no, o.row_no, n.node_key, n.hub_rank
), hubs AS (
  SELECT input_no, row_no, MIN_BY(node_key, hub_rank) AS hub_key
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
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_TOUCHED" AS
SELECT c.node_key
FROM "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" AS c
WHERE c.component IN (SELECT o.component FROM "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" AS o JOIN "ANALYTICS"."PIPES"."PIPES_ID_FRESH_IDS" AS f ON f.node_key = o.node_key)
UNION ALL
SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH_IDS" WHERE is_new;
UPDATE "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n SET
  first_seen = LEAST(n.first_seen, f.first_seen),
  last_seen = GREATEST(n.last_seen, f.last_seen),
  observations = n.observations + f.observations
FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH_IDS" AS f
WHERE f.node_key = n.node_key AND NOT f.is_new;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_NODES" (node_key, id_type, id_value, priority, first_seen, last_seen, observations)
SELECT node_key, id_type, id_value, priority, first_seen, last_seen, observations FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH_IDS" WHERE is_new;
UPDATE "ANALYTICS"."PIPES"."PIPES_ID_EDGES" AS x SET
  first_seen = LEAST(x.first_seen, e.first_seen),
  row_count = x.row_count + e.row_count
FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH_EDGES" AS e
WHERE e.from_key = x.from_key AND e.to_key = x.to_key;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_EDGES" (from_key, to_key, first_seen, row_count)
SELECT e.from_key, e.to_key, e.first_seen, e.row_count
FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH_EDGES" AS e
WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_EDGES" AS x WHERE x.from_key = e.from_key AND x.to_key = e.to_key);
-- Section 5: ids linked to more values of another type than its max_links allows, with every link count, recounted
-- for the ids that have new edges. Without a max_links rule no id is over-connected and the table stays empty (a
-- change of rules resets it above), so nothing is counted.
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_RELINKED" AS
SELECT from_key AS node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH_EDGES"
UNION
SELECT to_key FROM "ANALYTICS"."PIPES"."PIPES_ID_FRESH_EDGES";
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SHARED" WHERE node_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_RELINKED");
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_SHARED" (node_key, id_type, id_value, linked_type, link_count)
WITH ends AS (
  SELECT e.from_key AS node_key, e.to_key AS other_key FROM "ANALYTICS"."PIPES"."PIPES_ID_EDGES" AS e WHERE e.from_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_RELINKED")
  UNION ALL
  SELECT e.to_key, e.from_key FROM "ANALYTICS"."PIPES"."PIPES_ID_EDGES" AS e WHERE e.to_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_RELINKED")
), counts AS (
  SELECT e.node_key, o.id_type AS linked_type, COUNT(*) AS link_count
  FROM ends AS e
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS o ON o.node_key = e.other_key
  GROUP BY e.node_key, o.id_type
), flagged AS (
  SELECT DISTINCT c.node_key
  FROM counts AS c
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.node_key = c.node_key
  WHERE (n.id_type = 'device_id' AND c.linked_type = 'user_id' AND c.link_count > 3)
)
SELECT n.node_key, n.id_type, n.id_value, c.linked_type, c.link_count
FROM flagged AS f
JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.node_key = f.node_key
JOIN counts AS c ON c.node_key = f.node_key;
-- Edges left once shared ids lose theirs (every component's), replaced for the touched ids; the rounds read the
-- touched ones both ways
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" WHERE from_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_TOUCHED");
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" (from_key, to_key, first_seen)
SELECT e.from_key, e.to_key, e.first_seen
FROM "ANALYTICS"."PIPES"."PIPES_ID_EDGES" AS e
WHERE e.from_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_TOUCHED")
  AND e.from_key NOT IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_SHARED")
  AND e.to_key NOT IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_SHARED");
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_LINKS" AS
WITH touched_edges AS (
  -- selected once for both directions
  SELECT e.from_key, e.to_key FROM "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" AS e WHERE e.from_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_TOUCHED")
)
SELECT from_key AS a, to_key AS b FROM touched_edges
UNION ALL
SELECT to_key, from_key FROM touched_edges;
-- Every touched node starts as its own parent; the rounds lower parents to the smallest key of the component
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS
SELECT node_key, node_key AS parent FROM "ANALYTICS"."PIPES"."PIPES_ID_TOUCHED";
-- The first round's frontier (round.sql.scriban) is empty. Every node starts as its own parent, a root, so in that
-- round a node that is not hooked below keeps its parent (P2(x) = P1(x) = x); and that round's connect step, where
-- every node is frontier, is the next statement, which reads no frontier table
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER" (node_key BIGINT, parent BIGINT);
-- The first round's connect step (each round computes the next one's at its end): with every node its own parent and
-- in the frontier, P1(x) is the smallest neighbour below x (the root hook offers the same), found with no join
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_HOOKED" AS
SELECT a AS node_key, MIN(b) AS parent
FROM "ANALYTICS"."PIPES"."PIPES_ID_LINKS"
WHERE b < a
GROUP BY a;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROUNDS" (round_no INTEGER, changed_labels BIGINT);
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_SPLIT" (node_key BIGINT, canonical_key BIGINT);
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_REFUSALS" (from_key BIGINT, to_key BIGINT, limit_type VARCHAR, refusal_order BIGINT);
SELECT (SELECT 2 * CAST(CEIL(LN(GREATEST(COUNT(*), 1)) / LN(2)) AS INTEGER) + 10 FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS") INTO :round_cap;
LOOP
-- One round (ComponentLabels): connect, P1(x) = min(P(x), P(y) for edges (x, y), P(y) for edges (z, y) with P(z) = x);
-- shortcut, P2(x) = P1(P1(x)). An offer helps only when P(y) < P(z), since P1(z) <= P(z) and P1(P(z)) <= P(z).
-- Frontier-driven, with the same result and count as a round over every node: a link whose ends both kept their
-- parent in the previous round offers nothing (that round left P(z) <= P(y)), and a node that kept its parent points
-- at a root (P1(x) = P(x) and P1(P(x)) = P(x) made P2(x) = P(x)). So only the links of the frontier (the nodes whose
-- parent changed last round; every node in the first, whose connect step prepare_graph runs) make offers, and P2 can
-- differ from P only for the frontier, the nodes offered a lower parent, and the nodes whose parent was (in the first
-- round every node is a root, so only the nodes offered a lower parent: its frontier table is empty).
-- P2 = P1(P1(x)) where it can differ from P; the table holds this round's changes only
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_LABELS_NEXT" AS
WITH connected AS (
  -- the candidates (the frontier, the nodes hooked and their children), each once: one pass over the labels
  SELECT l.node_key, l.parent AS old_parent, COALESCE(h.parent, l.parent) AS p1
  FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l
  LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_HOOKED" AS h ON h.node_key = l.node_key
  WHERE h.node_key IS NOT NULL
    OR l.node_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER")
    OR l.parent IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_HOOKED")
)
SELECT c.node_key, COALESCE(h.parent, l.parent) AS parent
FROM connected AS c
JOIN "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l ON l.node_key = c.p1
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_HOOKED" AS h ON h.node_key = c.p1
WHERE COALESCE(h.parent, l.parent) <> c.old_parent;
-- The exact number of changed parents, counted on the changes themselves; the loop stops after a round that changed none
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_ROUNDS" (round_no, changed_labels)
SELECT
  (SELECT COALESCE(MAX(round_no), 0) + 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_ROUNDS"),
  (SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS_NEXT");
-- Rewritten rather than updated in place: a round can change most parents (a long path changes all of them)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS
SELECT l.node_key, COALESCE(n.parent, l.parent) AS parent
FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_LABELS_NEXT" AS n ON n.node_key = l.node_key;
-- This round's changes are the next round's frontier
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER";
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_ID_LABELS_NEXT" RENAME TO "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER";
-- The next round's connect step, run at the end of this one (the first round's is in prepare_graph, which needs no
-- join there): P1 where it is below P. After the last round the frontier is empty, so it costs a scan of the links.
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_HOOKED" AS
WITH moved AS (
  -- The frontier holds its nodes' parents (this round's P). Links hold each edge both ways, so a link with both ends in
  -- the frontier is found from each end: the same offers twice, which the MIN below takes once.
  SELECT l.a, l.b, f.parent AS pa, pb.parent AS pb
  FROM "ANALYTICS"."PIPES"."PIPES_ID_LINKS" AS l
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER" AS f ON f.node_key = l.a
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS pb ON pb.node_key = l.b
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
JOIN "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l ON l.node_key = o.node_key
WHERE o.parent < l.parent;
rounds_run := rounds_run + 1;
SELECT (SELECT changed_labels FROM "ANALYTICS"."PIPES"."PIPES_ID_ROUNDS" ORDER BY round_no DESC LIMIT 1) INTO :last_changed;
IF (last_changed = 0) THEN
  BREAK;
END IF;
IF (rounds_run >= round_cap) THEN
  RAISE round_cap_exceeded;
END IF;
END LOOP;
-- Section 6: only components holding more values of a type than its limit need the ordered procedure
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_VIOLATING" AS
SELECT DISTINCT component
FROM (
  SELECT l.parent AS component, n.id_type, COUNT(*) AS values_of_type
  FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.node_key = l.node_key
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
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS
SELECT n.node_key, n.id_type, n.priority, l.parent AS component,
  ROW_NUMBER() OVER (ORDER BY n.first_seen, n.priority, n.id_value, n.id_type) AS node_order
FROM "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n
JOIN "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l ON l.node_key = n.node_key
JOIN "ANALYTICS"."PIPES"."PIPES_ID_VIOLATING" AS v ON v.component = l.parent;
-- Section 6: the violating components through the UDTF; canonical members and refusals (as node_order values) land
-- in their tables
INSERT ALL
  WHEN refused_to IS NULL THEN INTO "ANALYTICS"."PIPES"."PIPES_ID_SPLIT" (node_key, canonical_key) VALUES (node_key, canonical_key)
  ELSE INTO "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_REFUSALS" (from_key, to_key, limit_type) VALUES (node_key, refused_to, limit_type)
SELECT f.node_key::BIGINT AS node_key, f.canonical_key::BIGINT AS canonical_key, f.refused_to::BIGINT AS refused_to, f.limit_type
FROM (
  -- node_order, not node_key: the procedure's order (docs/identity.md, Incremental runs)
  SELECT o.component, 'n' AS kind, o.node_order AS node_key, o.id_type, NULL AS other_key, 0 AS strength, NULL AS first_seen, o.node_order AS later_key
  FROM "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS o
  UNION ALL
  SELECT a.component, 'e', LEAST(a.node_order, b.node_order), NULL, GREATEST(a.node_order, b.node_order), GREATEST(a.priority, b.priority), e.first_seen, GREATEST(a.node_order, b.node_order)
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" AS e
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS a ON a.node_key = e.from_key
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS b ON b.node_key = e.to_key
) AS s,
TABLE("ANALYTICS"."PIPES"."PIPES_ID_SPLIT_UDTF"(s.kind, s.node_key::FLOAT, s.id_type, s.other_key::FLOAT, '[["user_id",1],["email",3],["account_id",1],["customer_id",2],["device_id",50],["amplitude_id",20]]')
  OVER (PARTITION BY s.component ORDER BY s.kind DESC, s.strength, s.first_seen, s.node_key, s.later_key)) AS f;
-- Section 6: refusal_order is a refused edge's place in procedure order over every split component (edge_strength,
-- first_seen, older end, newer end; the ends are node_order values), numbered here once, whichever engine split
-- (host or UDTF), so every engine agrees
UPDATE "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_REFUSALS" AS r SET refusal_order = o.n
FROM (
  SELECT x.from_key, x.to_key, ROW_NUMBER() OVER (ORDER BY GREATEST(a.priority, b.priority), e.first_seen, x.from_key, x.to_key) AS n
  FROM "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_REFUSALS" AS x
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS a ON a.node_order = x.from_key
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS b ON b.node_order = x.to_key
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" AS e ON e.from_key = LEAST(a.node_key, b.node_key) AND e.to_key = GREATEST(a.node_key, b.node_key)
) AS o
WHERE r.from_key = o.from_key AND r.to_key = o.to_key;
-- The touched nodes' components, kept for the next run
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" WHERE node_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS");
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" (node_key, component)
SELECT node_key, parent FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS";
-- Section 7: each touched node's profile is named by its canonical member: the split's choice, else the component's
-- oldest node in node order. These are this run's graph rows to publish (every row after a reset)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS
WITH ordered AS (
  -- each node with its component's oldest node, in one pass (no self-join of the components)
  SELECT l.node_key, n.id_type, n.id_value,
    FIRST_VALUE(l.node_key) OVER (PARTITION BY l.parent ORDER BY n.first_seen, n.priority, n.id_value, n.id_type) AS oldest_key
  FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.node_key = l.node_key
), split AS (
  SELECT a.node_key, b.node_key AS canonical_key
  FROM "ANALYTICS"."PIPES"."PIPES_ID_SPLIT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS a ON a.node_order = s.node_key
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS b ON b.node_order = s.canonical_key
), members AS (
  SELECT o.node_key, o.id_type, o.id_value, COALESCE(s.canonical_key, o.oldest_key) AS canonical_key
  FROM ordered AS o
  LEFT JOIN split AS s ON s.node_key = o.node_key
), named AS (
  -- SHA-256 once per profile, not once per member
  SELECT c.node_key AS canonical_key, 'pf_' || SUBSTR(SHA2(c.id_type || ':' || c.id_value, 256), 1, 20) AS profile_id
  FROM (SELECT DISTINCT canonical_key FROM members) AS m
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS c ON c.node_key = m.canonical_key
)
SELECT m.node_key, m.id_type, m.id_value, m.canonical_key, p.profile_id
FROM members AS m
JOIN named AS p ON p.canonical_key = m.canonical_key;
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" (node_key BIGINT, id_type VARCHAR, id_value VARCHAR, canonical_key BIGINT, profile_id VARCHAR);
-- The graph keys this run may change: the touched nodes' ids (ids only ever join the graph, so none leaves it but
-- by a reset, when every live key is in scope too)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS
SELECT id_type, id_value FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT"
UNION ALL
-- (each side holds a key once: no dedup of the whole graph, which a first build would pay for nothing)
SELECT g.id_type, g.id_value FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET") AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS n WHERE n.id_type = g.id_type AND n.id_value = g.id_value);
-- Section 6 audit: every refused edge of the touched components, from its older end (node order) to its newer one,
-- with the limit it would have broken; the procedure took them in (edge_strength, first_seen, older, newer) order
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" AS
SELECT
  a.node_key AS from_key, a.id_type AS from_type, a.id_value AS from_value,
  b.node_key AS to_key, b.id_type AS to_type, b.id_value AS to_value,
  e.first_seen, r.limit_type,
  GREATEST(a.priority, b.priority) AS edge_strength
FROM "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_REFUSALS" AS r
JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS oa ON oa.node_order = r.from_key
JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS ob ON ob.node_order = r.to_key
JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS a ON a.node_key = oa.node_key
JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS b ON b.node_key = ob.node_key
-- the split components' edges only: joined whole, the edges would be hashed even when nothing was refused
JOIN (SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_EDGES" WHERE from_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER")) AS e
  ON e.from_key = LEAST(a.node_key, b.node_key) AND e.to_key = GREATEST(a.node_key, b.node_key);
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" WHERE 1 = 0;
-- The refused edges this run may change: those with an end among the touched ids (an edge lies within one
-- component, and a touched component is touched whole), and this run's. Inner joins rather than EXISTS, so the
-- engine hashes the refused edges (few) and not the graph scope (every id after a reset)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_SCOPE" AS
SELECT from_type, from_value, to_type, to_value FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT"
UNION
SELECT r.from_type, r.from_value, r.to_type, r.to_value FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS r WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET")
UNION
SELECT r.from_type, r.from_value, r.to_type, r.to_value
FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS r JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS k ON k.id_type = r.from_type AND k.id_value = r.from_value
UNION
SELECT r.from_type, r.from_value, r.to_type, r.to_value
FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS r JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS k ON k.id_type = r.to_type AND k.id_value = r.to_value;
-- Section 7 history (docs/identity.md, History): what happened to each profile id, comparing the live graph (the
-- last run's) with the new one on (id_type, id_value), never on node_key. On the first run the live graph is empty.
-- Only the touched nodes can change profile, and each profile lies wholly inside or outside them, so both sides are
-- the touched nodes' rows (every row after a reset).
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_HISTORY" (run_id VARCHAR, run_at TIMESTAMP_NTZ, event VARCHAR, old_profile_id VARCHAR, new_profile_id VARCHAR, identifiers BIGINT, old_canonical VARCHAR, new_canonical VARCHAR);
-- This run's events, kept until the next run (the node's message counts them); appended to the history once the
-- new graph is published (history_append), so a failed publish never records events twice
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_HISTORY_RUN" AS
WITH moves AS (
  -- (old id, new id, identifiers): old id NULL for identifiers new to the graph, new id NULL for those gone from it
  SELECT o.profile_id AS old_id, n.profile_id AS new_id, COUNT(*) AS identifiers
  FROM (
    -- the touched nodes' live rows by an inner join rather than IN, so the engine hashes the smaller side (the live
    -- graph is empty on a first build, the touched nodes few on an incremental run)
    SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET")
    UNION ALL
    SELECT g.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g JOIN "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l ON l.node_key = g.node_key
    WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET")
  ) AS o
  FULL OUTER JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS n ON n.id_type = o.id_type AND n.id_value = o.id_value
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
  SELECT profile_id, id_type || ':' || id_value AS canonical FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" WHERE node_key = canonical_key
), new_canonical AS (
  SELECT profile_id, id_type || ':' || id_value AS canonical FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" WHERE node_key = canonical_key
)
SELECT r.run_id, r.run_at, e.event, e.old_id AS old_profile_id, e.new_id AS new_profile_id, e.identifiers, oc.canonical AS old_canonical, nc.canonical AS new_canonical
FROM events AS e
CROSS JOIN "ANALYTICS"."PIPES"."PIPES_ID_RUN" AS r
LEFT JOIN old_canonical AS oc ON oc.profile_id = e.old_id
LEFT JOIN new_canonical AS nc ON nc.profile_id = e.new_id
WHERE e.event IS NOT NULL;
-- Sections 7-8: one row per touched profile; Amplitude addresses it by its usable user ids, else its usable device ids
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" AS
WITH members AS (
  SELECT g.profile_id, g.canonical_key, g.node_key, g.id_type, g.id_value, n.first_seen, n.last_seen, n.priority,
    CASE WHEN g.id_type = 'user_id' AND LENGTH(g.id_value) >= 5 THEN 1 ELSE 0 END AS usable_user,
    CASE WHEN g.id_type = 'device_id' AND LENGTH(g.id_value) >= 5 THEN 1 ELSE 0 END AS usable_device
  FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS g
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.node_key = g.node_key
), profiles AS (
  SELECT
    f.profile_id,
    MIN(f.canonical_key) AS canonical_key,
    COUNT(*) AS identifiers,
    COUNT(CASE WHEN f.id_type = 'user_id' THEN 1 END) AS "N_USER_ID",
    COUNT(CASE WHEN f.id_type = 'email' THEN 1 END) AS "N_EMAIL",
    COUNT(CASE WHEN f.id_type = 'account_id' THEN 1 END) AS "N_ACCOUNT_ID",
    COUNT(CASE WHEN f.id_type = 'customer_id' THEN 1 END) AS "N_CUSTOMER_ID",
    COUNT(CASE WHEN f.id_type = 'device_id' THEN 1 END) AS "N_DEVICE_ID",
    COUNT(CASE WHEN f.id_type = 'amplitude_id' THEN 1 END) AS "N_AMPLITUDE_ID",
    MIN(f.first_seen) AS first_seen,
    MAX(f.last_seen) AS last_seen,
    ARRAY_AGG(CASE WHEN f.usable_user = 1 THEN f.id_value END) WITHIN GROUP (ORDER BY f.first_seen, f.priority, f.id_value, f.id_type) AS amplitude_user_ids,
    -- device ids address a profile only when it has no usable user id
    CASE WHEN MAX(f.usable_user) = 0 THEN ARRAY_AGG(CASE WHEN f.usable_device = 1 THEN f.id_value END) WITHIN GROUP (ORDER BY f.first_seen, f.priority, f.id_value, f.id_type) ELSE ARRAY_CONSTRUCT() END AS amplitude_device_ids,
    MAX(f.usable_user) + MAX(f.usable_device) > 0 AS addressable
  FROM members AS f
  GROUP BY f.profile_id
)
-- the canonical member's type and value joined once per profile, not once per member
SELECT p.profile_id, p.canonical_key, c.id_type AS canonical_type, c.id_value AS canonical_value, p.identifiers,
  p."N_USER_ID",
  p."N_EMAIL",
  p."N_ACCOUNT_ID",
  p."N_CUSTOMER_ID",
  p."N_DEVICE_ID",
  p."N_AMPLITUDE_ID",
  p.first_seen, p.last_seen, p.amplitude_user_ids, p.amplitude_device_ids, p.addressable
FROM profiles AS p
JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS c ON c.node_key = p.canonical_key;
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROFILES" AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" WHERE 1 = 0;
-- The profiles this run may change: the touched ids' old profiles (in the live graph; a profile lies wholly inside
-- or outside the touched nodes, so such a profile is recomputed or gone) and their new ones
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES_SCOPE" AS
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT"
UNION
SELECT g.profile_id FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS k WHERE k.id_type = g.id_type AND k.id_value = g.id_value)
UNION
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET");
-- Working tables of this run only, which no later step, run or command reads. Kept: what pipes explain and the summary
-- read (nodes, edges, shared, components, active edges, rounds, invalid and refused edges), pipes_id_touched (the nodes
-- the last run recomputed), and the *_next and *_scope tables, which publishing reads after this (a run with nothing
-- new empties the scopes, history_idle).
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_FRESH";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_FRESH_IDS";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_FRESH_EDGES";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_RELINKED";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_LINKS";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_LABELS";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_HOOKED";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_LABELS_NEXT";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_VIOLATING";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER";
DROP TABLE IF EXISTS "ANALYTICS"."PIPES"."PIPES_ID_SPLIT";
RETURN 'identity converged in ' || rounds_run || ' rounds';
END;
$$;

-- pipes_id_graph: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" WHERE 1 = 0;

-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" SET CHANGE_TRACKING = TRUE;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS s WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS k WHERE s."ID_TYPE" IS NOT DISTINCT FROM k."ID_TYPE" AND s."ID_VALUE" IS NOT DISTINCT FROM k."ID_VALUE")
), pipes_live_in_scope AS (
  SELECT l.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS l WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS k WHERE l."ID_TYPE" IS NOT DISTINCT FROM k."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM k."ID_VALUE")
)
SELECT s."ID_TYPE", s."ID_VALUE", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM pipes_scratch_in_scope AS s
LEFT JOIN (SELECT "ID_TYPE", "ID_VALUE", "NODE_KEY", "CANONICAL_KEY", "PROFILE_ID", 1 AS pipes_present FROM pipes_live_in_scope) AS l
  ON s."ID_TYPE" IS NOT DISTINCT FROM l."ID_TYPE" AND s."ID_VALUE" IS NOT DISTINCT FROM l."ID_VALUE"
WHERE l.pipes_present IS NULL
  OR s."NODE_KEY" IS DISTINCT FROM l."NODE_KEY"
  OR s."CANONICAL_KEY" IS DISTINCT FROM l."CANONICAL_KEY"
  OR s."PROFILE_ID" IS DISTINCT FROM l."PROFILE_ID"
UNION ALL
SELECT l."ID_TYPE", l."ID_VALUE", 'delete'
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "ID_TYPE", "ID_VALUE", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."ID_TYPE" IS NOT DISTINCT FROM s."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM s."ID_VALUE"
WHERE s.pipes_present IS NULL;

DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" l USING "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES" c
WHERE c.pipes_action = 'delete' AND l."ID_TYPE" IS NOT DISTINCT FROM c."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM c."ID_VALUE";

MERGE INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES" AS c ON c.pipes_action <> 'delete' AND s."ID_TYPE" IS NOT DISTINCT FROM c."ID_TYPE" AND s."ID_VALUE" IS NOT DISTINCT FROM c."ID_VALUE"
) AS s
ON l."ID_TYPE" IS NOT DISTINCT FROM s."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM s."ID_VALUE"
WHEN MATCHED THEN UPDATE SET "NODE_KEY" = s."NODE_KEY", "CANONICAL_KEY" = s."CANONICAL_KEY", "PROFILE_ID" = s."PROFILE_ID"
WHEN NOT MATCHED THEN INSERT ("ID_TYPE", "ID_VALUE", "NODE_KEY", "CANONICAL_KEY", "PROFILE_ID") VALUES (s."ID_TYPE", s."ID_VALUE", s."NODE_KEY", s."CANONICAL_KEY", s."PROFILE_ID");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = 'pipes_id_graph';

INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_id_graph', 'identity.acme_growth.profiles',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES";

-- pipes_id_graph was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = 'pipes_id_graph';

INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  ('pipes_id_graph', 'ID_TYPE', 'key'),
  ('pipes_id_graph', 'ID_VALUE', 'key'),
  ('pipes_id_graph', 'NODE_KEY', 'integer'),
  ('pipes_id_graph', 'CANONICAL_KEY', 'integer'),
  ('pipes_id_graph', 'PROFILE_ID', 'string');

-- pipes_id_refused_edges: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" WHERE 1 = 0;

-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" SET CHANGE_TRACKING = TRUE;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" AS s WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_SCOPE" AS k WHERE s."FROM_TYPE" IS NOT DISTINCT FROM k."FROM_TYPE" AND s."FROM_VALUE" IS NOT DISTINCT FROM k."FROM_VALUE" AND s."TO_TYPE" IS NOT DISTINCT FROM k."TO_TYPE" AND s."TO_VALUE" IS NOT DISTINCT FROM k."TO_VALUE")
), pipes_live_in_scope AS (
  SELECT l.* FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS l WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_SCOPE" AS k WHERE l."FROM_TYPE" IS NOT DISTINCT FROM k."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM k."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM k."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM k."TO_VALUE")
)
SELECT s."FROM_TYPE", s."FROM_VALUE", s."TO_TYPE", s."TO_VALUE", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM pipes_scratch_in_scope AS s
LEFT JOIN (SELECT "FROM_TYPE", "FROM_VALUE", "TO_TYPE", "TO_VALUE", "FROM_KEY", "TO_KEY", "FIRST_SEEN", "LIMIT_TYPE", "EDGE_STRENGTH", 1 AS pipes_present FROM pipes_live_in_scope) AS l
  ON s."FROM_TYPE" IS NOT DISTINCT FROM l."FROM_TYPE" AND s."FROM_VALUE" IS NOT DISTINCT FROM l."FROM_VALUE" AND s."TO_TYPE" IS NOT DISTINCT FROM l."TO_TYPE" AND s."TO_VALUE" IS NOT DISTINCT FROM l."TO_VALUE"
WHERE l.pipes_present IS NULL
  OR s."FROM_KEY" IS DISTINCT FROM l."FROM_KEY"
  OR s."TO_KEY" IS DISTINCT FROM l."TO_KEY"
  OR s."FIRST_SEEN" IS DISTINCT FROM l."FIRST_SEEN"
  OR s."LIMIT_TYPE" IS DISTINCT FROM l."LIMIT_TYPE"
  OR s."EDGE_STRENGTH" IS DISTINCT FROM l."EDGE_STRENGTH"
UNION ALL
SELECT l."FROM_TYPE", l."FROM_VALUE", l."TO_TYPE", l."TO_VALUE", 'delete'
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "FROM_TYPE", "FROM_VALUE", "TO_TYPE", "TO_VALUE", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."FROM_TYPE" IS NOT DISTINCT FROM s."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM s."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM s."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM s."TO_VALUE"
WHERE s.pipes_present IS NULL;

DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" l USING "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES" c
WHERE c.pipes_action = 'delete' AND l."FROM_TYPE" IS NOT DISTINCT FROM c."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM c."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM c."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM c."TO_VALUE";

MERGE INTO "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES" AS c ON c.pipes_action <> 'delete' AND s."FROM_TYPE" IS NOT DISTINCT FROM c."FROM_TYPE" AND s."FROM_VALUE" IS NOT DISTINCT FROM c."FROM_VALUE" AND s."TO_TYPE" IS NOT DISTINCT FROM c."TO_TYPE" AND s."TO_VALUE" IS NOT DISTINCT FROM c."TO_VALUE"
) AS s
ON l."FROM_TYPE" IS NOT DISTINCT FROM s."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM s."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM s."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM s."TO_VALUE"
WHEN MATCHED THEN UPDATE SET "FROM_KEY" = s."FROM_KEY", "TO_KEY" = s."TO_KEY", "FIRST_SEEN" = s."FIRST_SEEN", "LIMIT_TYPE" = s."LIMIT_TYPE", "EDGE_STRENGTH" = s."EDGE_STRENGTH"
WHEN NOT MATCHED THEN INSERT ("FROM_TYPE", "FROM_VALUE", "TO_TYPE", "TO_VALUE", "FROM_KEY", "TO_KEY", "FIRST_SEEN", "LIMIT_TYPE", "EDGE_STRENGTH") VALUES (s."FROM_TYPE", s."FROM_VALUE", s."TO_TYPE", s."TO_VALUE", s."FROM_KEY", s."TO_KEY", s."FIRST_SEEN", s."LIMIT_TYPE", s."EDGE_STRENGTH");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = 'pipes_id_refused_edges';

INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_id_refused_edges', 'identity.acme_growth.profiles',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES";

-- pipes_id_refused_edges was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = 'pipes_id_refused_edges';

INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  ('pipes_id_refused_edges', 'FROM_TYPE', 'key'),
  ('pipes_id_refused_edges', 'FROM_VALUE', 'key'),
  ('pipes_id_refused_edges', 'TO_TYPE', 'key'),
  ('pipes_id_refused_edges', 'TO_VALUE', 'key'),
  ('pipes_id_refused_edges', 'FROM_KEY', 'integer'),
  ('pipes_id_refused_edges', 'TO_KEY', 'integer'),
  ('pipes_id_refused_edges', 'FIRST_SEEN', 'datetime'),
  ('pipes_id_refused_edges', 'LIMIT_TYPE', 'string'),
  ('pipes_id_refused_edges', 'EDGE_STRENGTH', 'integer');

-- pipes_profiles: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROFILES" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" WHERE 1 = 0;

-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES" SET CHANGE_TRACKING = TRUE;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" AS s WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_SCOPE" AS k WHERE s."PROFILE_ID" IS NOT DISTINCT FROM k."PROFILE_ID")
), pipes_live_in_scope AS (
  SELECT l.* FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" AS l WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_SCOPE" AS k WHERE l."PROFILE_ID" IS NOT DISTINCT FROM k."PROFILE_ID")
)
SELECT s."PROFILE_ID", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM pipes_scratch_in_scope AS s
LEFT JOIN (SELECT "PROFILE_ID", "CANONICAL_KEY", "CANONICAL_TYPE", "CANONICAL_VALUE", "IDENTIFIERS", "N_USER_ID", "N_EMAIL", "N_ACCOUNT_ID", "N_CUSTOMER_ID", "N_DEVICE_ID", "N_AMPLITUDE_ID", "FIRST_SEEN", "LAST_SEEN", "AMPLITUDE_USER_IDS", "AMPLITUDE_DEVICE_IDS", "ADDRESSABLE", 1 AS pipes_present FROM pipes_live_in_scope) AS l
  ON s."PROFILE_ID" IS NOT DISTINCT FROM l."PROFILE_ID"
WHERE l.pipes_present IS NULL
  OR s."CANONICAL_KEY" IS DISTINCT FROM l."CANONICAL_KEY"
  OR s."CANONICAL_TYPE" IS DISTINCT FROM l."CANONICAL_TYPE"
  OR s."CANONICAL_VALUE" IS DISTINCT FROM l."CANONICAL_VALUE"
  OR s."IDENTIFIERS" IS DISTINCT FROM l."IDENTIFIERS"
  OR s."N_USER_ID" IS DISTINCT FROM l."N_USER_ID"
  OR s."N_EMAIL" IS DISTINCT FROM l."N_EMAIL"
  OR s."N_ACCOUNT_ID" IS DISTINCT FROM l."N_ACCOUNT_ID"
  OR s."N_CUSTOMER_ID" IS DISTINCT FROM l."N_CUSTOMER_ID"
  OR s."N_DEVICE_ID" IS DISTINCT FROM l."N_DEVICE_ID"
  OR s."N_AMPLITUDE_ID" IS DISTINCT FROM l."N_AMPLITUDE_ID"
  OR s."FIRST_SEEN" IS DISTINCT FROM l."FIRST_SEEN"
  OR s."LAST_SEEN" IS DISTINCT FROM l."LAST_SEEN"
  OR TO_JSON(s."AMPLITUDE_USER_IDS") IS DISTINCT FROM TO_JSON(l."AMPLITUDE_USER_IDS")
  OR TO_JSON(s."AMPLITUDE_DEVICE_IDS") IS DISTINCT FROM TO_JSON(l."AMPLITUDE_DEVICE_IDS")
  OR s."ADDRESSABLE" IS DISTINCT FROM l."ADDRESSABLE"
UNION ALL
SELECT l."PROFILE_ID", 'delete'
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "PROFILE_ID", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHERE s.pipes_present IS NULL;

DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" l USING "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES" c
WHERE c.pipes_action = 'delete' AND l."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID";

MERGE INTO "ANALYTICS"."PIPES"."PIPES_PROFILES" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES" AS c ON c.pipes_action <> 'delete' AND s."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"
) AS s
ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHEN MATCHED THEN UPDATE SET "CANONICAL_KEY" = s."CANONICAL_KEY", "CANONICAL_TYPE" = s."CANONICAL_TYPE", "CANONICAL_VALUE" = s."CANONICAL_VALUE", "IDENTIFIERS" = s."IDENTIFIERS", "N_USER_ID" = s."N_USER_ID", "N_EMAIL" = s."N_EMAIL", "N_ACCOUNT_ID" = s."N_ACCOUNT_ID", "N_CUSTOMER_ID" = s."N_CUSTOMER_ID", "N_DEVICE_ID" = s."N_DEVICE_ID", "N_AMPLITUDE_ID" = s."N_AMPLITUDE_ID", "FIRST_SEEN" = s."FIRST_SEEN", "LAST_SEEN" = s."LAST_SEEN", "AMPLITUDE_USER_IDS" = s."AMPLITUDE_USER_IDS", "AMPLITUDE_DEVICE_IDS" = s."AMPLITUDE_DEVICE_IDS", "ADDRESSABLE" = s."ADDRESSABLE"
WHEN NOT MATCHED THEN INSERT ("PROFILE_ID", "CANONICAL_KEY", "CANONICAL_TYPE", "CANONICAL_VALUE", "IDENTIFIERS", "N_USER_ID", "N_EMAIL", "N_ACCOUNT_ID", "N_CUSTOMER_ID", "N_DEVICE_ID", "N_AMPLITUDE_ID", "FIRST_SEEN", "LAST_SEEN", "AMPLITUDE_USER_IDS", "AMPLITUDE_DEVICE_IDS", "ADDRESSABLE") VALUES (s."PROFILE_ID", s."CANONICAL_KEY", s."CANONICAL_TYPE", s."CANONICAL_VALUE", s."IDENTIFIERS", s."N_USER_ID", s."N_EMAIL", s."N_ACCOUNT_ID", s."N_CUSTOMER_ID", s."N_DEVICE_ID", s."N_AMPLITUDE_ID", s."FIRST_SEEN", s."LAST_SEEN", s."AMPLITUDE_USER_IDS", s."AMPLITUDE_DEVICE_IDS", s."ADDRESSABLE");

-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);

DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = 'pipes_profiles';

INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT 'pipes_profiles', 'identity.acme_growth.profiles',
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END), COUNT(CASE WHEN pipes_action = 'update' THEN 1 END), COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES";

-- pipes_profiles was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR);

DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = 'pipes_profiles';

INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  ('pipes_profiles', 'PROFILE_ID', 'key'),
  ('pipes_profiles', 'CANONICAL_KEY', 'integer'),
  ('pipes_profiles', 'CANONICAL_TYPE', 'string'),
  ('pipes_profiles', 'CANONICAL_VALUE', 'string'),
  ('pipes_profiles', 'IDENTIFIERS', 'integer'),
  ('pipes_profiles', 'N_USER_ID', 'integer'),
  ('pipes_profiles', 'N_EMAIL', 'integer'),
  ('pipes_profiles', 'N_ACCOUNT_ID', 'integer'),
  ('pipes_profiles', 'N_CUSTOMER_ID', 'integer'),
  ('pipes_profiles', 'N_DEVICE_ID', 'integer'),
  ('pipes_profiles', 'N_AMPLITUDE_ID', 'integer'),
  ('pipes_profiles', 'FIRST_SEEN', 'datetime'),
  ('pipes_profiles', 'LAST_SEEN', 'datetime'),
  ('pipes_profiles', 'AMPLITUDE_USER_IDS', 'array'),
  ('pipes_profiles', 'AMPLITUDE_DEVICE_IDS', 'array'),
  ('pipes_profiles', 'ADDRESSABLE', 'boolean');

-- After the publish: this run's events join the history
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_HISTORY" (run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical)
SELECT run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical
FROM "ANALYTICS"."PIPES"."PIPES_ID_HISTORY_RUN";

-- The graph now holds every kept row: the next run integrates only rows numbered past these, and forgets rows numbered
-- past them (a run that did not complete). Written first, before the watermarks and digests: a watermark past the
-- graph state would leave the rows between unread once forgotten. One UPDATE marks every input complete at once; an
-- input with no row yet gets one first, still pending and with no row number (every row of it is forgotten).
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no NOT IN (SELECT input_no FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT");

INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" (input_no, row_no, rules_hash)
SELECT input_no, NULL, 'pending' FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT" WHERE input_no NOT IN (SELECT input_no FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE");

UPDATE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g SET row_no = w.max_row_no, rules_hash = '961debd6615f4c74c7e997be1a7cda3f'
FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT" AS w
WHERE w.input_no = g.input_no;

-- Incremental observations: the watermarks of this run, recorded only now that every output is written, so a run
-- that fails before this point reads the same rows again (and the fingerprints keep them from counting twice)
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE input_name IN (SELECT input_name FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT");

INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" (input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash)
SELECT input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT";

-- The inputs without iterator: their row count and digest, for the next run to tell an unchanged input
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name IN (SELECT input_name FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT");

INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT input_name, input_rows, input_digest, read_skipped, rules_hash FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT";

DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT";

DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT";

-- After the outputs are written: the rules this run used, so the next run can tell whether they changed
CREATE OR REPLACE TABLE "ANALYTICS"."PIPES"."PIPES_ID_STATE" AS
SELECT c.rules_checksum, c.previous_checksum, c.rules_changed, r.run_id, r.run_at
FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" AS c
CROSS JOIN "ANALYTICS"."PIPES"."PIPES_ID_RUN" AS r;

DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK";

-- pipes: before every statement above, the runner records this run's id and start time, e.g.
-- -- This run's id and time, written by the runner before the identity node (compiled SQL reads no clock)
-- CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_RUN" AS
-- SELECT CAST('<run id>' AS VARCHAR) AS run_id, CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP_NTZ) AS run_at;

