CREATE OR REPLACE PROCEDURE "ANALYTICS"."PIPES"."PIPES_RUN_ACME_GROWTH"()
RETURNS VARCHAR
LANGUAGE SQL
COMMENT = 'pipes deploy of project acme_growth (target prod); docs/deploy.md'
EXECUTE AS OWNER
AS
'DECLARE
  ran INTEGER DEFAULT 0;
  found INTEGER DEFAULT 0;
  note VARCHAR DEFAULT '''';
  notes VARCHAR DEFAULT '''';
  test_failed_2 EXCEPTION (-20001, ''pipes: data test accepted_values_stg_events_platform failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_3 EXCEPTION (-20001, ''pipes: data test not_null_stg_events_event_id failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_4 EXCEPTION (-20001, ''pipes: data test unique_stg_events_event_id failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_7 EXCEPTION (-20001, ''pipes: data test expression_user_activity failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_8 EXCEPTION (-20001, ''pipes: data test not_null_user_activity_user_id failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_9 EXCEPTION (-20001, ''pipes: data test unique_user_activity_user_id failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_13 EXCEPTION (-20001, ''pipes: data test identity_limits failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_14 EXCEPTION (-20001, ''pipes: data test identity_one_profile_per_id failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_15 EXCEPTION (-20001, ''pipes: data test identity_profile_size_error failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_17 EXCEPTION (-20001, ''pipes: data test identity_resolved_share failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_20 EXCEPTION (-20001, ''pipes: data test relationships_account_overview_customer_id failed (severity error); run ''''pipes test'''' to see its rows'');
  test_failed_21 EXCEPTION (-20001, ''pipes: data test unique_account_overview_account_id failed (severity error); run ''''pipes test'''' to see its rows'');
BEGIN
  -- pipes deploy: project acme_growth, target prod; each statement below is one compiled statement, run by EXECUTE IMMEDIATE
  -- not run: seed.acme_growth.amplitude_events (seed: its CSV file is on the machine that runs pipes; load it with ''pipes seed'')
  -- not run: seed.acme_growth.amplitude_merged_ids (seed: its CSV file is on the machine that runs pipes; load it with ''pipes seed'')
  -- not run: seed.acme_growth.billing_customers (seed: its CSV file is on the machine that runs pipes; load it with ''pipes seed'')
  -- not run: seed.acme_growth.crm_contacts (seed: its CSV file is on the machine that runs pipes; load it with ''pipes seed'')
  -- not run: seed.acme_growth.product_accounts (seed: its CSV file is on the machine that runs pipes; load it with ''pipes seed'')
  -- not run: push.acme_growth.amplitude_prod (push: HTTP to Amplitude; run ''pipes push'' from an orchestrator)
  -- not run: push.acme_growth.events (push: HTTP to Amplitude; run ''pipes push'' from an orchestrator)
  -- not run: push.acme_growth.profiles (push: HTTP to Amplitude; run ''pipes push'' from an orchestrator)
  -- Advance the trigger stream first: a DML statement that reads it moves its offset (it inserts no row), so rows landing while this runs trigger the next run
  EXECUTE IMMEDIATE ''CREATE TRANSIENT TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_DEPLOY_STREAM_ADVANCE" (advanced BOOLEAN)'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_DEPLOY_STREAM_ADVANCE" SELECT TRUE FROM "ANALYTICS"."PIPES"."PIPES_STREAM_AMPLITUDE_EVENTS" WHERE 0 = 1'';
  -- model.acme_growth.stg_events
  LET rs_1 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."STG_EVENTS" only as a table (the model''''s materialization changed); then the runner runs: DROP TABLE "ANALYTICS"."PIPES"."STG_EVENTS"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''STG_EVENTS''''
  AND table_type = ''''BASE TABLE''''
) AS pipes_check'');
  LET c_1 CURSOR FOR rs_1;
  OPEN c_1; FETCH c_1 INTO found; CLOSE c_1;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."STG_EVENTS"''; END IF;
  EXECUTE IMMEDIATE ''CREATE OR REPLACE VIEW "ANALYTICS"."PIPES"."STG_EVENTS" AS
-- One row per Amplitude event; empty user ids become NULL, the email comes out of user_properties.
SELECT
  event_id,
  event_time,
  event_type,
  NULLIF(TRIM(user_id), '''''''') AS user_id,
  NULLIF(TRIM(device_id), '''''''') AS device_id,
  platform,
  GET_PATH(user_properties, ''''email'''')::VARCHAR AS email,
  GET_PATH(user_properties, ''''plan'''')::VARCHAR AS plan
FROM "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS"'';
  ran := ran + 1;
  -- test.acme_growth.accepted_values_stg_events_platform
  LET rs_2 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT "PLATFORM" AS value, COUNT(*) AS occurrences
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE "PLATFORM" IS NOT NULL
  AND TO_VARCHAR("PLATFORM") NOT IN (''''web'''', ''''ios'''', ''''android'''')
GROUP BY "PLATFORM"
) AS pipes_check'');
  LET c_2 CURSOR FOR rs_2;
  OPEN c_2; FETCH c_2 INTO found; CLOSE c_2;
  IF (found > 0) THEN RAISE test_failed_2; END IF;
  ran := ran + 1;
  -- test.acme_growth.not_null_stg_events_event_id
  LET rs_3 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT *
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE "EVENT_ID" IS NULL
) AS pipes_check'');
  LET c_3 CURSOR FOR rs_3;
  OPEN c_3; FETCH c_3 INTO found; CLOSE c_3;
  IF (found > 0) THEN RAISE test_failed_3; END IF;
  ran := ran + 1;
  -- test.acme_growth.unique_stg_events_event_id
  LET rs_4 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT "EVENT_ID" AS value, COUNT(*) AS occurrences
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE "EVENT_ID" IS NOT NULL
GROUP BY "EVENT_ID"
HAVING COUNT(*) > 1
) AS pipes_check'');
  LET c_4 CURSOR FOR rs_4;
  OPEN c_4; FETCH c_4 INTO found; CLOSE c_4;
  IF (found > 0) THEN RAISE test_failed_4; END IF;
  ran := ran + 1;
  -- model.acme_growth.recent_events
  LET rs_5 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."RECENT_EVENTS" only as a view (the model''''s materialization changed); then the runner runs: DROP VIEW "ANALYTICS"."PIPES"."RECENT_EVENTS"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''RECENT_EVENTS''''
  AND table_type = ''''VIEW''''
) AS pipes_check'');
  LET c_5 CURSOR FOR rs_5;
  OPEN c_5; FETCH c_5 INTO found; CLOSE c_5;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP VIEW "ANALYTICS"."PIPES"."RECENT_EVENTS"''; END IF;
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."RECENT_EVENTS" AS
-- Events of the last 30 days of the export, merged on event_id run after run.
SELECT event_id, event_time, event_type, user_id, device_id
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE event_time >= (SELECT MAX(event_time) FROM "ANALYTICS"."PIPES"."STG_EVENTS") - INTERVAL ''''30 days'''''';
  EXECUTE IMMEDIATE ''MERGE INTO "ANALYTICS"."PIPES"."RECENT_EVENTS" AS pipes_target
USING (
-- Events of the last 30 days of the export, merged on event_id run after run.
SELECT event_id, event_time, event_type, user_id, device_id
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE event_time >= (SELECT MAX(event_time) FROM "ANALYTICS"."PIPES"."STG_EVENTS") - INTERVAL ''''30 days''''

  AND event_time >= (SELECT MAX(event_time) FROM "ANALYTICS"."PIPES"."RECENT_EVENTS")
) AS pipes_source
ON pipes_target.event_id = pipes_source.event_id
WHEN MATCHED THEN UPDATE ALL BY NAME
WHEN NOT MATCHED THEN INSERT ALL BY NAME'';
  ran := ran + 1;
  -- model.acme_growth.user_activity
  LET rs_6 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."USER_ACTIVITY" only as a view (the model''''s materialization changed); then the runner runs: DROP VIEW "ANALYTICS"."PIPES"."USER_ACTIVITY"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''USER_ACTIVITY''''
  AND table_type = ''''VIEW''''
) AS pipes_check'');
  LET c_6 CURSOR FOR rs_6;
  OPEN c_6; FETCH c_6 INTO found; CLOSE c_6;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP VIEW "ANALYTICS"."PIPES"."USER_ACTIVITY"''; END IF;
  EXECUTE IMMEDIATE ''CREATE OR REPLACE TABLE "ANALYTICS"."PIPES"."USER_ACTIVITY" AS
-- Per logged-in user: activity window, event count and how many devices they used.
SELECT
  user_id,
  MIN(event_time) AS first_seen,
  MAX(event_time) AS last_seen,
  COUNT(*) AS events,
  COUNT(DISTINCT device_id) AS devices
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE user_id IS NOT NULL
GROUP BY user_id'';
  ran := ran + 1;
  -- test.acme_growth.expression_user_activity
  LET rs_7 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT *
FROM "ANALYTICS"."PIPES"."USER_ACTIVITY"
WHERE NOT (first_seen <= last_seen)
) AS pipes_check'');
  LET c_7 CURSOR FOR rs_7;
  OPEN c_7; FETCH c_7 INTO found; CLOSE c_7;
  IF (found > 0) THEN RAISE test_failed_7; END IF;
  ran := ran + 1;
  -- test.acme_growth.not_null_user_activity_user_id
  LET rs_8 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT *
FROM "ANALYTICS"."PIPES"."USER_ACTIVITY"
WHERE "USER_ID" IS NULL
) AS pipes_check'');
  LET c_8 CURSOR FOR rs_8;
  OPEN c_8; FETCH c_8 INTO found; CLOSE c_8;
  IF (found > 0) THEN RAISE test_failed_8; END IF;
  ran := ran + 1;
  -- test.acme_growth.unique_user_activity_user_id
  LET rs_9 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT "USER_ID" AS value, COUNT(*) AS occurrences
FROM "ANALYTICS"."PIPES"."USER_ACTIVITY"
WHERE "USER_ID" IS NOT NULL
GROUP BY "USER_ID"
HAVING COUNT(*) > 1
) AS pipes_check'');
  LET c_9 CURSOR FOR rs_9;
  OPEN c_9; FETCH c_9 INTO found; CLOSE c_9;
  IF (found > 0) THEN RAISE test_failed_9; END IF;
  ran := ran + 1;
  -- model.acme_growth.stg_crm_contacts
  LET rs_10 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."STG_CRM_CONTACTS" only as a table (the model''''s materialization changed); then the runner runs: DROP TABLE "ANALYTICS"."PIPES"."STG_CRM_CONTACTS"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''STG_CRM_CONTACTS''''
  AND table_type = ''''BASE TABLE''''
) AS pipes_check'');
  LET c_10 CURSOR FOR rs_10;
  OPEN c_10; FETCH c_10 INTO found; CLOSE c_10;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."STG_CRM_CONTACTS"''; END IF;
  EXECUTE IMMEDIATE ''CREATE OR REPLACE VIEW "ANALYTICS"."PIPES"."STG_CRM_CONTACTS" AS
-- CRM contacts with the email as written and a trimmed, lower-cased copy for joining.
SELECT
  contact_id,
  email AS email_raw,
  NULLIF(LOWER(TRIM(email)), '''''''') AS email,
  account_id,
  first_name,
  LOWER(TRIM(deal_stage)) AS deal_stage,
  ltv_estimate,
  is_enterprise,
  renewal_date,
  alt_emails,
  updated_at
FROM "ANALYTICS"."PIPES"."CRM_CONTACTS"'';
  ran := ran + 1;
  -- identity.acme_growth.profiles
  EXECUTE IMMEDIATE ''-- This run''''s id and time, written by the runner before the identity node (compiled SQL reads no clock)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_RUN" AS
SELECT CAST(UUID_STRING() AS VARCHAR) AS run_id, CAST(SYSDATE() AS TIMESTAMP_NTZ) AS run_at'';
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  LET rs_11 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."PIPES_PROFILES" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run''''s (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''PIPES_PROFILES''''
), expected AS (
  SELECT column_name, column_type FROM (VALUES (''''PROFILE_ID'''', ''''key''''), (''''CANONICAL_KEY'''', ''''integer''''), (''''CANONICAL_TYPE'''', ''''string''''), (''''CANONICAL_VALUE'''', ''''string''''), (''''IDENTIFIERS'''', ''''integer''''), (''''N_USER_ID'''', ''''integer''''), (''''N_EMAIL'''', ''''integer''''), (''''N_ACCOUNT_ID'''', ''''integer''''), (''''N_CUSTOMER_ID'''', ''''integer''''), (''''N_DEVICE_ID'''', ''''integer''''), (''''N_AMPLITUDE_ID'''', ''''integer''''), (''''FIRST_SEEN'''', ''''datetime''''), (''''LAST_SEEN'''', ''''datetime''''), (''''AMPLITUDE_USER_IDS'''', ''''array''''), (''''AMPLITUDE_DEVICE_IDS'''', ''''array''''), (''''ADDRESSABLE'''', ''''boolean'''')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT ''''table with other columns'''' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT ''''table with other column types'''', 2 FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = ''''pipes_profiles'''' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1
) AS pipes_check'');
  LET c_11 CURSOR FOR rs_11;
  OPEN c_11; FETCH c_11 INTO found; CLOSE c_11;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES"''; END IF;
  EXECUTE IMMEDIATE ''-- Section 6 for engines with scripting: the ordered procedure as a JavaScript UDTF, one partition per violating
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
    if (row.KIND === ''''n'''') {
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
$$'';
  EXECUTE IMMEDIATE ''-- Exact exclusions as written (id_type NULL: global); prepare maps them into "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSIONS" and drops this table
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES" (id_type VARCHAR, value VARCHAR)'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES" (id_type, value) VALUES
  (NULL, ''''test@example.com'''')'';
  EXECUTE IMMEDIATE ''EXECUTE IMMEDIATE $$
DECLARE
  rounds_run INTEGER DEFAULT 0;
  last_changed INTEGER DEFAULT 1;
  round_cap INTEGER DEFAULT 0;
  round_cap_exceeded EXCEPTION (-20001, ''''identity: connected components did not converge within the round cap'''');
  nothing_new INTEGER DEFAULT 0;
BEGIN
-- Section 7: the checksum of the identity rules and declarations the last successful run used; a different one
-- means the rules changed, so this run is a full rebuild and says so (docs/identity.md, History)
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_STATE" (rules_checksum VARCHAR, previous_checksum VARCHAR, rules_changed BOOLEAN, run_id VARCHAR, run_at TIMESTAMP_NTZ);
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" AS
SELECT
  CAST(''''9a2a65b4491749cd332374cc2f9a4181'''' AS VARCHAR) AS rules_checksum,
  MAX(s.rules_checksum) AS previous_checksum,
  COALESCE(MAX(s.rules_checksum) <> ''''9a2a65b4491749cd332374cc2f9a4181'''', FALSE) AS rules_changed
FROM "ANALYTICS"."PIPES"."PIPES_ID_STATE" AS s;
-- Exact exclusions as a relation, joined once: every type''''s own values plus the global ones, mapped by the same
-- lowercase function as the values they are compared with (docs/identity.md section 2).
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSIONS" AS
SELECT DISTINCT k.id_type, LOWER(TRANSLATE(x.value, ''''İΣ'''', ''''iσ'''')) AS value
FROM "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES" AS x
JOIN (VALUES (''''user_id''''), (''''email''''), (''''account_id''''), (''''customer_id''''), (''''device_id''''), (''''amplitude_id'''')) AS k(id_type) ON x.id_type = k.id_type OR x.id_type IS NULL;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_EXCLUSION_VALUES";
-- Per input, the iterator''''s watermark as of the last run whose outputs were all written
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
-- whose outputs were all written; marked pending below until this run''''s are, so a run that fails halfway leaves a
-- state the next run does not trust
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" (input_no INTEGER, row_no BIGINT, rules_hash VARCHAR);
-- Why this run rebuilds the graph from every kept observation instead of only the components its new rows touch
-- (none: incremental); an input without iterator whose kept rows vanished at the source adds a reason below
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" AS
SELECT CAST(''''rules changed'''' AS VARCHAR) AS reason FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE rules_changed
UNION ALL
SELECT ''''no graph state'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE rules_hash = ''''961debd6615f4c74c7e997be1a7cda3f'''');
-- Outputs are published by key scope (the keys of the components a run touches): an output with no counts row has
-- not been published by this Pipes (a table an older one replaced, or one whose counts were lost), so when nothing
-- else resets the graph, it is rebuilt once and every output published in full, which corrects such a table row by row
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT);
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason)
SELECT ''''outputs not yet published'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK"
WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET")
  AND (SELECT COUNT(DISTINCT output_name) FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name IN (''''pipes_id_graph'''', ''''pipes_id_refused_edges'''', ''''pipes_profiles'''')) < 3;
UPDATE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" SET rules_hash = ''''pending'''';
-- A change of the identity rules (pipes_id_rules_check) or of any statement of this node is a full rebuild: the rows
-- kept so far were read and normalised under the old ones, so they are read again (the graph state goes with them,
-- before the watermarks this condition reads, so should this run not complete, the next one forgets what it kept)
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> ''''961debd6615f4c74c7e997be1a7cda3f'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> ''''961debd6615f4c74c7e997be1a7cda3f'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> ''''961debd6615f4c74c7e997be1a7cda3f'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> ''''961debd6615f4c74c7e997be1a7cda3f'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> ''''961debd6615f4c74c7e997be1a7cda3f'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS"
WHERE (SELECT rules_changed FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK") OR EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE rules_hash <> ''''961debd6615f4c74c7e997be1a7cda3f'''');
-- A run that did not complete (failed or interrupted) may have kept rows without their observations or missing counts,
-- or those without the graph built on them. Everything numbered past the graph state of the last completed run (every
-- row of an input it has no row for) is forgotten, and read again below: the input''''s watermark and digest are still
-- that run''''s or older, as the closing statements write them after the graph state
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
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run''''s
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT ''''seed.amplitude_events'''', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = ''''seed.amplitude_events'''' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = ''''961debd6615f4c74c7e997be1a7cda3f''''),
  ''''961debd6615f4c74c7e997be1a7cda3f''''
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || '''':'''' || s.f3, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f4)) || '''':'''' || s.f4, ''''-''''))) AS input_digest
  FROM (SELECT TO_VARCHAR("EVENT_TIME") AS f0, TO_VARCHAR("USER_ID") AS f1, TO_VARCHAR("DEVICE_ID") AS f2, TO_VARCHAR("USER_PROPERTIES") AS f3, TO_VARCHAR("AMPLITUDE_ID") AS f4 FROM "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_1" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering''''s pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "EVENT_TIME", "USER_ID", "DEVICE_ID", "USER_PROPERTIES", "AMPLITUDE_ID"
  FROM "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.amplitude_events'''' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2, ANY_VALUE(r3) AS r3
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || '''':'''' || s.f3, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f4)) || '''':'''' || s.f4, ''''-''''), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST(''''1970-01-01 00:00:00'''' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN ''''missing'''' ELSE ''''unreadable'''' END END AS at_issue,
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
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("EVENT_TIME"), '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("EVENT_TIME"), '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("EVENT_TIME"), '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS at_value,
        TO_VARCHAR("EVENT_TIME") AS at_text,
        TO_VARCHAR("USER_ID") AS r0, TO_VARCHAR("DEVICE_ID") AS r1, GET_PATH("USER_PROPERTIES", ''''email'''')::VARCHAR AS r2, TO_VARCHAR("AMPLITUDE_ID") AS r3
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.amplitude_events has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input''''s kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT ''''rows removed from seed.amplitude_events'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.amplitude_events'''' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 1 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_1" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input''''s graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = ''''seed.amplitude_events'''' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_events'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_events'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_events'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_events'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 1 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_events'''');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS
-- New rows are numbered after the input''''s rows kept so far, in the order the engine read them (the number ties a
-- row''''s identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read''''s place numbers alone, then joins them back, instead of sorting whole rows.
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
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run''''s
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT ''''seed.amplitude_merged_ids'''', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = ''''seed.amplitude_merged_ids'''' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = ''''961debd6615f4c74c7e997be1a7cda3f''''),
  ''''961debd6615f4c74c7e997be1a7cda3f''''
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-''''))) AS input_digest
  FROM (SELECT TO_VARCHAR("MERGE_EVENT_TIME") AS f0, TO_VARCHAR("AMPLITUDE_ID") AS f1, TO_VARCHAR("MERGED_AMPLITUDE_ID") AS f2 FROM "ANALYTICS"."PIPES"."AMPLITUDE_MERGED_IDS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_2" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering''''s pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "MERGE_EVENT_TIME", "AMPLITUDE_ID", "MERGED_AMPLITUDE_ID"
  FROM "ANALYTICS"."PIPES"."AMPLITUDE_MERGED_IDS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.amplitude_merged_ids'''' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-''''), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST(''''1970-01-01 00:00:00'''' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN ''''missing'''' ELSE ''''unreadable'''' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
    FROM (
      SELECT
        source_row,
        TO_VARCHAR("MERGE_EVENT_TIME") AS f0,
        TO_VARCHAR("AMPLITUDE_ID") AS f1,
        TO_VARCHAR("MERGED_AMPLITUDE_ID") AS f2,
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("MERGE_EVENT_TIME"), '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS at_value,
        TO_VARCHAR("MERGE_EVENT_TIME") AS at_text,
        TO_VARCHAR("AMPLITUDE_ID") AS r0, TO_VARCHAR("MERGED_AMPLITUDE_ID") AS r1
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.amplitude_merged_ids has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input''''s kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT ''''rows removed from seed.amplitude_merged_ids'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.amplitude_merged_ids'''' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 2 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_2" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input''''s graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = ''''seed.amplitude_merged_ids'''' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_merged_ids'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_merged_ids'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_merged_ids'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_merged_ids'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 2 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.amplitude_merged_ids'''');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS
-- New rows are numbered after the input''''s rows kept so far, in the order the engine read them (the number ties a
-- row''''s identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read''''s place numbers alone, then joins them back, instead of sorting whole rows.
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
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run''''s
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT ''''seed.billing_customers'''', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = ''''seed.billing_customers'''' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = ''''961debd6615f4c74c7e997be1a7cda3f''''),
  ''''961debd6615f4c74c7e997be1a7cda3f''''
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-''''))) AS input_digest
  FROM (SELECT TO_VARCHAR("UPDATED_AT") AS f0, TO_VARCHAR("CUSTOMER_ID") AS f1, TO_VARCHAR("EMAIL") AS f2 FROM "ANALYTICS"."PIPES"."BILLING_CUSTOMERS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_3" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering''''s pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "UPDATED_AT", "CUSTOMER_ID", "EMAIL"
  FROM "ANALYTICS"."PIPES"."BILLING_CUSTOMERS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.billing_customers'''' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-''''), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST(''''1970-01-01 00:00:00'''' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN ''''missing'''' ELSE ''''unreadable'''' END END AS at_issue,
      CASE WHEN s.at_value IS NULL THEN s.at_text END AS at_text
      , s.r0
      , s.r1
    FROM (
      SELECT
        source_row,
        TO_VARCHAR("UPDATED_AT") AS f0,
        TO_VARCHAR("CUSTOMER_ID") AS f1,
        TO_VARCHAR("EMAIL") AS f2,
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS at_value,
        TO_VARCHAR("UPDATED_AT") AS at_text,
        TO_VARCHAR("CUSTOMER_ID") AS r0, TO_VARCHAR("EMAIL") AS r1
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.billing_customers has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input''''s kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT ''''rows removed from seed.billing_customers'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.billing_customers'''' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 3 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_3" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input''''s graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = ''''seed.billing_customers'''' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.billing_customers'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.billing_customers'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.billing_customers'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.billing_customers'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 3 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.billing_customers'''');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS
-- New rows are numbered after the input''''s rows kept so far, in the order the engine read them (the number ties a
-- row''''s identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read''''s place numbers alone, then joins them back, instead of sorting whole rows.
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
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run''''s
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT ''''seed.crm_contacts'''', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = ''''seed.crm_contacts'''' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = ''''961debd6615f4c74c7e997be1a7cda3f''''),
  ''''961debd6615f4c74c7e997be1a7cda3f''''
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || '''':'''' || s.f3, ''''-''''))) AS input_digest
  FROM (SELECT TO_VARCHAR("UPDATED_AT") AS f0, TO_VARCHAR("EMAIL") AS f1, TO_VARCHAR("ACCOUNT_ID") AS f2, TO_VARCHAR("ALT_EMAILS") AS f3 FROM "ANALYTICS"."PIPES"."CRM_CONTACTS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_4" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering''''s pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "UPDATED_AT", "EMAIL", "ACCOUNT_ID", "ALT_EMAILS"
  FROM "ANALYTICS"."PIPES"."CRM_CONTACTS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.crm_contacts'''' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || '''':'''' || s.f3, ''''-''''), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST(''''1970-01-01 00:00:00'''' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN ''''missing'''' ELSE ''''unreadable'''' END END AS at_issue,
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
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("UPDATED_AT"), '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("UPDATED_AT"), '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS at_value,
        TO_VARCHAR("UPDATED_AT") AS at_text,
        TO_VARCHAR("EMAIL") AS r0, TO_VARCHAR("ACCOUNT_ID") AS r1, "ALT_EMAILS" AS r2
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.crm_contacts has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input''''s kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT ''''rows removed from seed.crm_contacts'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.crm_contacts'''' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 4 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_4" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input''''s graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = ''''seed.crm_contacts'''' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.crm_contacts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.crm_contacts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.crm_contacts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.crm_contacts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 4 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.crm_contacts'''');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS
-- New rows are numbered after the input''''s rows kept so far, in the order the engine read them (the number ties a
-- row''''s identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read''''s place numbers alone, then joins them back, instead of sorting whole rows.
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
-- count and an order-independent digest of the text its fingerprints read. When both equal the last completed run''''s
-- (under the same statements), the input holds the rows kept then (nothing new, nothing removed, but for a digest
-- collision: docs/identity.md, Incremental runs), so its rows are not fingerprinted or deduplicated again
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT ''''seed.product_accounts'''', d.input_rows, d.input_digest,
  EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" AS p WHERE p.input_name = ''''seed.product_accounts'''' AND p.input_rows = d.input_rows AND p.input_digest = d.input_digest AND p.rules_hash = ''''961debd6615f4c74c7e997be1a7cda3f''''),
  ''''961debd6615f4c74c7e997be1a7cda3f''''
FROM (
  SELECT COUNT(*) AS input_rows, TO_VARCHAR(HASH_AGG(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || '''':'''' || s.f3, ''''-''''))) AS input_digest
  FROM (SELECT TO_VARCHAR("CREATED_AT") AS f0, TO_VARCHAR("USER_ID") AS f1, TO_VARCHAR("ACCOUNT_ID") AS f2, TO_VARCHAR("CUSTOMER_ID") AS f3 FROM "ANALYTICS"."PIPES"."PRODUCT_ACCOUNTS") AS s
) AS d;
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_READ_5" AS
WITH numbered AS (
  -- The rows to read, numbered in read order, before anything is computed from them: the fingerprints and identifiers
  -- below are then computed in parallel (on DuckDB, everything in the numbering''''s pipeline runs on one thread)
  SELECT SEQ8() AS source_row, "CREATED_AT", "USER_ID", "ACCOUNT_ID", "CUSTOMER_ID"
  FROM "ANALYTICS"."PIPES"."PRODUCT_ACCOUNTS"
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.product_accounts'''' AND read_skipped)
), fresh AS (
  -- One row per fingerprint: a row delivered twice (in one read, or again with a later iterator) is one row
  SELECT row_key, MIN(source_row) AS source_row, ANY_VALUE(observed_at) AS observed_at, ANY_VALUE(at_issue) AS at_issue, ANY_VALUE(at_text) AS at_text, ANY_VALUE(r0) AS r0, ANY_VALUE(r1) AS r1, ANY_VALUE(r2) AS r2
  FROM (
    SELECT
      SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(s.f0)) || '''':'''' || s.f0, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f1)) || '''':'''' || s.f1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f2)) || '''':'''' || s.f2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(s.f3)) || '''':'''' || s.f3, ''''-''''), 256), 1, 32) AS row_key,
      s.source_row,
      COALESCE(s.at_value, CAST(''''1970-01-01 00:00:00'''' AS TIMESTAMP_NTZ)) AS observed_at,
      CASE WHEN s.at_value IS NULL THEN CASE WHEN s.at_text IS NULL THEN ''''missing'''' ELSE ''''unreadable'''' END END AS at_issue,
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
        (CASE WHEN (REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("CREATED_AT"), '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(TO_VARCHAR("CREATED_AT"), '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(TO_VARCHAR("CREATED_AT"), '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS at_value,
        TO_VARCHAR("CREATED_AT") AS at_text,
        TO_VARCHAR("USER_ID") AS r0, TO_VARCHAR("ACCOUNT_ID") AS r1, TO_VARCHAR("CUSTOMER_ID") AS r2
      FROM numbered
    ) AS s
  ) AS k
  GROUP BY row_key
)
SELECT * FROM fresh;
-- seed.product_accounts has no iterator, so every row is read again. When a kept row is no longer there (deleted at the
-- source) the input''''s kept rows are replaced by what it holds now, and the graph is rebuilt (it only ever adds)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" (reason) SELECT ''''rows removed from seed.product_accounts'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT" WHERE input_name = ''''seed.product_accounts'''' AND read_skipped) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" AS p WHERE p.input_no = 5 AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_READ_5" AS r WHERE r.row_key = p.row_key));
-- The rows kept again are numbered from 1, not past the input''''s graph state, so first its digest and graph state go
-- (both are written again when the run completes): should this run not complete, the next one forgets every row it
-- kept of the input and reads it in full
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name = ''''seed.product_accounts'''' AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.product_accounts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.product_accounts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.product_accounts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_MISSING" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.product_accounts'''');
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS" WHERE input_no = 5 AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET" WHERE reason = ''''rows removed from seed.product_accounts'''');
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS
-- New rows are numbered after the input''''s rows kept so far, in the order the engine read them (the number ties a
-- row''''s identifiers together, and pipes explain shows it; source_row, the place in the read, is unique to a
-- row). The numbering sorts the read''''s place numbers alone, then joins them back, instead of sorting whole rows.
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
  COALESCE(k.rows_digest, ''''0'''') AS rows_digest, CAST(''''961debd6615f4c74c7e997be1a7cda3f'''' AS VARCHAR) AS rules_hash,
  i.input_no, k.max_row_no
FROM (VALUES (1, CAST(''''seed.amplitude_events'''' AS VARCHAR), CAST(NULL AS VARCHAR)), (2, CAST(''''seed.amplitude_merged_ids'''' AS VARCHAR), CAST(NULL AS VARCHAR)), (3, CAST(''''seed.billing_customers'''' AS VARCHAR), CAST(NULL AS VARCHAR)), (4, CAST(''''seed.crm_contacts'''' AS VARCHAR), CAST(NULL AS VARCHAR)), (5, CAST(''''seed.product_accounts'''' AS VARCHAR), CAST(NULL AS VARCHAR))) AS i(input_no, input_name, iterator)
LEFT JOIN (
  SELECT input_no, MAX(iterator_at) AS watermark_at, MAX(iterator_number) AS watermark_number, COUNT(*) AS kept_rows,
    TO_VARCHAR(SUM(HASH(row_key))) AS rows_digest, MAX(row_no) AS max_row_no
  FROM "ANALYTICS"."PIPES"."PIPES_ID_SOURCE_ROWS"
  GROUP BY input_no
) AS k ON k.input_no = i.input_no;
-- Sections 1-2: one row per (new source row, type, raw value), normalised, with the first reason it is invalid.
-- TRIM(v, ''''0-'''') = '''''''' is IdentityPlaceholders.ZerosAndDashesPattern without a regex (v is not empty there).
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS" (input_no, row_no, observed_at, id_type, priority, raw_value, id_value, reason)
-- Each (input, type) group is normalised on its own, as its type is known there: no per-row dispatch on the type.
-- lv is v in lowercase, for the exclusions and placeholders: v itself when the type''''s normalisers end in lowercase.
WITH lowered AS (
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 1 AS priority, raw_value, not_array, TRIM(raw_value, '''' '''') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, ''''user_id'''' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 5 AS priority, raw_value, not_array, TRIM(raw_value, '''' '''') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, ''''device_id'''' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, '''' ''''), ''''İΣ'''', ''''iσ'''')) AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, ''''email'''' AS id_type, r.r2 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r2 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 6 AS priority, raw_value, not_array, TRANSLATE(TRIM(raw_value, '''' ''''), CHR(9) || CHR(10) || CHR(12) || CHR(13) || CHR(32), '''''''') AS v
    FROM (
  SELECT 1 AS input_no, r.row_no, r.observed_at, ''''amplitude_id'''' AS id_type, r.r3 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r WHERE r.r3 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 6 AS priority, raw_value, not_array, TRANSLATE(TRIM(raw_value, '''' ''''), CHR(9) || CHR(10) || CHR(12) || CHR(13) || CHR(32), '''''''') AS v
    FROM (
  -- amplitude_id is read from several columns or an array: a value repeated in a row is one observation
  SELECT DISTINCT input_no, row_no, observed_at, id_type, raw_value, not_array FROM (
  SELECT 2 AS input_no, r.row_no, r.observed_at, ''''amplitude_id'''' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS r WHERE r.r0 IS NOT NULL
  UNION ALL
  SELECT 2 AS input_no, r.row_no, r.observed_at, ''''amplitude_id'''' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS r WHERE r.r1 IS NOT NULL
  ) AS d
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 4 AS priority, raw_value, not_array, TRIM(raw_value, '''' '''') AS v
    FROM (
  SELECT 3 AS input_no, r.row_no, r.observed_at, ''''customer_id'''' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, '''' ''''), ''''İΣ'''', ''''iσ'''')) AS v
    FROM (
  SELECT 3 AS input_no, r.row_no, r.observed_at, ''''email'''' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, v AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 2 AS priority, raw_value, not_array, LOWER(TRANSLATE(TRIM(raw_value, '''' ''''), ''''İΣ'''', ''''iσ'''')) AS v
    FROM (
  -- email is read from several columns or an array: a value repeated in a row is one observation
  SELECT DISTINCT input_no, row_no, observed_at, id_type, raw_value, not_array FROM (
  SELECT 4 AS input_no, r.row_no, r.observed_at, ''''email'''' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r WHERE r.r0 IS NOT NULL
  UNION ALL
  SELECT 4 AS input_no, r.row_no, r.observed_at, ''''email'''' AS id_type, f.value::VARCHAR AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r, LATERAL FLATTEN(input => (CASE WHEN IS_ARRAY(TRY_PARSE_JSON(TO_VARCHAR(r.r2))) THEN TRY_PARSE_JSON(TO_VARCHAR(r.r2)) END)) AS f
  -- a NULL element counts only where no plain column of the type is NULL (that row''''s NULL is counted as missing)
  WHERE f.value::VARCHAR IS NOT NULL OR (r.r0 IS NOT NULL)
  UNION ALL
  -- not an array (an object, a scalar, text that is not JSON): one invalid observation of the column''''s text
  SELECT 4, r.row_no, r.observed_at, ''''email'''', TO_VARCHAR(r.r2), TRUE
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r WHERE (r.r2 IS NOT NULL AND TRIM(TO_VARCHAR(r.r2)) <> '''''''' AND (TRY_PARSE_JSON(TO_VARCHAR(r.r2)) IS NULL OR NOT (IS_ARRAY(TRY_PARSE_JSON(TO_VARCHAR(r.r2))) OR IS_NULL_VALUE(TRY_PARSE_JSON(TO_VARCHAR(r.r2))))))
  ) AS d
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 3 AS priority, raw_value, not_array, TRIM(raw_value, '''' '''') AS v
    FROM (
  SELECT 4 AS input_no, r.row_no, r.observed_at, ''''account_id'''' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 1 AS priority, raw_value, not_array, TRIM(raw_value, '''' '''') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, ''''user_id'''' AS id_type, r.r0 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r WHERE r.r0 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 3 AS priority, raw_value, not_array, TRIM(raw_value, '''' '''') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, ''''account_id'''' AS id_type, r.r1 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r WHERE r.r1 IS NOT NULL
    ) AS g
  ) AS n
  UNION ALL
  SELECT input_no, row_no, observed_at, id_type, priority, raw_value, not_array, v, LOWER(TRANSLATE(v, ''''İΣ'''', ''''iσ'''')) AS lv
  FROM (
    SELECT input_no, row_no, observed_at, id_type, 4 AS priority, raw_value, not_array, TRIM(raw_value, '''' '''') AS v
    FROM (
  SELECT 5 AS input_no, r.row_no, r.observed_at, ''''customer_id'''' AS id_type, r.r2 AS raw_value, FALSE AS not_array
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r WHERE r.r2 IS NOT NULL
    ) AS g
  ) AS n
), checked AS (
  SELECT o.input_no, o.row_no, o.observed_at, o.id_type, o.priority, o.raw_value, o.v,
    CASE
      WHEN o.not_array THEN ''''not_an_array''''
      WHEN v IS NULL OR v = '''''''' THEN ''''null_or_empty''''
      WHEN id_type = ''''user_id'''' AND LENGTH(v) < 5 THEN ''''too_short''''
      WHEN id_type = ''''amplitude_id'''' AND LENGTH(v) > 19 THEN ''''too_long''''
      WHEN id_type = ''''email'''' AND NOT REGEXP_LIKE(v, ''''^[^@[:space:]]+@[^@[:space:]]+$'''') THEN ''''pattern_mismatch''''
      WHEN id_type = ''''amplitude_id'''' AND NOT REGEXP_LIKE(v, ''''^[0-9]+$'''') THEN ''''pattern_mismatch''''
      WHEN x.excluded_value IS NOT NULL THEN ''''excluded''''
      WHEN REGEXP_LIKE(v, ''''^qa\\\\\\\\+.*@acme\\\\\\\\.com$'''', ''''i'''') THEN ''''excluded''''
      WHEN lv IN (''''null'''', ''''none'''', ''''nil'''', ''''undefined'''', ''''unknown'''', ''''anonymous'''', ''''n/a'''', ''''na'''', ''''0'''', ''''-1'''', ''''{}'''', ''''00000000-0000-0000-0000-000000000000'''', ''''lmy47d'''') OR TRIM(v, ''''0-'''') = '''''''' THEN ''''placeholder''''
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
SELECT 1, ''''user_id'''', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 1, ''''device_id'''', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 1, ''''email'''', COUNT(CASE WHEN r.r2 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 1, ''''amplitude_id'''', COUNT(CASE WHEN r.r3 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 2, ''''amplitude_id'''', COUNT(CASE WHEN r.r0 IS NULL OR r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 3, ''''customer_id'''', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 3, ''''email'''', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 4, ''''email'''', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 4, ''''account_id'''', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 5, ''''user_id'''', COUNT(CASE WHEN r.r0 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 5, ''''account_id'''', COUNT(CASE WHEN r.r1 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r;
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_MISSING" (input_no, id_type, missing, row_no)
SELECT 5, ''''customer_id'''', COUNT(CASE WHEN r.r2 IS NULL THEN 1 END), MAX(r.row_no) FROM "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5" AS r;
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_1";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_2";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_3";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_4";
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_ROWS_5";
-- Incremental: no new rows under the same rules leave every output as the last run wrote it
SELECT (-- Nothing new: every input keeps the same rows (count and a digest of their fingerprints) as when the last run''''s outputs were written, under the same rules
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
  RETURN ''''identity: nothing new, outputs unchanged'''';
END IF;
-- observed_at values that could not be used (section 1): they count as the epoch, by input and reason, over every row read so far
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_OBSERVED_AT" AS
SELECT CASE input_no WHEN 1 THEN ''''seed.amplitude_events'''' WHEN 2 THEN ''''seed.amplitude_merged_ids'''' WHEN 3 THEN ''''seed.billing_customers'''' WHEN 4 THEN ''''seed.crm_contacts'''' WHEN 5 THEN ''''seed.product_accounts'''' END AS input_name,
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
  SELECT id_type, ''''null_or_empty'''', NULL, missing
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
  CASE reason WHEN ''''null_or_empty'''' THEN 1 WHEN ''''too_short'''' THEN 2 WHEN ''''too_long'''' THEN 3 WHEN ''''pattern_mismatch'''' THEN 4 WHEN ''''excluded'''' THEN 5 WHEN ''''placeholder'''' THEN 6 WHEN ''''not_an_array'''' THEN 7 END AS reason_order,
  CAST(SUM(observations) AS BIGINT) AS observations,
  ARRAY_AGG(CASE WHEN sample_rank <= 3 THEN raw_value END) WITHIN GROUP (ORDER BY sample_rank) AS samples
FROM ranked
GROUP BY id_type, reason;
-- Sections 3-6 incrementally (docs/identity.md, Incremental runs): nodes, edges, shared ids and every node''''s component
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
-- hub_rank ranks these ids as hubs (section 4: best priority, smallest value, type), so a row''''s hub is the id of least rank.
-- An id is keyed by (priority, value) in the groups and joins below: each type has its own priority (PIPES0502), and
-- an integer hashes and compares faster than the type''''s name.
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
-- join only such ids, an edge kept before lies inside one old component, and an id''''s shared status changes only with
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
  WHERE (n.id_type = ''''device_id'''' AND c.linked_type = ''''user_id'''' AND c.link_count > 3)
)
SELECT n.node_key, n.id_type, n.id_value, c.linked_type, c.link_count
FROM flagged AS f
JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.node_key = f.node_key
JOIN counts AS c ON c.node_key = f.node_key;
-- Edges left once shared ids lose theirs (every component''''s), replaced for the touched ids; the rounds read the
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
-- The first round''''s frontier (round.sql.scriban) is empty. Every node starts as its own parent, a root, so in that
-- round a node that is not hooked below keeps its parent (P2(x) = P1(x) = x); and that round''''s connect step, where
-- every node is frontier, is the next statement, which reads no frontier table
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER" (node_key BIGINT, parent BIGINT);
-- The first round''''s connect step (each round computes the next one''''s at its end): with every node its own parent and
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
-- P2 = P1(P1(x)) where it can differ from P; the table holds this round''''s changes only
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
-- This round''''s changes are the next round''''s frontier
DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER";
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_ID_LABELS_NEXT" RENAME TO "ANALYTICS"."PIPES"."PIPES_ID_FRONTIER";
-- The next round''''s connect step, run at the end of this one (the first round''''s is in prepare_graph, which needs no
-- join there): P1 where it is below P. After the last round the frontier is empty, so it costs a scan of the links.
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_HOOKED" AS
WITH moved AS (
  -- The frontier holds its nodes'''' parents (this round''''s P). Links hold each edge both ways, so a link with both ends in
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
-- each node''''s best offer first, then compared with its parent (a join of the offered nodes, not of every offer)
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
WHERE (id_type = ''''user_id'''' AND values_of_type > 1)
   OR (id_type = ''''email'''' AND values_of_type > 3)
   OR (id_type = ''''account_id'''' AND values_of_type > 1)
   OR (id_type = ''''customer_id'''' AND values_of_type > 2)
   OR (id_type = ''''device_id'''' AND values_of_type > 50)
   OR (id_type = ''''amplitude_id'''' AND values_of_type > 20);
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
  -- node_order, not node_key: the procedure''''s order (docs/identity.md, Incremental runs)
  SELECT o.component, ''''n'''' AS kind, o.node_order AS node_key, o.id_type, NULL AS other_key, 0 AS strength, NULL AS first_seen, o.node_order AS later_key
  FROM "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS o
  UNION ALL
  SELECT a.component, ''''e'''', LEAST(a.node_order, b.node_order), NULL, GREATEST(a.node_order, b.node_order), GREATEST(a.priority, b.priority), e.first_seen, GREATEST(a.node_order, b.node_order)
  FROM "ANALYTICS"."PIPES"."PIPES_ID_ACTIVE_EDGES" AS e
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS a ON a.node_key = e.from_key
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER" AS b ON b.node_key = e.to_key
) AS s,
TABLE("ANALYTICS"."PIPES"."PIPES_ID_SPLIT_UDTF"(s.kind, s.node_key::FLOAT, s.id_type, s.other_key::FLOAT, ''''[["user_id",1],["email",3],["account_id",1],["customer_id",2],["device_id",50],["amplitude_id",20]]'''')
  OVER (PARTITION BY s.component ORDER BY s.kind DESC, s.strength, s.first_seen, s.node_key, s.later_key)) AS f;
-- Section 6: refusal_order is a refused edge''''s place in procedure order over every split component (edge_strength,
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
-- The touched nodes'''' components, kept for the next run
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" WHERE node_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS");
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_COMPONENTS" (node_key, component)
SELECT node_key, parent FROM "ANALYTICS"."PIPES"."PIPES_ID_LABELS";
-- Section 7: each touched node''''s profile is named by its canonical member: the split''''s choice, else the component''''s
-- oldest node in node order. These are this run''''s graph rows to publish (every row after a reset)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS
WITH ordered AS (
  -- each node with its component''''s oldest node, in one pass (no self-join of the components)
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
  SELECT c.node_key AS canonical_key, ''''pf_'''' || SUBSTR(SHA2(c.id_type || '''':'''' || c.id_value, 256), 1, 20) AS profile_id
  FROM (SELECT DISTINCT canonical_key FROM members) AS m
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS c ON c.node_key = m.canonical_key
)
SELECT m.node_key, m.id_type, m.id_value, m.canonical_key, p.profile_id
FROM members AS m
JOIN named AS p ON p.canonical_key = m.canonical_key;
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" (node_key BIGINT, id_type VARCHAR, id_value VARCHAR, canonical_key BIGINT, profile_id VARCHAR);
-- The graph keys this run may change: the touched nodes'''' ids (ids only ever join the graph, so none leaves it but
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
-- the split components'''' edges only: joined whole, the edges would be hashed even when nothing was refused
JOIN (SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_EDGES" WHERE from_key IN (SELECT node_key FROM "ANALYTICS"."PIPES"."PIPES_ID_SPLIT_ORDER")) AS e
  ON e.from_key = LEAST(a.node_key, b.node_key) AND e.to_key = GREATEST(a.node_key, b.node_key);
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" WHERE 1 = 0;
-- The refused edges this run may change: those with an end among the touched ids (an edge lies within one
-- component, and a touched component is touched whole), and this run''''s. Inner joins rather than EXISTS, so the
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
-- last run''''s) with the new one on (id_type, id_value), never on node_key. On the first run the live graph is empty.
-- Only the touched nodes can change profile, and each profile lies wholly inside or outside them, so both sides are
-- the touched nodes'''' rows (every row after a reset).
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_HISTORY" (run_id VARCHAR, run_at TIMESTAMP_NTZ, event VARCHAR, old_profile_id VARCHAR, new_profile_id VARCHAR, identifiers BIGINT, old_canonical VARCHAR, new_canonical VARCHAR);
-- This run''''s events, kept until the next run (the node''''s message counts them); appended to the history once the
-- new graph is published (history_append), so a failed publish never records events twice
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_HISTORY_RUN" AS
WITH moves AS (
  -- (old id, new id, identifiers): old id NULL for identifiers new to the graph, new id NULL for those gone from it
  SELECT o.profile_id AS old_id, n.profile_id AS new_id, COUNT(*) AS identifiers
  FROM (
    -- the touched nodes'''' live rows by an inner join rather than IN, so the engine hashes the smaller side (the live
    -- graph is empty on a first build, the touched nodes few on an incremental run)
    SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET")
    UNION ALL
    SELECT g.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g JOIN "ANALYTICS"."PIPES"."PIPES_ID_LABELS" AS l ON l.node_key = g.node_key
    WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_RESET")
  ) AS o
  FULL OUTER JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS n ON n.id_type = o.id_type AND n.id_value = o.id_value
  GROUP BY o.profile_id, n.profile_id
), targets AS (
  -- how many new ids each old id''''s remaining identifiers sit under
  SELECT old_id, COUNT(new_id) AS targets FROM moves WHERE old_id IS NOT NULL GROUP BY old_id
), sources AS (
  -- how many old ids each new id took identifiers from
  SELECT new_id, COUNT(old_id) AS sources FROM moves WHERE new_id IS NOT NULL GROUP BY new_id
), events AS (
  SELECT
    CASE
      WHEN m.old_id IS NULL THEN CASE WHEN s.sources = 0 THEN ''''created'''' END
      WHEN m.new_id IS NULL THEN CASE WHEN t.targets = 0 THEN ''''removed'''' END
      WHEN t.targets >= 2 THEN ''''split''''
      WHEN m.new_id = m.old_id THEN NULL
      WHEN s.sources >= 2 THEN ''''merged''''
      ELSE ''''rekeyed''''
    END AS event,
    m.old_id, m.new_id, m.identifiers
  FROM moves AS m
  LEFT JOIN targets AS t ON t.old_id = m.old_id
  LEFT JOIN sources AS s ON s.new_id = m.new_id
), old_canonical AS (
  SELECT profile_id, id_type || '''':'''' || id_value AS canonical FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" WHERE node_key = canonical_key
), new_canonical AS (
  SELECT profile_id, id_type || '''':'''' || id_value AS canonical FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" WHERE node_key = canonical_key
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
    CASE WHEN g.id_type = ''''user_id'''' AND LENGTH(g.id_value) >= 5 THEN 1 ELSE 0 END AS usable_user,
    CASE WHEN g.id_type = ''''device_id'''' AND LENGTH(g.id_value) >= 5 THEN 1 ELSE 0 END AS usable_device
  FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS g
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_NODES" AS n ON n.node_key = g.node_key
), profiles AS (
  SELECT
    f.profile_id,
    MIN(f.canonical_key) AS canonical_key,
    COUNT(*) AS identifiers,
    COUNT(CASE WHEN f.id_type = ''''user_id'''' THEN 1 END) AS "N_USER_ID",
    COUNT(CASE WHEN f.id_type = ''''email'''' THEN 1 END) AS "N_EMAIL",
    COUNT(CASE WHEN f.id_type = ''''account_id'''' THEN 1 END) AS "N_ACCOUNT_ID",
    COUNT(CASE WHEN f.id_type = ''''customer_id'''' THEN 1 END) AS "N_CUSTOMER_ID",
    COUNT(CASE WHEN f.id_type = ''''device_id'''' THEN 1 END) AS "N_DEVICE_ID",
    COUNT(CASE WHEN f.id_type = ''''amplitude_id'''' THEN 1 END) AS "N_AMPLITUDE_ID",
    MIN(f.first_seen) AS first_seen,
    MAX(f.last_seen) AS last_seen,
    ARRAY_AGG(CASE WHEN f.usable_user = 1 THEN f.id_value END) WITHIN GROUP (ORDER BY f.first_seen, f.priority, f.id_value, f.id_type) AS amplitude_user_ids,
    -- device ids address a profile only when it has no usable user id
    CASE WHEN MAX(f.usable_user) = 0 THEN ARRAY_AGG(CASE WHEN f.usable_device = 1 THEN f.id_value END) WITHIN GROUP (ORDER BY f.first_seen, f.priority, f.id_value, f.id_type) ELSE ARRAY_CONSTRUCT() END AS amplitude_device_ids,
    MAX(f.usable_user) + MAX(f.usable_device) > 0 AS addressable
  FROM members AS f
  GROUP BY f.profile_id
)
-- the canonical member''''s type and value joined once per profile, not once per member
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
-- The profiles this run may change: the touched ids'''' old profiles (in the live graph; a profile lies wholly inside
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
RETURN ''''identity converged in '''' || rounds_run || '''' rounds'''';
END;
$$'';
  EXECUTE IMMEDIATE ''-- pipes_id_graph: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" SET CHANGE_TRACKING = TRUE'';
  EXECUTE IMMEDIATE ''-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS s WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS k WHERE s."ID_TYPE" IS NOT DISTINCT FROM k."ID_TYPE" AND s."ID_VALUE" IS NOT DISTINCT FROM k."ID_VALUE")
), pipes_live_in_scope AS (
  SELECT l.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS l WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_SCOPE" AS k WHERE l."ID_TYPE" IS NOT DISTINCT FROM k."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM k."ID_VALUE")
)
SELECT s."ID_TYPE", s."ID_VALUE", CASE WHEN l.pipes_present IS NULL THEN ''''insert'''' ELSE ''''update'''' END AS pipes_action
FROM pipes_scratch_in_scope AS s
LEFT JOIN (SELECT "ID_TYPE", "ID_VALUE", "NODE_KEY", "CANONICAL_KEY", "PROFILE_ID", 1 AS pipes_present FROM pipes_live_in_scope) AS l
  ON s."ID_TYPE" IS NOT DISTINCT FROM l."ID_TYPE" AND s."ID_VALUE" IS NOT DISTINCT FROM l."ID_VALUE"
WHERE l.pipes_present IS NULL
  OR s."NODE_KEY" IS DISTINCT FROM l."NODE_KEY"
  OR s."CANONICAL_KEY" IS DISTINCT FROM l."CANONICAL_KEY"
  OR s."PROFILE_ID" IS DISTINCT FROM l."PROFILE_ID"
UNION ALL
SELECT l."ID_TYPE", l."ID_VALUE", ''''delete''''
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "ID_TYPE", "ID_VALUE", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."ID_TYPE" IS NOT DISTINCT FROM s."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM s."ID_VALUE"
WHERE s.pipes_present IS NULL'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" l USING "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES" c
WHERE c.pipes_action = ''''delete'''' AND l."ID_TYPE" IS NOT DISTINCT FROM c."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM c."ID_VALUE"'';
  EXECUTE IMMEDIATE ''MERGE INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES" AS c ON c.pipes_action <> ''''delete'''' AND s."ID_TYPE" IS NOT DISTINCT FROM c."ID_TYPE" AND s."ID_VALUE" IS NOT DISTINCT FROM c."ID_VALUE"
) AS s
ON l."ID_TYPE" IS NOT DISTINCT FROM s."ID_TYPE" AND l."ID_VALUE" IS NOT DISTINCT FROM s."ID_VALUE"
WHEN MATCHED THEN UPDATE SET "NODE_KEY" = s."NODE_KEY", "CANONICAL_KEY" = s."CANONICAL_KEY", "PROFILE_ID" = s."PROFILE_ID"
WHEN NOT MATCHED THEN INSERT ("ID_TYPE", "ID_VALUE", "NODE_KEY", "CANONICAL_KEY", "PROFILE_ID") VALUES (s."ID_TYPE", s."ID_VALUE", s."NODE_KEY", s."CANONICAL_KEY", s."PROFILE_ID")'';
  EXECUTE IMMEDIATE ''-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = ''''pipes_id_graph'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT ''''pipes_id_graph'''', ''''identity.acme_growth.profiles'''',
  COUNT(CASE WHEN pipes_action = ''''insert'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''update'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''delete'''' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_CHANGES"'';
  EXECUTE IMMEDIATE ''-- pipes_id_graph was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = ''''pipes_id_graph'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  (''''pipes_id_graph'''', ''''ID_TYPE'''', ''''key''''),
  (''''pipes_id_graph'''', ''''ID_VALUE'''', ''''key''''),
  (''''pipes_id_graph'''', ''''NODE_KEY'''', ''''integer''''),
  (''''pipes_id_graph'''', ''''CANONICAL_KEY'''', ''''integer''''),
  (''''pipes_id_graph'''', ''''PROFILE_ID'''', ''''string'''')'';
  EXECUTE IMMEDIATE ''-- pipes_id_refused_edges: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" SET CHANGE_TRACKING = TRUE'';
  EXECUTE IMMEDIATE ''-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" AS s WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_SCOPE" AS k WHERE s."FROM_TYPE" IS NOT DISTINCT FROM k."FROM_TYPE" AND s."FROM_VALUE" IS NOT DISTINCT FROM k."FROM_VALUE" AND s."TO_TYPE" IS NOT DISTINCT FROM k."TO_TYPE" AND s."TO_VALUE" IS NOT DISTINCT FROM k."TO_VALUE")
), pipes_live_in_scope AS (
  SELECT l.* FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS l WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_SCOPE" AS k WHERE l."FROM_TYPE" IS NOT DISTINCT FROM k."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM k."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM k."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM k."TO_VALUE")
)
SELECT s."FROM_TYPE", s."FROM_VALUE", s."TO_TYPE", s."TO_VALUE", CASE WHEN l.pipes_present IS NULL THEN ''''insert'''' ELSE ''''update'''' END AS pipes_action
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
SELECT l."FROM_TYPE", l."FROM_VALUE", l."TO_TYPE", l."TO_VALUE", ''''delete''''
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "FROM_TYPE", "FROM_VALUE", "TO_TYPE", "TO_VALUE", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."FROM_TYPE" IS NOT DISTINCT FROM s."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM s."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM s."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM s."TO_VALUE"
WHERE s.pipes_present IS NULL'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" l USING "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES" c
WHERE c.pipes_action = ''''delete'''' AND l."FROM_TYPE" IS NOT DISTINCT FROM c."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM c."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM c."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM c."TO_VALUE"'';
  EXECUTE IMMEDIATE ''MERGE INTO "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES" AS c ON c.pipes_action <> ''''delete'''' AND s."FROM_TYPE" IS NOT DISTINCT FROM c."FROM_TYPE" AND s."FROM_VALUE" IS NOT DISTINCT FROM c."FROM_VALUE" AND s."TO_TYPE" IS NOT DISTINCT FROM c."TO_TYPE" AND s."TO_VALUE" IS NOT DISTINCT FROM c."TO_VALUE"
) AS s
ON l."FROM_TYPE" IS NOT DISTINCT FROM s."FROM_TYPE" AND l."FROM_VALUE" IS NOT DISTINCT FROM s."FROM_VALUE" AND l."TO_TYPE" IS NOT DISTINCT FROM s."TO_TYPE" AND l."TO_VALUE" IS NOT DISTINCT FROM s."TO_VALUE"
WHEN MATCHED THEN UPDATE SET "FROM_KEY" = s."FROM_KEY", "TO_KEY" = s."TO_KEY", "FIRST_SEEN" = s."FIRST_SEEN", "LIMIT_TYPE" = s."LIMIT_TYPE", "EDGE_STRENGTH" = s."EDGE_STRENGTH"
WHEN NOT MATCHED THEN INSERT ("FROM_TYPE", "FROM_VALUE", "TO_TYPE", "TO_VALUE", "FROM_KEY", "TO_KEY", "FIRST_SEEN", "LIMIT_TYPE", "EDGE_STRENGTH") VALUES (s."FROM_TYPE", s."FROM_VALUE", s."TO_TYPE", s."TO_VALUE", s."FROM_KEY", s."TO_KEY", s."FIRST_SEEN", s."LIMIT_TYPE", s."EDGE_STRENGTH")'';
  EXECUTE IMMEDIATE ''-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = ''''pipes_id_refused_edges'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT ''''pipes_id_refused_edges'''', ''''identity.acme_growth.profiles'''',
  COUNT(CASE WHEN pipes_action = ''''insert'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''update'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''delete'''' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_ID_REFUSED_EDGES_CHANGES"'';
  EXECUTE IMMEDIATE ''-- pipes_id_refused_edges was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = ''''pipes_id_refused_edges'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  (''''pipes_id_refused_edges'''', ''''FROM_TYPE'''', ''''key''''),
  (''''pipes_id_refused_edges'''', ''''FROM_VALUE'''', ''''key''''),
  (''''pipes_id_refused_edges'''', ''''TO_TYPE'''', ''''key''''),
  (''''pipes_id_refused_edges'''', ''''TO_VALUE'''', ''''key''''),
  (''''pipes_id_refused_edges'''', ''''FROM_KEY'''', ''''integer''''),
  (''''pipes_id_refused_edges'''', ''''TO_KEY'''', ''''integer''''),
  (''''pipes_id_refused_edges'''', ''''FIRST_SEEN'''', ''''datetime''''),
  (''''pipes_id_refused_edges'''', ''''LIMIT_TYPE'''', ''''string''''),
  (''''pipes_id_refused_edges'''', ''''EDGE_STRENGTH'''', ''''integer'''')'';
  EXECUTE IMMEDIATE ''-- pipes_profiles: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROFILES" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES" SET CHANGE_TRACKING = TRUE'';
  EXECUTE IMMEDIATE ''-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES" AS
-- Only the keys in scope (the keys this run may change) are compared: a live row out of scope is neither read nor
-- written, and a live key in scope that the scratch lacks is deleted
WITH pipes_scratch_in_scope AS (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" AS s WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_SCOPE" AS k WHERE s."PROFILE_ID" IS NOT DISTINCT FROM k."PROFILE_ID")
), pipes_live_in_scope AS (
  SELECT l.* FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" AS l WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_SCOPE" AS k WHERE l."PROFILE_ID" IS NOT DISTINCT FROM k."PROFILE_ID")
)
SELECT s."PROFILE_ID", CASE WHEN l.pipes_present IS NULL THEN ''''insert'''' ELSE ''''update'''' END AS pipes_action
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
SELECT l."PROFILE_ID", ''''delete''''
FROM pipes_live_in_scope AS l
LEFT JOIN (SELECT "PROFILE_ID", 1 AS pipes_present FROM pipes_scratch_in_scope) AS s
  ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHERE s.pipes_present IS NULL'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" l USING "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES" c
WHERE c.pipes_action = ''''delete'''' AND l."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"'';
  EXECUTE IMMEDIATE ''MERGE INTO "ANALYTICS"."PIPES"."PIPES_PROFILES" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES" AS c ON c.pipes_action <> ''''delete'''' AND s."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"
) AS s
ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHEN MATCHED THEN UPDATE SET "CANONICAL_KEY" = s."CANONICAL_KEY", "CANONICAL_TYPE" = s."CANONICAL_TYPE", "CANONICAL_VALUE" = s."CANONICAL_VALUE", "IDENTIFIERS" = s."IDENTIFIERS", "N_USER_ID" = s."N_USER_ID", "N_EMAIL" = s."N_EMAIL", "N_ACCOUNT_ID" = s."N_ACCOUNT_ID", "N_CUSTOMER_ID" = s."N_CUSTOMER_ID", "N_DEVICE_ID" = s."N_DEVICE_ID", "N_AMPLITUDE_ID" = s."N_AMPLITUDE_ID", "FIRST_SEEN" = s."FIRST_SEEN", "LAST_SEEN" = s."LAST_SEEN", "AMPLITUDE_USER_IDS" = s."AMPLITUDE_USER_IDS", "AMPLITUDE_DEVICE_IDS" = s."AMPLITUDE_DEVICE_IDS", "ADDRESSABLE" = s."ADDRESSABLE"
WHEN NOT MATCHED THEN INSERT ("PROFILE_ID", "CANONICAL_KEY", "CANONICAL_TYPE", "CANONICAL_VALUE", "IDENTIFIERS", "N_USER_ID", "N_EMAIL", "N_ACCOUNT_ID", "N_CUSTOMER_ID", "N_DEVICE_ID", "N_AMPLITUDE_ID", "FIRST_SEEN", "LAST_SEEN", "AMPLITUDE_USER_IDS", "AMPLITUDE_DEVICE_IDS", "ADDRESSABLE") VALUES (s."PROFILE_ID", s."CANONICAL_KEY", s."CANONICAL_TYPE", s."CANONICAL_VALUE", s."IDENTIFIERS", s."N_USER_ID", s."N_EMAIL", s."N_ACCOUNT_ID", s."N_CUSTOMER_ID", s."N_DEVICE_ID", s."N_AMPLITUDE_ID", s."FIRST_SEEN", s."LAST_SEEN", s."AMPLITUDE_USER_IDS", s."AMPLITUDE_DEVICE_IDS", s."ADDRESSABLE")'';
  EXECUTE IMMEDIATE ''-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = ''''pipes_profiles'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT ''''pipes_profiles'''', ''''identity.acme_growth.profiles'''',
  COUNT(CASE WHEN pipes_action = ''''insert'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''update'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''delete'''' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_PROFILES_CHANGES"'';
  EXECUTE IMMEDIATE ''-- pipes_profiles was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = ''''pipes_profiles'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  (''''pipes_profiles'''', ''''PROFILE_ID'''', ''''key''''),
  (''''pipes_profiles'''', ''''CANONICAL_KEY'''', ''''integer''''),
  (''''pipes_profiles'''', ''''CANONICAL_TYPE'''', ''''string''''),
  (''''pipes_profiles'''', ''''CANONICAL_VALUE'''', ''''string''''),
  (''''pipes_profiles'''', ''''IDENTIFIERS'''', ''''integer''''),
  (''''pipes_profiles'''', ''''N_USER_ID'''', ''''integer''''),
  (''''pipes_profiles'''', ''''N_EMAIL'''', ''''integer''''),
  (''''pipes_profiles'''', ''''N_ACCOUNT_ID'''', ''''integer''''),
  (''''pipes_profiles'''', ''''N_CUSTOMER_ID'''', ''''integer''''),
  (''''pipes_profiles'''', ''''N_DEVICE_ID'''', ''''integer''''),
  (''''pipes_profiles'''', ''''N_AMPLITUDE_ID'''', ''''integer''''),
  (''''pipes_profiles'''', ''''FIRST_SEEN'''', ''''datetime''''),
  (''''pipes_profiles'''', ''''LAST_SEEN'''', ''''datetime''''),
  (''''pipes_profiles'''', ''''AMPLITUDE_USER_IDS'''', ''''array''''),
  (''''pipes_profiles'''', ''''AMPLITUDE_DEVICE_IDS'''', ''''array''''),
  (''''pipes_profiles'''', ''''ADDRESSABLE'''', ''''boolean'''')'';
  EXECUTE IMMEDIATE ''-- After the publish: this run''''s events join the history
INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_HISTORY" (run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical)
SELECT run_id, run_at, event, old_profile_id, new_profile_id, identifiers, old_canonical, new_canonical
FROM "ANALYTICS"."PIPES"."PIPES_ID_HISTORY_RUN"'';
  EXECUTE IMMEDIATE ''-- The graph now holds every kept row: the next run integrates only rows numbered past these, and forgets rows numbered
-- past them (a run that did not complete). Written first, before the watermarks and digests: a watermark past the
-- graph state would leave the rows between unread once forgotten. One UPDATE marks every input complete at once; an
-- input with no row yet gets one first, still pending and with no row number (every row of it is forgotten).
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" WHERE input_no NOT IN (SELECT input_no FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT")'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" (input_no, row_no, rules_hash)
SELECT input_no, NULL, ''''pending'''' FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT" WHERE input_no NOT IN (SELECT input_no FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE")'';
  EXECUTE IMMEDIATE ''UPDATE "ANALYTICS"."PIPES"."PIPES_ID_GRAPH_STATE" AS g SET row_no = w.max_row_no, rules_hash = ''''961debd6615f4c74c7e997be1a7cda3f''''
FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT" AS w
WHERE w.input_no = g.input_no'';
  EXECUTE IMMEDIATE ''-- Incremental observations: the watermarks of this run, recorded only now that every output is written, so a run
-- that fails before this point reads the same rows again (and the fingerprints keep them from counting twice)
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" WHERE input_name IN (SELECT input_name FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT")'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS" (input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash)
SELECT input_name, iterator, watermark_at, watermark_number, kept_rows, rows_digest, rules_hash FROM "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT"'';
  EXECUTE IMMEDIATE ''-- The inputs without iterator: their row count and digest, for the next run to tell an unchanged input
DELETE FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" WHERE input_name IN (SELECT input_name FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT")'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS" (input_name, input_rows, input_digest, read_skipped, rules_hash)
SELECT input_name, input_rows, input_digest, read_skipped, rules_hash FROM "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_INPUT_DIGESTS_NEXT"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_WATERMARKS_NEXT"'';
  EXECUTE IMMEDIATE ''-- After the outputs are written: the rules this run used, so the next run can tell whether they changed
CREATE OR REPLACE TABLE "ANALYTICS"."PIPES"."PIPES_ID_STATE" AS
SELECT c.rules_checksum, c.previous_checksum, c.rules_changed, r.run_id, r.run_at
FROM "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK" AS c
CROSS JOIN "ANALYTICS"."PIPES"."PIPES_ID_RUN" AS r'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_ID_RULES_CHECK"'';
  LET rs_12 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COALESCE(LISTAGG(TO_VARCHAR(pipes_note.$1), ''''; ''''), '''''''') FROM (
-- What the node''''s message says besides its rounds: a change of rules (never silent), then this run''''s history events
SELECT note FROM (
  SELECT 0 AS ord, ''''identity rules changed since the last run: full rebuild'''' AS note FROM "ANALYTICS"."PIPES"."PIPES_ID_STATE" WHERE rules_changed
  UNION ALL
  SELECT 1 AS ord, ''''history: '''' || TO_VARCHAR(COUNT(*)) || '''' '''' || event AS note FROM "ANALYTICS"."PIPES"."PIPES_ID_HISTORY_RUN" GROUP BY event
) AS n
ORDER BY ord, note
) AS pipes_note'');
  LET c_12 CURSOR FOR rs_12;
  OPEN c_12; FETCH c_12 INTO note; CLOSE c_12;
  IF (note <> '''') THEN notes := notes || ''; identity: '' || note; END IF;
  ran := ran + 1;
  -- test.acme_growth.identity_limits
  LET rs_13 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Profiles holding more values of a type than its limit (docs/identity.md section 6 forbids it)
SELECT profile_id, id_type, COUNT(*) AS identifiers
FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH"
GROUP BY profile_id, id_type
HAVING (id_type = ''''user_id'''' AND COUNT(*) > 1) OR (id_type = ''''email'''' AND COUNT(*) > 3) OR (id_type = ''''account_id'''' AND COUNT(*) > 1) OR (id_type = ''''customer_id'''' AND COUNT(*) > 2) OR (id_type = ''''device_id'''' AND COUNT(*) > 50) OR (id_type = ''''amplitude_id'''' AND COUNT(*) > 20)
) AS pipes_check'');
  LET c_13 CURSOR FOR rs_13;
  OPEN c_13; FETCH c_13 INTO found; CLOSE c_13;
  IF (found > 0) THEN RAISE test_failed_13; END IF;
  ran := ran + 1;
  -- test.acme_growth.identity_one_profile_per_id
  LET rs_14 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- An identifier must belong to exactly one profile
SELECT id_type, id_value, COUNT(DISTINCT profile_id) AS profiles
FROM "ANALYTICS"."PIPES"."PIPES_ID_GRAPH"
GROUP BY id_type, id_value
HAVING COUNT(DISTINCT profile_id) > 1
) AS pipes_check'');
  LET c_14 CURSOR FOR rs_14;
  OPEN c_14; FETCH c_14 INTO found; CLOSE c_14;
  IF (found > 0) THEN RAISE test_failed_14; END IF;
  ran := ran + 1;
  -- test.acme_growth.identity_profile_size_error
  LET rs_15 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Profiles with more than 500 identifiers: a household, a shared inbox, or stitching gone wrong
SELECT profile_id, canonical_type, canonical_value, identifiers
FROM "ANALYTICS"."PIPES"."PIPES_PROFILES"
WHERE identifiers > 500
) AS pipes_check'');
  LET c_15 CURSOR FOR rs_15;
  OPEN c_15; FETCH c_15 INTO found; CLOSE c_15;
  IF (found > 0) THEN RAISE test_failed_15; END IF;
  ran := ran + 1;
  -- test.acme_growth.identity_profile_size_warn
  LET rs_16 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Profiles with more than 50 identifiers: a household, a shared inbox, or stitching gone wrong
SELECT profile_id, canonical_type, canonical_value, identifiers
FROM "ANALYTICS"."PIPES"."PIPES_PROFILES"
WHERE identifiers > 50
) AS pipes_check'');
  LET c_16 CURSOR FOR rs_16;
  OPEN c_16; FETCH c_16 INTO found; CLOSE c_16;
  IF (found > 0) THEN notes := notes || ''; warn: identity_profile_size_warn failed on '' || found || '' rows''; END IF;
  ran := ran + 1;
  -- test.acme_growth.identity_resolved_share
  LET rs_17 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- The share of non-empty observations that are valid and land on a profile must be at least 0.5
SELECT resolved_share, observations
FROM (
  SELECT AVG(CASE WHEN id_value IS NOT NULL THEN 1.0 ELSE 0.0 END) AS resolved_share, COUNT(*) AS observations
  FROM "ANALYTICS"."PIPES"."PIPES_ID_OBSERVATIONS"
  WHERE reason IS NULL OR reason <> ''''null_or_empty''''
) AS share
WHERE resolved_share < 0.5
) AS pipes_check'');
  LET c_17 CURSOR FOR rs_17;
  OPEN c_17; FETCH c_17 INTO found; CLOSE c_17;
  IF (found > 0) THEN RAISE test_failed_17; END IF;
  ran := ran + 1;
  -- model.acme_growth.account_overview
  LET rs_18 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW" only as a view (the model''''s materialization changed); then the runner runs: DROP VIEW "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''ACCOUNT_OVERVIEW''''
  AND table_type = ''''VIEW''''
) AS pipes_check'');
  LET c_18 CURSOR FOR rs_18;
  OPEN c_18; FETCH c_18 INTO found; CLOSE c_18;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP VIEW "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW"''; END IF;
  EXECUTE IMMEDIATE ''CREATE OR REPLACE TABLE "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW" AS
-- Per product account: members, the billing customer behind it, and the CRM deal stage of its contacts.
WITH members AS (
  SELECT account_id, COUNT(DISTINCT user_id) AS members, MIN(customer_id) AS customer_id
  FROM "ANALYTICS"."PIPES"."PRODUCT_ACCOUNTS"
  GROUP BY account_id
),
deals AS (
  SELECT account_id, MAX(deal_stage) AS deal_stage, COUNT(*) AS contacts
  FROM "ANALYTICS"."PIPES"."STG_CRM_CONTACTS"
  GROUP BY account_id
)
SELECT
  m.account_id,
  m.members,
  m.customer_id,
  b.plan,
  b.billing_status,
  d.deal_stage,
  COALESCE(d.contacts, 0) AS contacts
FROM members AS m
LEFT JOIN "ANALYTICS"."PIPES"."BILLING_CUSTOMERS" AS b ON b.customer_id = m.customer_id
LEFT JOIN deals AS d ON d.account_id = m.account_id'';
  ran := ran + 1;
  -- test.acme_growth.accepted_values_account_overview_deal_stage
  LET rs_19 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT "DEAL_STAGE" AS value, COUNT(*) AS occurrences
FROM "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW"
WHERE "DEAL_STAGE" IS NOT NULL
  AND TO_VARCHAR("DEAL_STAGE") NOT IN (''''prospect'''', ''''trial'''', ''''negotiation'''', ''''closed_won'''', ''''closed_lost'''')
GROUP BY "DEAL_STAGE"
) AS pipes_check'');
  LET c_19 CURSOR FOR rs_19;
  OPEN c_19; FETCH c_19 INTO found; CLOSE c_19;
  IF (found > 0) THEN notes := notes || ''; warn: accepted_values_account_overview_deal_stage failed on '' || found || '' rows''; END IF;
  ran := ran + 1;
  -- test.acme_growth.relationships_account_overview_customer_id
  LET rs_20 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT child."CUSTOMER_ID" AS value, COUNT(*) AS occurrences
FROM "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW" AS child
LEFT JOIN "ANALYTICS"."PIPES"."BILLING_CUSTOMERS" AS parent ON parent."CUSTOMER_ID" = child."CUSTOMER_ID"
WHERE child."CUSTOMER_ID" IS NOT NULL AND parent."CUSTOMER_ID" IS NULL
GROUP BY child."CUSTOMER_ID"
) AS pipes_check'');
  LET c_20 CURSOR FOR rs_20;
  OPEN c_20; FETCH c_20 INTO found; CLOSE c_20;
  IF (found > 0) THEN RAISE test_failed_20; END IF;
  ran := ran + 1;
  -- test.acme_growth.unique_account_overview_account_id
  LET rs_21 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
SELECT "ACCOUNT_ID" AS value, COUNT(*) AS occurrences
FROM "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW"
WHERE "ACCOUNT_ID" IS NOT NULL
GROUP BY "ACCOUNT_ID"
HAVING COUNT(*) > 1
) AS pipes_check'');
  LET c_21 CURSOR FOR rs_21;
  OPEN c_21; FETCH c_21 INTO found; CLOSE c_21;
  IF (found > 0) THEN RAISE test_failed_21; END IF;
  ran := ran + 1;
  -- property.acme_growth.billing
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  LET rs_22 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run''''s (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''PIPES_PROPERTY_BILLING''''
), expected AS (
  SELECT column_name, column_type FROM (VALUES (''''PROFILE_ID'''', ''''key''''), (''''PLAN'''', ''''string''''), (''''MRR'''', ''''number''''), (''''SEATS'''', ''''integer''''), (''''BILLING_STATUS'''', ''''string'''')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT ''''table with other columns'''' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT ''''table with other column types'''', 2 FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = ''''pipes_property_billing'''' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1
) AS pipes_check'');
  LET c_22 CURSOR FOR rs_22;
  OPEN c_22; FETCH c_22 INTO found; CLOSE c_22;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING"''; END IF;
  LET rs_23 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run''''s (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''PIPES_PROPERTY_ROWS_BILLING''''
), expected AS (
  SELECT column_name, column_type FROM (VALUES (''''ROW_KEY'''', ''''''''), (''''PROFILE_ID'''', ''''''''), (''''KEY_VALUE'''', ''''''''), (''''KEY_NORMALIZED'''', ''''''''), (''''RAW_UPDATED_AT'''', ''''''''), (''''R_UPDATED_AT'''', ''''''''), (''''UPDATED_AT'''', ''''''''), (''''UNIQUE_VALUE'''', ''''''''), (''''ITERATOR_AT'''', ''''''''), (''''ITERATOR_NUMBER'''', ''''''''), (''''RAW_1'''', ''''''''), (''''V_1_STRING'''', ''''''''), (''''RAW_2'''', ''''''''), (''''R_2'''', ''''''''), (''''V_2_NUMBER'''', ''''''''), (''''RAW_3'''', ''''''''), (''''R_3'''', ''''''''), (''''V_3_INTEGER'''', ''''''''), (''''RAW_4'''', ''''''''), (''''V_4_STRING'''', '''''''')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT ''''table with other columns'''' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
) AS found
ORDER BY found_order
LIMIT 1
) AS pipes_check'');
  LET c_23 CURSOR FOR rs_23;
  OPEN c_23; FETCH c_23 INTO found; CLOSE c_23;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"''; END IF;
  EXECUTE IMMEDIATE ''-- Audit tables shared by every property model; each model keeps its own rows exact.
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (
  model VARCHAR, column_name VARCHAR, profile_id VARCHAR, key_value VARCHAR, raw_value VARCHAR, expected_type VARCHAR, reason VARCHAR
)'';
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model VARCHAR, key_type VARCHAR, unmatched_rows BIGINT, samples VARCHAR)'';
  EXECUTE IMMEDIATE ''-- Per property model, the state of its last completed run: the hash of its statements, its iterator''''s watermark and
-- how many rows it kept and published; written only once its outputs are (a run that fails leaves ''''pending'''')
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" (model VARCHAR, rules_hash VARCHAR, iterator VARCHAR, watermark_at TIMESTAMP_NTZ, watermark_number FLOAT, kept_rows BIGINT, published_rows BIGINT)'';
  EXECUTE IMMEDIATE ''-- Every input row kept: its profile through the key (normalised as identity normalises customer_id), each
-- property as raw text and, when the text has its type''''s documented form, converted to that type (v_<n>_<type>);
-- r_<n> says why not. A column''''s type is in its name, so a table of another layout is dropped before the run.
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" (
  row_key VARCHAR, profile_id VARCHAR, key_value VARCHAR, key_normalized VARCHAR,
  raw_updated_at VARCHAR, r_updated_at VARCHAR, updated_at TIMESTAMP_NTZ,
  unique_value VARCHAR, iterator_at TIMESTAMP_NTZ, iterator_number FLOAT
  , raw_1 VARCHAR, v_1_string VARCHAR
  , raw_2 VARCHAR, r_2 VARCHAR, v_2_number FLOAT
  , raw_3 VARCHAR, r_3 VARCHAR, v_3_integer NUMBER(38,0)
  , raw_4 VARCHAR, v_4_string VARCHAR
)'';
  EXECUTE IMMEDIATE ''-- Why this run recomputes every profile from every row (none: only the changed profiles are recomputed); the node''''s
-- message names any reason but the first run
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING" AS
SELECT reason FROM (
  SELECT CAST(NULL AS VARCHAR) AS reason
  UNION ALL
  SELECT ''''first run'''' FROM (SELECT 1 AS one) AS o
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''billing'''')
  UNION ALL
  SELECT CASE WHEN rules_hash = ''''pending'''' THEN ''''the last run did not finish'''' ELSE ''''its statements changed (columns, rules or Pipes)'''' END
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''billing'''' AND rules_hash <> ''''e87f4d518f87bc08b2abb781b90aa257''''
  UNION ALL
  -- the kept rows are not those the last run left (their table dropped or edited by hand)
  SELECT ''''kept rows differ from the last run'''' FROM (SELECT COUNT(*) AS n FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING") AS k
  WHERE k.n <> COALESCE((SELECT MAX(kept_rows) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''billing'''' AND rules_hash = ''''e87f4d518f87bc08b2abb781b90aa257''''), k.n)
) AS reasons
WHERE reason IS NOT NULL'';
  EXECUTE IMMEDIATE ''-- The rows of billing_customers this run reads, as text, each with its fingerprint (row_key: SHA-256 of every column
-- the model reads, each as length:text, numbered among equal rows so each source row is one kept row)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_BILLING" AS
SELECT fingerprint || '''':'''' || TO_VARCHAR(ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY fingerprint)) AS row_key, CAST(NULL AS VARCHAR) AS iterator_value,
  key_value, raw_updated_at, unique_value, raw_1, raw_2, raw_3, raw_4
FROM (
  SELECT SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(key_value)) || '''':'''' || key_value, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_updated_at)) || '''':'''' || raw_updated_at, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(unique_value)) || '''':'''' || unique_value, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_1)) || '''':'''' || raw_1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_2)) || '''':'''' || raw_2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_3)) || '''':'''' || raw_3, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_4)) || '''':'''' || raw_4, ''''-''''), 256), 1, 32) AS fingerprint, s.*
  FROM (
    SELECT
      TO_VARCHAR("CUSTOMER_ID") AS key_value,
      TO_VARCHAR("UPDATED_AT") AS raw_updated_at,
      CAST(NULL AS VARCHAR) AS unique_value
      , TO_VARCHAR("PLAN") AS raw_1
      , TO_VARCHAR("MRR") AS raw_2
      , TO_VARCHAR("SEATS") AS raw_3
      , TO_VARCHAR("BILLING_STATUS") AS raw_4
    FROM "ANALYTICS"."PIPES"."BILLING_CUSTOMERS"
  ) AS s
) AS f'';
  EXECUTE IMMEDIATE ''UPDATE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" SET rules_hash = ''''pending'''' WHERE model = ''''billing'''''';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING")'';
  EXECUTE IMMEDIATE ''-- Rows read that are not kept yet
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_BILLING" AS
SELECT r.* FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_BILLING" AS r WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" AS k WHERE k.row_key = r.row_key)'';
  EXECUTE IMMEDIATE ''-- Kept rows no longer in the input (deleted or changed at the source)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_BILLING" AS
SELECT k.row_key, k.profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" AS k WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_BILLING" AS r WHERE r.row_key = k.row_key)'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_BILLING"'';
  EXECUTE IMMEDIATE ''-- The new rows: key normalised and joined to the graph, each property converted when its text has the type''''s form
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_BILLING" AS
WITH src AS (
  SELECT row_key, key_value, raw_updated_at, unique_value,
    CAST(NULL AS TIMESTAMP_NTZ) AS iterator_at,
    CAST(NULL AS FLOAT) AS iterator_number,
    TRIM(key_value, '''' '''') AS key_normalized
    , raw_1
    , raw_2
    , raw_3
    , raw_4
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_BILLING"
), converted AS (
  SELECT src.*
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(raw_updated_at, '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(raw_updated_at, '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS updated_at
    , (CASE WHEN REGEXP_LIKE(TRIM(raw_2, '''' ''''), ''''[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?'''') THEN TRY_TO_DOUBLE(REPLACE(TRIM(raw_2, '''' ''''), '''','''', '''''''')) END) AS x_2
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_3, '''' ''''), ''''[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.]0*)?'''') AND (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_3, '''' ''''), '''','''', ''''''''), ''''[0-9]+''''), ''''''''), ''''0'''')) < 19 OR (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_3, '''' ''''), '''','''', ''''''''), ''''[0-9]+''''), ''''''''), ''''0'''')) = 19 AND LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_3, '''' ''''), '''','''', ''''''''), ''''[0-9]+''''), ''''''''), ''''0'''') <= (CASE WHEN LEFT(TRIM(raw_3, '''' ''''), 1) = ''''-'''' THEN ''''9223372036854775808'''' ELSE ''''9223372036854775807'''' END)))) THEN TRY_CAST((CASE WHEN LEFT(TRIM(raw_3, '''' ''''), 1) = ''''-'''' THEN ''''-'''' ELSE '''''''' END || COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_3, '''' ''''), '''','''', ''''''''), ''''[0-9]+''''), '''''''')) AS NUMBER(38,0)) END) AS x_3
  FROM src
), checked AS (
  SELECT converted.*
    , (CASE WHEN TRIM(raw_updated_at, '''' '''') IS NULL OR TRIM(raw_updated_at, '''' '''') = '''''''' THEN NULL WHEN NOT (REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''')) THEN ''''not a datetime'''' WHEN updated_at IS NULL THEN ''''no such date or time'''' END) AS r_updated_at
    , (CASE WHEN TRIM(raw_2, '''' '''') IS NULL OR TRIM(raw_2, '''' '''') = '''''''' THEN NULL WHEN NOT REGEXP_LIKE(TRIM(raw_2, '''' ''''), ''''[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?'''') THEN ''''not a number'''' WHEN x_2 IS NULL OR NOT (ABS(x_2) < ''''inf''''::FLOAT) THEN ''''out of range'''' END) AS r_2
    , (CASE WHEN TRIM(raw_3, '''' '''') IS NULL OR TRIM(raw_3, '''' '''') = '''''''' THEN NULL WHEN NOT REGEXP_LIKE(TRIM(raw_3, '''' ''''), ''''[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.]0*)?'''') THEN ''''not an integer'''' WHEN NOT (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_3, '''' ''''), '''','''', ''''''''), ''''[0-9]+''''), ''''''''), ''''0'''')) < 19 OR (LENGTH(LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_3, '''' ''''), '''','''', ''''''''), ''''[0-9]+''''), ''''''''), ''''0'''')) = 19 AND LTRIM(COALESCE(REGEXP_SUBSTR(REPLACE(TRIM(raw_3, '''' ''''), '''','''', ''''''''), ''''[0-9]+''''), ''''''''), ''''0'''') <= (CASE WHEN LEFT(TRIM(raw_3, '''' ''''), 1) = ''''-'''' THEN ''''9223372036854775808'''' ELSE ''''9223372036854775807'''' END))) THEN ''''out of range'''' END) AS r_3
  FROM converted
)
SELECT checked.row_key, g.profile_id, checked.key_value, checked.key_normalized, checked.raw_updated_at, checked.r_updated_at
  , CASE WHEN checked.r_updated_at IS NULL THEN checked.updated_at END AS updated_at
  , checked.unique_value, checked.iterator_at, checked.iterator_number
  , checked.raw_1
  , NULLIF(checked.raw_1, '''''''') AS v_1_string
  , checked.raw_2
  , checked.r_2
  , CASE WHEN checked.r_2 IS NULL THEN checked.x_2 END AS v_2_number
  , checked.raw_3
  , checked.r_3
  , CASE WHEN checked.r_3 IS NULL THEN checked.x_3 END AS v_3_integer
  , checked.raw_4
  , NULLIF(checked.raw_4, '''''''') AS v_4_string
FROM checked
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = ''''customer_id'''' AND g.id_value = checked.key_normalized'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_BILLING"'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" WHERE row_key IN (SELECT row_key FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_BILLING")'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" (row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, r_2, v_2_number, raw_3, r_3, v_3_integer, raw_4, v_4_string)
SELECT row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, r_2, v_2_number, raw_3, r_3, v_3_integer, raw_4, v_4_string FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_BILLING"'';
  EXECUTE IMMEDIATE ''-- Membership: kept keys whose profile in the graph is no longer the one their rows hold (whatever identity runs
-- happened since this model''''s last run); both profiles change
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_BILLING" AS
SELECT k.key_normalized, k.profile_id AS old_profile, g.profile_id AS new_profile
FROM (SELECT DISTINCT key_normalized, profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" WHERE key_normalized IS NOT NULL) AS k
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = ''''customer_id'''' AND g.id_value = k.key_normalized
WHERE k.profile_id IS DISTINCT FROM g.profile_id'';
  EXECUTE IMMEDIATE ''-- (one row per key: its rows may hold more than one old profile, the new rows the current one)
UPDATE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" AS k SET profile_id = m.new_profile
FROM (SELECT DISTINCT key_normalized, new_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_BILLING") AS m
WHERE m.key_normalized = k.key_normalized'';
  EXECUTE IMMEDIATE ''-- The profiles this run recomputes: those that lost a row, gained one, or whose keys moved (NULL stands for the
-- unmatched rows, for the audits)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" AS
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_BILLING"
UNION
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_BILLING"
UNION
SELECT old_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_BILLING"
UNION
SELECT new_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_BILLING"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_BILLING"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_BILLING"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_BILLING"'';
  EXECUTE IMMEDIATE ''-- The changed profiles, recomputed into a scratch table; publishing writes only the rows that differ to "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING"
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_NEXT" AS
WITH scoped AS (
  SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" AS k WHERE k.profile_id IS NOT NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" AS d WHERE d.profile_id = k.profile_id)
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
  SELECT profile_id, CASE WHEN ABS(total) <= CAST(''''9.745314011399998e288'''' AS FLOAT) THEN total * CAST(''''18446744073709551616'''' AS FLOAT) END AS value
  FROM (SELECT profile_id, SUM(v_2_number * CAST(''''5.421010862427522e-20'''' AS FLOAT)) AS total FROM scoped GROUP BY profile_id) AS summed
)
, c3 AS (
  SELECT profile_id, MAX(v_3_integer) AS value
  FROM scoped GROUP BY profile_id
)
, c4 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_4_string) > 1024 THEN NULL ELSE v_4_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN LENGTH(v_4_string) > 1024 THEN NULL ELSE v_4_string END)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_4_string) > 1024 THEN NULL ELSE v_4_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
SELECT
  p.profile_id
  , c1.value AS "PLAN"
  , c2.value AS "MRR"
  , c3.value AS "SEATS"
  , c4.value AS "BILLING_STATUS"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id
LEFT JOIN c3 ON c3.profile_id = p.profile_id
LEFT JOIN c4 ON c4.profile_id = p.profile_id'';
  EXECUTE IMMEDIATE ''-- "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" as publishing creates it (created once, never replaced), so the unchanged profiles can be read from it
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A published table that no longer holds the rows the last run published (rows deleted by hand, the table dropped)
-- is recomputed in full
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING" (reason)
SELECT ''''published rows differ from the last run'''' FROM (SELECT COUNT(*) AS n FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING") AS live
WHERE live.n <> (SELECT MAX(published_rows) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''billing'''')'';
  EXECUTE IMMEDIATE ''-- The other profiles: as published, or recomputed after a reset
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_NEXT" ("PROFILE_ID", "PLAN", "MRR", "SEATS", "BILLING_STATUS")
SELECT * FROM (
WITH scoped AS (
  SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" AS k WHERE k.profile_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" AS d WHERE d.profile_id = k.profile_id) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING")
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
  SELECT profile_id, CASE WHEN ABS(total) <= CAST(''''9.745314011399998e288'''' AS FLOAT) THEN total * CAST(''''18446744073709551616'''' AS FLOAT) END AS value
  FROM (SELECT profile_id, SUM(v_2_number * CAST(''''5.421010862427522e-20'''' AS FLOAT)) AS total FROM scoped GROUP BY profile_id) AS summed
)
, c3 AS (
  SELECT profile_id, MAX(v_3_integer) AS value
  FROM scoped GROUP BY profile_id
)
, c4 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN LENGTH(v_4_string) > 1024 THEN NULL ELSE v_4_string END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN LENGTH(v_4_string) > 1024 THEN NULL ELSE v_4_string END)) AS pick
    FROM scoped WHERE CASE WHEN LENGTH(v_4_string) > 1024 THEN NULL ELSE v_4_string END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
SELECT
  p.profile_id
  , c1.value AS "PLAN"
  , c2.value AS "MRR"
  , c3.value AS "SEATS"
  , c4.value AS "BILLING_STATUS"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id
LEFT JOIN c3 ON c3.profile_id = p.profile_id
LEFT JOIN c4 ON c4.profile_id = p.profile_id

) AS recomputed
UNION ALL
SELECT "PROFILE_ID", "PLAN", "MRR", "SEATS", "BILLING_STATUS" FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" AS l
WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" AS d WHERE d.profile_id = l.profile_id)'';
  EXECUTE IMMEDIATE ''-- Unmatched rows (no profile for their key), counted again from every kept row
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" WHERE model = ''''billing'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model, key_type, unmatched_rows, samples)
SELECT ''''billing'''', ''''customer_id'''', COUNT(*),
  TO_JSON(ARRAY_AGG(CASE WHEN sample_no <= 5 THEN key_value END) WITHIN GROUP (ORDER BY key_value))
FROM (
  SELECT key_value, ROW_NUMBER() OVER (ORDER BY key_value NULLS LAST) AS sample_no
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING" WHERE profile_id IS NULL
) AS unmatched
HAVING COUNT(*) > 0'';
  EXECUTE IMMEDIATE ''-- Rejects: those of the recomputed profiles (and of unmatched rows when those changed) are written again
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" WHERE model = ''''billing'''' AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- updated_at (updated_at): values refused as datetime; those rows rank last in latest and earliest
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''billing'''', ''''updated_at'''', profile_id, key_value, raw_updated_at, ''''datetime'''', r_updated_at
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"
WHERE r_updated_at IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- plan: values Amplitude would refuse
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''billing'''', ''''plan'''', profile_id, key_value, raw_1, ''''string'''',
  ''''longer than 1024 characters''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"
WHERE LENGTH(v_1_string) > 1024 AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- mrr: values refused as number, with the reason
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''billing'''', ''''mrr'''', profile_id, key_value, raw_2, ''''number'''',
  r_2
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"
WHERE r_2 IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- mrr (sum): profiles whose total is out of range, left NULL; no single row holds the value, so key_value is
-- NULL and raw_value the exact total (NULL: DOUBLE cannot hold it)
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''billing'''', ''''mrr'''', profile_id, CAST(NULL AS VARCHAR),
  CAST(NULL AS VARCHAR), ''''number'''', ''''sum out of range''''
FROM (
  SELECT profile_id, SUM(v_2_number * CAST(''''5.421010862427522e-20'''' AS FLOAT)) AS total FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"
  WHERE profile_id IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NULL))) GROUP BY profile_id
) AS summed
WHERE NOT (ABS(total) <= CAST(''''9.745314011399998e288'''' AS FLOAT))'';
  EXECUTE IMMEDIATE ''-- seats: values refused as integer, with the reason
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''billing'''', ''''seats'''', profile_id, key_value, raw_3, ''''integer'''',
  r_3
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"
WHERE r_3 IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- billing_status: values Amplitude would refuse
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''billing'''', ''''billing_status'''', profile_id, key_value, raw_4, ''''string'''',
  ''''longer than 1024 characters''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"
WHERE LENGTH(v_4_string) > 1024 AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_BILLING" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- pipes_property_billing: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" SET CHANGE_TRACKING = TRUE'';
  EXECUTE IMMEDIATE ''-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_CHANGES" AS
SELECT s."PROFILE_ID", CASE WHEN l.pipes_present IS NULL THEN ''''insert'''' ELSE ''''update'''' END AS pipes_action
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_NEXT" AS s
LEFT JOIN (SELECT "PROFILE_ID", "PLAN", "MRR", "SEATS", "BILLING_STATUS", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING") AS l
  ON s."PROFILE_ID" IS NOT DISTINCT FROM l."PROFILE_ID"
WHERE l.pipes_present IS NULL
  OR s."PLAN" IS DISTINCT FROM l."PLAN"
  OR s."MRR" IS DISTINCT FROM l."MRR"
  OR s."SEATS" IS DISTINCT FROM l."SEATS"
  OR s."BILLING_STATUS" IS DISTINCT FROM l."BILLING_STATUS"
UNION ALL
SELECT l."PROFILE_ID", ''''delete''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" AS l
LEFT JOIN (SELECT "PROFILE_ID", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_NEXT") AS s
  ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHERE s.pipes_present IS NULL'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" l USING "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_CHANGES" c
WHERE c.pipes_action = ''''delete'''' AND l."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"'';
  EXECUTE IMMEDIATE ''MERGE INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_CHANGES" AS c ON c.pipes_action <> ''''delete'''' AND s."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"
) AS s
ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHEN MATCHED THEN UPDATE SET "PLAN" = s."PLAN", "MRR" = s."MRR", "SEATS" = s."SEATS", "BILLING_STATUS" = s."BILLING_STATUS"
WHEN NOT MATCHED THEN INSERT ("PROFILE_ID", "PLAN", "MRR", "SEATS", "BILLING_STATUS") VALUES (s."PROFILE_ID", s."PLAN", s."MRR", s."SEATS", s."BILLING_STATUS")'';
  EXECUTE IMMEDIATE ''-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = ''''pipes_property_billing'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT ''''pipes_property_billing'''', ''''property.acme_growth.billing'''',
  COUNT(CASE WHEN pipes_action = ''''insert'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''update'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''delete'''' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING_CHANGES"'';
  EXECUTE IMMEDIATE ''-- pipes_property_billing was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = ''''pipes_property_billing'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  (''''pipes_property_billing'''', ''''PROFILE_ID'''', ''''key''''),
  (''''pipes_property_billing'''', ''''PLAN'''', ''''string''''),
  (''''pipes_property_billing'''', ''''MRR'''', ''''number''''),
  (''''pipes_property_billing'''', ''''SEATS'''', ''''integer''''),
  (''''pipes_property_billing'''', ''''BILLING_STATUS'''', ''''string'''')'';
  EXECUTE IMMEDIATE ''-- billing: the state of this run, recorded only now that its outputs are published, so a run that fails
-- before this point leaves ''''pending'''' and the next one recomputes every profile (reading every row again)
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''billing'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" (model, rules_hash, iterator, watermark_at, watermark_number, kept_rows, published_rows)
SELECT ''''billing'''', ''''e87f4d518f87bc08b2abb781b90aa257'''', NULL,
  MAX(iterator_at), MAX(iterator_number), COUNT(*), (SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING")
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_BILLING"'';
  LET rs_24 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COALESCE(LISTAGG(TO_VARCHAR(pipes_note.$1), ''''; ''''), '''''''') FROM (
-- The node''''s message: why every profile was recomputed, unless it is the model''''s first run
SELECT ''''recomputed every profile: '''' || reason FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_BILLING" WHERE reason <> ''''first run'''' ORDER BY reason
) AS pipes_note'');
  LET c_24 CURSOR FOR rs_24;
  OPEN c_24; FETCH c_24 INTO note; CLOSE c_24;
  IF (note <> '''') THEN notes := notes || ''; billing: '' || note; END IF;
  ran := ran + 1;
  -- property.acme_growth.crm
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  LET rs_25 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run''''s (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''PIPES_PROPERTY_CRM''''
), expected AS (
  SELECT column_name, column_type FROM (VALUES (''''PROFILE_ID'''', ''''key''''), (''''DEAL_STAGE'''', ''''string''''), (''''LTV_ESTIMATE'''', ''''number''''), (''''IS_ENTERPRISE'''', ''''boolean''''), (''''RENEWAL_DATE'''', ''''datetime''''), (''''ALT_EMAILS'''', ''''array''''), (''''CONTACT_ID'''', ''''integer'''')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT ''''table with other columns'''' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT ''''table with other column types'''', 2 FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = ''''pipes_property_crm'''' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1
) AS pipes_check'');
  LET c_25 CURSOR FOR rs_25;
  OPEN c_25; FETCH c_25 INTO found; CLOSE c_25;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM"''; END IF;
  LET rs_26 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run''''s (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''PIPES_PROPERTY_ROWS_CRM''''
), expected AS (
  SELECT column_name, column_type FROM (VALUES (''''ROW_KEY'''', ''''''''), (''''PROFILE_ID'''', ''''''''), (''''KEY_VALUE'''', ''''''''), (''''KEY_NORMALIZED'''', ''''''''), (''''RAW_UPDATED_AT'''', ''''''''), (''''R_UPDATED_AT'''', ''''''''), (''''UPDATED_AT'''', ''''''''), (''''UNIQUE_VALUE'''', ''''''''), (''''ITERATOR_AT'''', ''''''''), (''''ITERATOR_NUMBER'''', ''''''''), (''''RAW_1'''', ''''''''), (''''V_1_STRING'''', ''''''''), (''''RAW_2'''', ''''''''), (''''R_2'''', ''''''''), (''''V_2_NUMBER'''', ''''''''), (''''RAW_3'''', ''''''''), (''''R_3'''', ''''''''), (''''V_3_BOOLEAN'''', ''''''''), (''''RAW_4'''', ''''''''), (''''R_4'''', ''''''''), (''''V_4_DATETIME'''', ''''''''), (''''RAW_5'''', ''''''''), (''''R_5'''', ''''''''), (''''V_5_ARRAY'''', ''''''''), (''''RAW_6'''', ''''''''), (''''V_6_STRING'''', '''''''')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT ''''table with other columns'''' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
) AS found
ORDER BY found_order
LIMIT 1
) AS pipes_check'');
  LET c_26 CURSOR FOR rs_26;
  OPEN c_26; FETCH c_26 INTO found; CLOSE c_26;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"''; END IF;
  EXECUTE IMMEDIATE ''-- Audit tables shared by every property model; each model keeps its own rows exact.
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (
  model VARCHAR, column_name VARCHAR, profile_id VARCHAR, key_value VARCHAR, raw_value VARCHAR, expected_type VARCHAR, reason VARCHAR
)'';
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model VARCHAR, key_type VARCHAR, unmatched_rows BIGINT, samples VARCHAR)'';
  EXECUTE IMMEDIATE ''-- Per property model, the state of its last completed run: the hash of its statements, its iterator''''s watermark and
-- how many rows it kept and published; written only once its outputs are (a run that fails leaves ''''pending'''')
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" (model VARCHAR, rules_hash VARCHAR, iterator VARCHAR, watermark_at TIMESTAMP_NTZ, watermark_number FLOAT, kept_rows BIGINT, published_rows BIGINT)'';
  EXECUTE IMMEDIATE ''-- Every input row kept: its profile through the key (normalised as identity normalises email), each
-- property as raw text and, when the text has its type''''s documented form, converted to that type (v_<n>_<type>);
-- r_<n> says why not. A column''''s type is in its name, so a table of another layout is dropped before the run.
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" (
  row_key VARCHAR, profile_id VARCHAR, key_value VARCHAR, key_normalized VARCHAR,
  raw_updated_at VARCHAR, r_updated_at VARCHAR, updated_at TIMESTAMP_NTZ,
  unique_value VARCHAR, iterator_at TIMESTAMP_NTZ, iterator_number FLOAT
  , raw_1 VARCHAR, v_1_string VARCHAR
  , raw_2 VARCHAR, r_2 VARCHAR, v_2_number FLOAT
  , raw_3 VARCHAR, r_3 VARCHAR, v_3_boolean BOOLEAN
  , raw_4 VARCHAR, r_4 VARCHAR, v_4_datetime TIMESTAMP_NTZ
  , raw_5 VARCHAR, r_5 VARCHAR, v_5_array ARRAY
  , raw_6 VARCHAR, v_6_string VARCHAR
)'';
  EXECUTE IMMEDIATE ''-- Why this run recomputes every profile from every row (none: only the changed profiles are recomputed); the node''''s
-- message names any reason but the first run
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM" AS
SELECT reason FROM (
  SELECT CAST(NULL AS VARCHAR) AS reason
  UNION ALL
  SELECT ''''first run'''' FROM (SELECT 1 AS one) AS o
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''crm'''')
  UNION ALL
  SELECT CASE WHEN rules_hash = ''''pending'''' THEN ''''the last run did not finish'''' ELSE ''''its statements changed (columns, rules or Pipes)'''' END
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''crm'''' AND rules_hash <> ''''c8402663fc08cf4b71cccefca5bfd975''''
  UNION ALL
  -- the kept rows are not those the last run left (their table dropped or edited by hand)
  SELECT ''''kept rows differ from the last run'''' FROM (SELECT COUNT(*) AS n FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM") AS k
  WHERE k.n <> COALESCE((SELECT MAX(kept_rows) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''crm'''' AND rules_hash = ''''c8402663fc08cf4b71cccefca5bfd975''''), k.n)
) AS reasons
WHERE reason IS NOT NULL'';
  EXECUTE IMMEDIATE ''-- The rows of crm_contacts this run reads, as text, each with its fingerprint (row_key: SHA-256 of every column
-- the model reads, each as length:text, numbered among equal rows so each source row is one kept row)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_CRM" AS
SELECT fingerprint || '''':'''' || TO_VARCHAR(ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY fingerprint)) AS row_key, CAST(NULL AS VARCHAR) AS iterator_value,
  key_value, raw_updated_at, unique_value, raw_1, raw_2, raw_3, raw_4, raw_5, raw_6
FROM (
  SELECT SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(key_value)) || '''':'''' || key_value, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_updated_at)) || '''':'''' || raw_updated_at, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(unique_value)) || '''':'''' || unique_value, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_1)) || '''':'''' || raw_1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_2)) || '''':'''' || raw_2, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_3)) || '''':'''' || raw_3, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_4)) || '''':'''' || raw_4, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_5)) || '''':'''' || raw_5, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_6)) || '''':'''' || raw_6, ''''-''''), 256), 1, 32) AS fingerprint, s.*
  FROM (
    SELECT
      TO_VARCHAR("EMAIL") AS key_value,
      TO_VARCHAR("UPDATED_AT") AS raw_updated_at,
      CAST(NULL AS VARCHAR) AS unique_value
      , TO_VARCHAR("DEAL_STAGE") AS raw_1
      , TO_VARCHAR("LTV_ESTIMATE") AS raw_2
      , TO_VARCHAR("IS_ENTERPRISE") AS raw_3
      , TO_VARCHAR("RENEWAL_DATE") AS raw_4
      , TO_VARCHAR("ALT_EMAILS") AS raw_5
      , TO_VARCHAR("CONTACT_ID") AS raw_6
    FROM "ANALYTICS"."PIPES"."CRM_CONTACTS"
  ) AS s
) AS f'';
  EXECUTE IMMEDIATE ''UPDATE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" SET rules_hash = ''''pending'''' WHERE model = ''''crm'''''';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM")'';
  EXECUTE IMMEDIATE ''-- Rows read that are not kept yet
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_CRM" AS
SELECT r.* FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_CRM" AS r WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" AS k WHERE k.row_key = r.row_key)'';
  EXECUTE IMMEDIATE ''-- Kept rows no longer in the input (deleted or changed at the source)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_CRM" AS
SELECT k.row_key, k.profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" AS k WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_CRM" AS r WHERE r.row_key = k.row_key)'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_CRM"'';
  EXECUTE IMMEDIATE ''-- The new rows: key normalised and joined to the graph, each property converted when its text has the type''''s form
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_CRM" AS
WITH src AS (
  SELECT row_key, key_value, raw_updated_at, unique_value,
    CAST(NULL AS TIMESTAMP_NTZ) AS iterator_at,
    CAST(NULL AS FLOAT) AS iterator_number,
    LOWER(TRANSLATE(TRIM(key_value, '''' ''''), ''''İΣ'''', ''''iσ'''')) AS key_normalized
    , raw_1
    , raw_2
    , raw_3
    , raw_4
    , raw_5
    , raw_6
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_CRM"
), converted AS (
  SELECT src.*
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(raw_updated_at, '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(raw_updated_at, '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS updated_at
    , (CASE WHEN REGEXP_LIKE(TRIM(raw_2, '''' ''''), ''''[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?'''') THEN TRY_TO_DOUBLE(REPLACE(TRIM(raw_2, '''' ''''), '''','''', '''''''')) END) AS x_2
    , (CASE WHEN LOWER(TRIM(raw_3, '''' '''')) IN (''''true'''', ''''t'''', ''''yes'''', ''''y'''', ''''1'''', ''''false'''', ''''f'''', ''''no'''', ''''n'''', ''''0'''') THEN LOWER(TRIM(raw_3, '''' '''')) IN (''''true'''', ''''t'''', ''''yes'''', ''''y'''', ''''1'''') END) AS x_3
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_4, '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_4, '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_4, '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_4, '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_4, '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(raw_4, '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(raw_4, '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_4, '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_4, '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS x_4
    , (CASE WHEN IS_ARRAY(TRY_PARSE_JSON(TO_VARCHAR(TRIM(raw_5, '''' '''')))) THEN TRY_PARSE_JSON(TO_VARCHAR(TRIM(raw_5, '''' '''')))::ARRAY END) AS x_5
  FROM src
), checked AS (
  SELECT converted.*
    , (CASE WHEN TRIM(raw_updated_at, '''' '''') IS NULL OR TRIM(raw_updated_at, '''' '''') = '''''''' THEN NULL WHEN NOT (REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''')) THEN ''''not a datetime'''' WHEN updated_at IS NULL THEN ''''no such date or time'''' END) AS r_updated_at
    , (CASE WHEN TRIM(raw_2, '''' '''') IS NULL OR TRIM(raw_2, '''' '''') = '''''''' THEN NULL WHEN NOT REGEXP_LIKE(TRIM(raw_2, '''' ''''), ''''[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?'''') THEN ''''not a number'''' WHEN x_2 IS NULL OR NOT (ABS(x_2) < ''''inf''''::FLOAT) THEN ''''out of range'''' END) AS r_2
    , (CASE WHEN TRIM(raw_3, '''' '''') IS NULL OR TRIM(raw_3, '''' '''') = '''''''' THEN NULL WHEN NOT LOWER(TRIM(raw_3, '''' '''')) IN (''''true'''', ''''t'''', ''''yes'''', ''''y'''', ''''1'''', ''''false'''', ''''f'''', ''''no'''', ''''n'''', ''''0'''') THEN ''''not a boolean'''' END) AS r_3
    , (CASE WHEN TRIM(raw_4, '''' '''') IS NULL OR TRIM(raw_4, '''' '''') = '''''''' THEN NULL WHEN NOT (REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_4, '''' ''''), ''''[0-9]{11,13}'''')) THEN ''''not a datetime'''' WHEN x_4 IS NULL THEN ''''no such date or time'''' END) AS r_4
    , (CASE WHEN TRIM(raw_5, '''' '''') IS NULL OR TRIM(raw_5, '''' '''') = '''''''' THEN NULL WHEN NOT (x_5 IS NOT NULL) THEN ''''not an array'''' END) AS r_5
  FROM converted
)
SELECT checked.row_key, g.profile_id, checked.key_value, checked.key_normalized, checked.raw_updated_at, checked.r_updated_at
  , CASE WHEN checked.r_updated_at IS NULL THEN checked.updated_at END AS updated_at
  , checked.unique_value, checked.iterator_at, checked.iterator_number
  , checked.raw_1
  , NULLIF(checked.raw_1, '''''''') AS v_1_string
  , checked.raw_2
  , checked.r_2
  , CASE WHEN checked.r_2 IS NULL THEN checked.x_2 END AS v_2_number
  , checked.raw_3
  , checked.r_3
  , CASE WHEN checked.r_3 IS NULL THEN checked.x_3 END AS v_3_boolean
  , checked.raw_4
  , checked.r_4
  , CASE WHEN checked.r_4 IS NULL THEN checked.x_4 END AS v_4_datetime
  , checked.raw_5
  , checked.r_5
  , CASE WHEN checked.r_5 IS NULL THEN checked.x_5 END AS v_5_array
  , checked.raw_6
  , NULLIF(checked.raw_6, '''''''') AS v_6_string
FROM checked
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = ''''email'''' AND g.id_value = checked.key_normalized'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_CRM"'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" WHERE row_key IN (SELECT row_key FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_CRM")'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" (row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, r_2, v_2_number, raw_3, r_3, v_3_boolean, raw_4, r_4, v_4_datetime, raw_5, r_5, v_5_array, raw_6, v_6_string)
SELECT row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, r_2, v_2_number, raw_3, r_3, v_3_boolean, raw_4, r_4, v_4_datetime, raw_5, r_5, v_5_array, raw_6, v_6_string FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_CRM"'';
  EXECUTE IMMEDIATE ''-- Membership: kept keys whose profile in the graph is no longer the one their rows hold (whatever identity runs
-- happened since this model''''s last run); both profiles change
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_CRM" AS
SELECT k.key_normalized, k.profile_id AS old_profile, g.profile_id AS new_profile
FROM (SELECT DISTINCT key_normalized, profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" WHERE key_normalized IS NOT NULL) AS k
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = ''''email'''' AND g.id_value = k.key_normalized
WHERE k.profile_id IS DISTINCT FROM g.profile_id'';
  EXECUTE IMMEDIATE ''-- (one row per key: its rows may hold more than one old profile, the new rows the current one)
UPDATE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" AS k SET profile_id = m.new_profile
FROM (SELECT DISTINCT key_normalized, new_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_CRM") AS m
WHERE m.key_normalized = k.key_normalized'';
  EXECUTE IMMEDIATE ''-- The profiles this run recomputes: those that lost a row, gained one, or whose keys moved (NULL stands for the
-- unmatched rows, for the audits)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" AS
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_CRM"
UNION
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_CRM"
UNION
SELECT old_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_CRM"
UNION
SELECT new_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_CRM"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_CRM"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_CRM"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_CRM"'';
  EXECUTE IMMEDIATE ''-- The changed profiles, recomputed into a scratch table; publishing writes only the rows that differ to "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM"
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_NEXT" AS
WITH scoped AS (
  SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" AS k WHERE k.profile_id IS NOT NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" AS d WHERE d.profile_id = k.profile_id)
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
    SELECT profile_id, v_2_number AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(v_2_number)) AS pick
    FROM scoped WHERE v_2_number IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c3 AS (
  SELECT profile_id, MAX(CASE WHEN v_3_boolean THEN 1 ELSE 0 END) = 1 AS value
  FROM scoped WHERE v_3_boolean IS NOT NULL GROUP BY profile_id
)
, c4 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, v_4_datetime AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(v_4_datetime)) AS pick
    FROM scoped WHERE v_4_datetime IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c5 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_5_array), ''''\\\\\\\\\\\\\\\\.'''', ''''''''), ''''"[^"]*"'''', ''''''''), ''''[^][{}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', '''''''')) > 0) THEN NULL ELSE v_5_array END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_5_array), ''''\\\\\\\\\\\\\\\\.'''', ''''''''), ''''"[^"]*"'''', ''''''''), ''''[^][{}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', '''''''')) > 0) THEN NULL ELSE v_5_array END)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_5_array), ''''\\\\\\\\\\\\\\\\.'''', ''''''''), ''''"[^"]*"'''', ''''''''), ''''[^][{}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', '''''''')) > 0) THEN NULL ELSE v_5_array END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c6 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_6_string) > 1024 THEN NULL ELSE v_6_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "DEAL_STAGE"
  , c2.value AS "LTV_ESTIMATE"
  , c3.value AS "IS_ENTERPRISE"
  , c4.value AS "RENEWAL_DATE"
  , c5.value AS "ALT_EMAILS"
  , c6.value AS "CONTACT_ID"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id
LEFT JOIN c3 ON c3.profile_id = p.profile_id
LEFT JOIN c4 ON c4.profile_id = p.profile_id
LEFT JOIN c5 ON c5.profile_id = p.profile_id
LEFT JOIN c6 ON c6.profile_id = p.profile_id'';
  EXECUTE IMMEDIATE ''-- "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" as publishing creates it (created once, never replaced), so the unchanged profiles can be read from it
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A published table that no longer holds the rows the last run published (rows deleted by hand, the table dropped)
-- is recomputed in full
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM" (reason)
SELECT ''''published rows differ from the last run'''' FROM (SELECT COUNT(*) AS n FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM") AS live
WHERE live.n <> (SELECT MAX(published_rows) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''crm'''')'';
  EXECUTE IMMEDIATE ''-- The other profiles: as published, or recomputed after a reset
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_NEXT" ("PROFILE_ID", "DEAL_STAGE", "LTV_ESTIMATE", "IS_ENTERPRISE", "RENEWAL_DATE", "ALT_EMAILS", "CONTACT_ID")
SELECT * FROM (
WITH scoped AS (
  SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" AS k WHERE k.profile_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" AS d WHERE d.profile_id = k.profile_id) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM")
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
    SELECT profile_id, v_2_number AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(v_2_number)) AS pick
    FROM scoped WHERE v_2_number IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c3 AS (
  SELECT profile_id, MAX(CASE WHEN v_3_boolean THEN 1 ELSE 0 END) = 1 AS value
  FROM scoped WHERE v_3_boolean IS NOT NULL GROUP BY profile_id
)
, c4 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, v_4_datetime AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(v_4_datetime)) AS pick
    FROM scoped WHERE v_4_datetime IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c5 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_5_array), ''''\\\\\\\\\\\\\\\\.'''', ''''''''), ''''"[^"]*"'''', ''''''''), ''''[^][{}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', '''''''')) > 0) THEN NULL ELSE v_5_array END AS value,
      ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY updated_at DESC NULLS LAST, TO_VARCHAR(CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_5_array), ''''\\\\\\\\\\\\\\\\.'''', ''''''''), ''''"[^"]*"'''', ''''''''), ''''[^][{}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', '''''''')) > 0) THEN NULL ELSE v_5_array END)) AS pick
    FROM scoped WHERE CASE WHEN (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_5_array), ''''\\\\\\\\\\\\\\\\.'''', ''''''''), ''''"[^"]*"'''', ''''''''), ''''[^][{}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', '''''''')) > 0) THEN NULL ELSE v_5_array END IS NOT NULL
  ) AS ranked WHERE pick = 1
)
, c6 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_6_string) > 1024 THEN NULL ELSE v_6_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "DEAL_STAGE"
  , c2.value AS "LTV_ESTIMATE"
  , c3.value AS "IS_ENTERPRISE"
  , c4.value AS "RENEWAL_DATE"
  , c5.value AS "ALT_EMAILS"
  , c6.value AS "CONTACT_ID"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id
LEFT JOIN c3 ON c3.profile_id = p.profile_id
LEFT JOIN c4 ON c4.profile_id = p.profile_id
LEFT JOIN c5 ON c5.profile_id = p.profile_id
LEFT JOIN c6 ON c6.profile_id = p.profile_id

) AS recomputed
UNION ALL
SELECT "PROFILE_ID", "DEAL_STAGE", "LTV_ESTIMATE", "IS_ENTERPRISE", "RENEWAL_DATE", "ALT_EMAILS", "CONTACT_ID" FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" AS l
WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" AS d WHERE d.profile_id = l.profile_id)'';
  EXECUTE IMMEDIATE ''-- Unmatched rows (no profile for their key), counted again from every kept row
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" WHERE model = ''''crm'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model, key_type, unmatched_rows, samples)
SELECT ''''crm'''', ''''email'''', COUNT(*),
  TO_JSON(ARRAY_AGG(CASE WHEN sample_no <= 5 THEN key_value END) WITHIN GROUP (ORDER BY key_value))
FROM (
  SELECT key_value, ROW_NUMBER() OVER (ORDER BY key_value NULLS LAST) AS sample_no
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM" WHERE profile_id IS NULL
) AS unmatched
HAVING COUNT(*) > 0'';
  EXECUTE IMMEDIATE ''-- Rejects: those of the recomputed profiles (and of unmatched rows when those changed) are written again
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" WHERE model = ''''crm'''' AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- updated_at (updated_at): values refused as datetime; those rows rank last in latest and earliest
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''updated_at'''', profile_id, key_value, raw_updated_at, ''''datetime'''', r_updated_at
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE r_updated_at IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- deal_stage: values Amplitude would refuse
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''deal_stage'''', profile_id, key_value, raw_1, ''''string'''',
  ''''longer than 1024 characters''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE LENGTH(v_1_string) > 1024 AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- ltv_estimate: values refused as number, with the reason
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''ltv_estimate'''', profile_id, key_value, raw_2, ''''number'''',
  r_2
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE r_2 IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- is_enterprise: values refused as boolean, with the reason
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''is_enterprise'''', profile_id, key_value, raw_3, ''''boolean'''',
  r_3
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE r_3 IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- renewal_date: values refused as datetime, with the reason
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''renewal_date'''', profile_id, key_value, raw_4, ''''datetime'''',
  r_4
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE r_4 IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- alt_emails: values refused as array, with the reason
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''alt_emails'''', profile_id, key_value, raw_5, ''''array'''',
  r_5
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE r_5 IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''alt_emails'''', profile_id, key_value, raw_5, ''''array'''',
  ''''nested deeper than 40 levels''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE v_5_array IS NOT NULL AND (LENGTH(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(TO_JSON(v_5_array), ''''\\\\\\\\\\\\\\\\.'''', ''''''''), ''''"[^"]*"'''', ''''''''), ''''[^][{}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', ''''''''), ''''[[][]]|[{][}]'''', '''''''')) > 0) AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- contact_id: values Amplitude would refuse
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''crm'''', ''''contact_id'''', profile_id, key_value, raw_6, ''''string'''',
  ''''longer than 1024 characters''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"
WHERE LENGTH(v_6_string) > 1024 AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_CRM" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- pipes_property_crm: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" SET CHANGE_TRACKING = TRUE'';
  EXECUTE IMMEDIATE ''-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_CHANGES" AS
SELECT s."PROFILE_ID", CASE WHEN l.pipes_present IS NULL THEN ''''insert'''' ELSE ''''update'''' END AS pipes_action
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_NEXT" AS s
LEFT JOIN (SELECT "PROFILE_ID", "DEAL_STAGE", "LTV_ESTIMATE", "IS_ENTERPRISE", "RENEWAL_DATE", "ALT_EMAILS", "CONTACT_ID", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM") AS l
  ON s."PROFILE_ID" IS NOT DISTINCT FROM l."PROFILE_ID"
WHERE l.pipes_present IS NULL
  OR s."DEAL_STAGE" IS DISTINCT FROM l."DEAL_STAGE"
  OR s."LTV_ESTIMATE" IS DISTINCT FROM l."LTV_ESTIMATE"
  OR s."IS_ENTERPRISE" IS DISTINCT FROM l."IS_ENTERPRISE"
  OR s."RENEWAL_DATE" IS DISTINCT FROM l."RENEWAL_DATE"
  OR TO_JSON(s."ALT_EMAILS") IS DISTINCT FROM TO_JSON(l."ALT_EMAILS")
  OR s."CONTACT_ID" IS DISTINCT FROM l."CONTACT_ID"
UNION ALL
SELECT l."PROFILE_ID", ''''delete''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" AS l
LEFT JOIN (SELECT "PROFILE_ID", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_NEXT") AS s
  ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHERE s.pipes_present IS NULL'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" l USING "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_CHANGES" c
WHERE c.pipes_action = ''''delete'''' AND l."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"'';
  EXECUTE IMMEDIATE ''MERGE INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_CHANGES" AS c ON c.pipes_action <> ''''delete'''' AND s."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"
) AS s
ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHEN MATCHED THEN UPDATE SET "DEAL_STAGE" = s."DEAL_STAGE", "LTV_ESTIMATE" = s."LTV_ESTIMATE", "IS_ENTERPRISE" = s."IS_ENTERPRISE", "RENEWAL_DATE" = s."RENEWAL_DATE", "ALT_EMAILS" = s."ALT_EMAILS", "CONTACT_ID" = s."CONTACT_ID"
WHEN NOT MATCHED THEN INSERT ("PROFILE_ID", "DEAL_STAGE", "LTV_ESTIMATE", "IS_ENTERPRISE", "RENEWAL_DATE", "ALT_EMAILS", "CONTACT_ID") VALUES (s."PROFILE_ID", s."DEAL_STAGE", s."LTV_ESTIMATE", s."IS_ENTERPRISE", s."RENEWAL_DATE", s."ALT_EMAILS", s."CONTACT_ID")'';
  EXECUTE IMMEDIATE ''-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = ''''pipes_property_crm'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT ''''pipes_property_crm'''', ''''property.acme_growth.crm'''',
  COUNT(CASE WHEN pipes_action = ''''insert'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''update'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''delete'''' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM_CHANGES"'';
  EXECUTE IMMEDIATE ''-- pipes_property_crm was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = ''''pipes_property_crm'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  (''''pipes_property_crm'''', ''''PROFILE_ID'''', ''''key''''),
  (''''pipes_property_crm'''', ''''DEAL_STAGE'''', ''''string''''),
  (''''pipes_property_crm'''', ''''LTV_ESTIMATE'''', ''''number''''),
  (''''pipes_property_crm'''', ''''IS_ENTERPRISE'''', ''''boolean''''),
  (''''pipes_property_crm'''', ''''RENEWAL_DATE'''', ''''datetime''''),
  (''''pipes_property_crm'''', ''''ALT_EMAILS'''', ''''array''''),
  (''''pipes_property_crm'''', ''''CONTACT_ID'''', ''''integer'''')'';
  EXECUTE IMMEDIATE ''-- crm: the state of this run, recorded only now that its outputs are published, so a run that fails
-- before this point leaves ''''pending'''' and the next one recomputes every profile (reading every row again)
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''crm'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" (model, rules_hash, iterator, watermark_at, watermark_number, kept_rows, published_rows)
SELECT ''''crm'''', ''''c8402663fc08cf4b71cccefca5bfd975'''', NULL,
  MAX(iterator_at), MAX(iterator_number), COUNT(*), (SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM")
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_CRM"'';
  LET rs_27 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COALESCE(LISTAGG(TO_VARCHAR(pipes_note.$1), ''''; ''''), '''''''') FROM (
-- The node''''s message: why every profile was recomputed, unless it is the model''''s first run
SELECT ''''recomputed every profile: '''' || reason FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_CRM" WHERE reason <> ''''first run'''' ORDER BY reason
) AS pipes_note'');
  LET c_27 CURSOR FOR rs_27;
  OPEN c_27; FETCH c_27 INTO note; CLOSE c_27;
  IF (note <> '''') THEN notes := notes || ''; crm: '' || note; END IF;
  ran := ran + 1;
  -- property.acme_growth.product
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  LET rs_28 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run''''s (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''PIPES_PROPERTY_PRODUCT''''
), expected AS (
  SELECT column_name, column_type FROM (VALUES (''''PROFILE_ID'''', ''''key''''), (''''ROLE'''', ''''string''''), (''''ACCOUNT_ID'''', ''''integer'''')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT ''''table with other columns'''' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
  UNION ALL
  SELECT ''''table with other column types'''', 2 FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r
  JOIN expected AS e ON e.column_name = r.column_name
  WHERE r.output_name = ''''pipes_property_product'''' AND r.column_type <> e.column_type AND EXISTS (SELECT 1 FROM live)
) AS found
ORDER BY found_order
LIMIT 1
) AS pipes_check'');
  LET c_28 CURSOR FOR rs_28;
  OPEN c_28; FETCH c_28 INTO found; CLOSE c_28;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT"''; END IF;
  LET rs_29 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COUNT(*) FROM (
-- Finds "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" with other columns than this run publishes (a property or an id type added or removed), or a
-- column last published with another type than this run''''s (its record in "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS"); then the runner
-- runs: DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT", and publishing creates it afresh
WITH live AS (
  SELECT column_name FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS"
  WHERE table_catalog = ''''ANALYTICS'''' AND table_schema = ''''PIPES'''' AND table_name = ''''PIPES_PROPERTY_ROWS_PRODUCT''''
), expected AS (
  SELECT column_name, column_type FROM (VALUES (''''ROW_KEY'''', ''''''''), (''''PROFILE_ID'''', ''''''''), (''''KEY_VALUE'''', ''''''''), (''''KEY_NORMALIZED'''', ''''''''), (''''RAW_UPDATED_AT'''', ''''''''), (''''R_UPDATED_AT'''', ''''''''), (''''UPDATED_AT'''', ''''''''), (''''UNIQUE_VALUE'''', ''''''''), (''''ITERATOR_AT'''', ''''''''), (''''ITERATOR_NUMBER'''', ''''''''), (''''RAW_1'''', ''''''''), (''''V_1_STRING'''', ''''''''), (''''RAW_2'''', ''''''''), (''''V_2_STRING'''', '''''''')) AS v(column_name, column_type)
)
SELECT reason FROM (
  SELECT ''''table with other columns'''' AS reason, 1 AS found_order FROM live
  WHERE EXISTS (SELECT 1 FROM expected WHERE column_name NOT IN (SELECT column_name FROM live))
     OR column_name NOT IN (SELECT column_name FROM expected)
) AS found
ORDER BY found_order
LIMIT 1
) AS pipes_check'');
  LET c_29 CURSOR FOR rs_29;
  OPEN c_29; FETCH c_29 INTO found; CLOSE c_29;
  IF (found > 0) THEN EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT"''; END IF;
  EXECUTE IMMEDIATE ''-- Audit tables shared by every property model; each model keeps its own rows exact.
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (
  model VARCHAR, column_name VARCHAR, profile_id VARCHAR, key_value VARCHAR, raw_value VARCHAR, expected_type VARCHAR, reason VARCHAR
)'';
  EXECUTE IMMEDIATE ''CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model VARCHAR, key_type VARCHAR, unmatched_rows BIGINT, samples VARCHAR)'';
  EXECUTE IMMEDIATE ''-- Per property model, the state of its last completed run: the hash of its statements, its iterator''''s watermark and
-- how many rows it kept and published; written only once its outputs are (a run that fails leaves ''''pending'''')
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" (model VARCHAR, rules_hash VARCHAR, iterator VARCHAR, watermark_at TIMESTAMP_NTZ, watermark_number FLOAT, kept_rows BIGINT, published_rows BIGINT)'';
  EXECUTE IMMEDIATE ''-- Every input row kept: its profile through the key (normalised as identity normalises user_id), each
-- property as raw text and, when the text has its type''''s documented form, converted to that type (v_<n>_<type>);
-- r_<n> says why not. A column''''s type is in its name, so a table of another layout is dropped before the run.
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" (
  row_key VARCHAR, profile_id VARCHAR, key_value VARCHAR, key_normalized VARCHAR,
  raw_updated_at VARCHAR, r_updated_at VARCHAR, updated_at TIMESTAMP_NTZ,
  unique_value VARCHAR, iterator_at TIMESTAMP_NTZ, iterator_number FLOAT
  , raw_1 VARCHAR, v_1_string VARCHAR
  , raw_2 VARCHAR, v_2_string VARCHAR
)'';
  EXECUTE IMMEDIATE ''-- Why this run recomputes every profile from every row (none: only the changed profiles are recomputed); the node''''s
-- message names any reason but the first run
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT" AS
SELECT reason FROM (
  SELECT CAST(NULL AS VARCHAR) AS reason
  UNION ALL
  SELECT ''''first run'''' FROM (SELECT 1 AS one) AS o
  WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''product'''')
  UNION ALL
  SELECT CASE WHEN rules_hash = ''''pending'''' THEN ''''the last run did not finish'''' ELSE ''''its statements changed (columns, rules or Pipes)'''' END
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''product'''' AND rules_hash <> ''''ef428aca1a5370c9eef8d1a537baf8de''''
  UNION ALL
  -- the kept rows are not those the last run left (their table dropped or edited by hand)
  SELECT ''''kept rows differ from the last run'''' FROM (SELECT COUNT(*) AS n FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT") AS k
  WHERE k.n <> COALESCE((SELECT MAX(kept_rows) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''product'''' AND rules_hash = ''''ef428aca1a5370c9eef8d1a537baf8de''''), k.n)
) AS reasons
WHERE reason IS NOT NULL'';
  EXECUTE IMMEDIATE ''-- The rows of product_accounts this run reads, as text, each with its fingerprint (row_key: SHA-256 of every column
-- the model reads, each as length:text, numbered among equal rows so each source row is one kept row)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_PRODUCT" AS
SELECT fingerprint || '''':'''' || TO_VARCHAR(ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY fingerprint)) AS row_key, CAST(NULL AS VARCHAR) AS iterator_value,
  key_value, raw_updated_at, unique_value, raw_1, raw_2
FROM (
  SELECT SUBSTR(SHA2(COALESCE(TO_VARCHAR(LENGTH(key_value)) || '''':'''' || key_value, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_updated_at)) || '''':'''' || raw_updated_at, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(unique_value)) || '''':'''' || unique_value, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_1)) || '''':'''' || raw_1, ''''-'''') || ''''|'''' || COALESCE(TO_VARCHAR(LENGTH(raw_2)) || '''':'''' || raw_2, ''''-''''), 256), 1, 32) AS fingerprint, s.*
  FROM (
    SELECT
      TO_VARCHAR("USER_ID") AS key_value,
      TO_VARCHAR("CREATED_AT") AS raw_updated_at,
      CAST(NULL AS VARCHAR) AS unique_value
      , TO_VARCHAR("ROLE") AS raw_1
      , TO_VARCHAR("ACCOUNT_ID") AS raw_2
    FROM "ANALYTICS"."PIPES"."PRODUCT_ACCOUNTS"
  ) AS s
) AS f'';
  EXECUTE IMMEDIATE ''UPDATE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" SET rules_hash = ''''pending'''' WHERE model = ''''product'''''';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" WHERE EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT")'';
  EXECUTE IMMEDIATE ''-- Rows read that are not kept yet
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_PRODUCT" AS
SELECT r.* FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_PRODUCT" AS r WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" AS k WHERE k.row_key = r.row_key)'';
  EXECUTE IMMEDIATE ''-- Kept rows no longer in the input (deleted or changed at the source)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_PRODUCT" AS
SELECT k.row_key, k.profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" AS k WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_PRODUCT" AS r WHERE r.row_key = k.row_key)'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_READ_PRODUCT"'';
  EXECUTE IMMEDIATE ''-- The new rows: key normalised and joined to the graph, each property converted when its text has the type''''s form
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_PRODUCT" AS
WITH src AS (
  SELECT row_key, key_value, raw_updated_at, unique_value,
    CAST(NULL AS TIMESTAMP_NTZ) AS iterator_at,
    CAST(NULL AS FLOAT) AS iterator_number,
    TRIM(key_value, '''' '''') AS key_normalized
    , raw_1
    , raw_2
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_PRODUCT"
), converted AS (
  SELECT src.*
    , (CASE WHEN (REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''')) THEN (CASE WHEN REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, '''' '''')), 0) WHEN REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''') THEN TO_TIMESTAMP_NTZ(TO_NUMBER(TRIM(raw_updated_at, '''' '''')), 3) ELSE DATEADD(minute, (CASE WHEN COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-]''''), '''''''') = ''''-'''' THEN 1 ELSE -1 END) * (COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-]([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0) * 60 + COALESCE(CAST(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[+-][0-9]{2}:?([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), '''''''') AS INTEGER), 0)), TRY_TO_TIMESTAMP_NTZ(LEFT(TRIM(raw_updated_at, '''' ''''), 10) || '''' '''' || COALESCE(NULLIF(SUBSTR(TRIM(raw_updated_at, '''' ''''), 12, 5), ''''''''), ''''00:00'''') || '''':'''' || COALESCE(NULLIF(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[0-9]{2}:[0-9]{2}:([0-9]{2})'''', 1, 1, ''''e'''', 1), ''''''''), ''''''''), ''''00'''') || ''''.'''' || RPAD(LEFT(COALESCE(REGEXP_SUBSTR(SUBSTR(TRIM(raw_updated_at, '''' ''''), 11), ''''[.]([0-9]+)'''', 1, 1, ''''e'''', 1), ''''''''), 6), 6, ''''0''''), ''''YYYY-MM-DD HH24:MI:SS.FF6'''')) END) END) AS updated_at
  FROM src
), checked AS (
  SELECT converted.*
    , (CASE WHEN TRIM(raw_updated_at, '''' '''') IS NULL OR TRIM(raw_updated_at, '''' '''') = '''''''' THEN NULL WHEN NOT (REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''-?[0-9]{1,10}'''') OR REGEXP_LIKE(TRIM(raw_updated_at, '''' ''''), ''''[0-9]{11,13}'''')) THEN ''''not a datetime'''' WHEN updated_at IS NULL THEN ''''no such date or time'''' END) AS r_updated_at
  FROM converted
)
SELECT checked.row_key, g.profile_id, checked.key_value, checked.key_normalized, checked.raw_updated_at, checked.r_updated_at
  , CASE WHEN checked.r_updated_at IS NULL THEN checked.updated_at END AS updated_at
  , checked.unique_value, checked.iterator_at, checked.iterator_number
  , checked.raw_1
  , NULLIF(checked.raw_1, '''''''') AS v_1_string
  , checked.raw_2
  , NULLIF(checked.raw_2, '''''''') AS v_2_string
FROM checked
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = ''''user_id'''' AND g.id_value = checked.key_normalized'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_INCOMING_PRODUCT"'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" WHERE row_key IN (SELECT row_key FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_PRODUCT")'';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" (row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, v_2_string)
SELECT row_key, profile_id, key_value, key_normalized, raw_updated_at, r_updated_at, updated_at, unique_value, iterator_at, iterator_number, raw_1, v_1_string, raw_2, v_2_string FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_PRODUCT"'';
  EXECUTE IMMEDIATE ''-- Membership: kept keys whose profile in the graph is no longer the one their rows hold (whatever identity runs
-- happened since this model''''s last run); both profiles change
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_PRODUCT" AS
SELECT k.key_normalized, k.profile_id AS old_profile, g.profile_id AS new_profile
FROM (SELECT DISTINCT key_normalized, profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" WHERE key_normalized IS NOT NULL) AS k
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS g
  ON g.id_type = ''''user_id'''' AND g.id_value = k.key_normalized
WHERE k.profile_id IS DISTINCT FROM g.profile_id'';
  EXECUTE IMMEDIATE ''-- (one row per key: its rows may hold more than one old profile, the new rows the current one)
UPDATE "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" AS k SET profile_id = m.new_profile
FROM (SELECT DISTINCT key_normalized, new_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_PRODUCT") AS m
WHERE m.key_normalized = k.key_normalized'';
  EXECUTE IMMEDIATE ''-- The profiles this run recomputes: those that lost a row, gained one, or whose keys moved (NULL stands for the
-- unmatched rows, for the audits)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" AS
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_PRODUCT"
UNION
SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_PRODUCT"
UNION
SELECT old_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_PRODUCT"
UNION
SELECT new_profile FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_PRODUCT"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_REMOVED_PRODUCT"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_ADDED_PRODUCT"'';
  EXECUTE IMMEDIATE ''DROP TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTIES_MOVED_PRODUCT"'';
  EXECUTE IMMEDIATE ''-- The changed profiles, recomputed into a scratch table; publishing writes only the rows that differ to "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT"
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_NEXT" AS
WITH scoped AS (
  SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" AS k WHERE k.profile_id IS NOT NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" AS d WHERE d.profile_id = k.profile_id)
), profiles AS (
  SELECT DISTINCT profile_id FROM scoped
)
, c1 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, value, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY seen DESC, TO_VARCHAR(value)) AS pick
    FROM (
      SELECT profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS value, COUNT(*) AS seen
      FROM scoped WHERE CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END IS NOT NULL
      GROUP BY profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END
    ) AS counted
  ) AS ranked WHERE pick = 1
)
, c2 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "ROLE"
  , c2.value AS "ACCOUNT_ID"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id'';
  EXECUTE IMMEDIATE ''-- "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" as publishing creates it (created once, never replaced), so the unchanged profiles can be read from it
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A published table that no longer holds the rows the last run published (rows deleted by hand, the table dropped)
-- is recomputed in full
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT" (reason)
SELECT ''''published rows differ from the last run'''' FROM (SELECT COUNT(*) AS n FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT") AS live
WHERE live.n <> (SELECT MAX(published_rows) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''product'''')'';
  EXECUTE IMMEDIATE ''-- The other profiles: as published, or recomputed after a reset
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_NEXT" ("PROFILE_ID", "ROLE", "ACCOUNT_ID")
SELECT * FROM (
WITH scoped AS (
  SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" AS k WHERE k.profile_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" AS d WHERE d.profile_id = k.profile_id) AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT")
), profiles AS (
  SELECT DISTINCT profile_id FROM scoped
)
, c1 AS (
  SELECT profile_id, value FROM (
    SELECT profile_id, value, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY seen DESC, TO_VARCHAR(value)) AS pick
    FROM (
      SELECT profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END AS value, COUNT(*) AS seen
      FROM scoped WHERE CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END IS NOT NULL
      GROUP BY profile_id, CASE WHEN LENGTH(v_1_string) > 1024 THEN NULL ELSE v_1_string END
    ) AS counted
  ) AS ranked WHERE pick = 1
)
, c2 AS (
  SELECT profile_id, COUNT(CASE WHEN LENGTH(v_2_string) > 1024 THEN NULL ELSE v_2_string END) AS value
  FROM scoped GROUP BY profile_id
)
SELECT
  p.profile_id
  , c1.value AS "ROLE"
  , c2.value AS "ACCOUNT_ID"
FROM profiles AS p
LEFT JOIN c1 ON c1.profile_id = p.profile_id
LEFT JOIN c2 ON c2.profile_id = p.profile_id

) AS recomputed
UNION ALL
SELECT "PROFILE_ID", "ROLE", "ACCOUNT_ID" FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" AS l
WHERE NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT") AND NOT EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" AS d WHERE d.profile_id = l.profile_id)'';
  EXECUTE IMMEDIATE ''-- Unmatched rows (no profile for their key), counted again from every kept row
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" WHERE model = ''''product'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_UNMATCHED" (model, key_type, unmatched_rows, samples)
SELECT ''''product'''', ''''user_id'''', COUNT(*),
  TO_JSON(ARRAY_AGG(CASE WHEN sample_no <= 5 THEN key_value END) WITHIN GROUP (ORDER BY key_value))
FROM (
  SELECT key_value, ROW_NUMBER() OVER (ORDER BY key_value NULLS LAST) AS sample_no
  FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT" WHERE profile_id IS NULL
) AS unmatched
HAVING COUNT(*) > 0'';
  EXECUTE IMMEDIATE ''-- Rejects: those of the recomputed profiles (and of unmatched rows when those changed) are written again
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" WHERE model = ''''product'''' AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- created_at (updated_at): values refused as datetime; those rows rank last in latest and earliest
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''product'''', ''''created_at'''', profile_id, key_value, raw_updated_at, ''''datetime'''', r_updated_at
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT"
WHERE r_updated_at IS NOT NULL AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- role: values Amplitude would refuse
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''product'''', ''''role'''', profile_id, key_value, raw_1, ''''string'''',
  ''''longer than 1024 characters''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT"
WHERE LENGTH(v_1_string) > 1024 AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- account_id: values Amplitude would refuse
INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_REJECTS" (model, column_name, profile_id, key_value, raw_value, expected_type, reason)
SELECT ''''product'''', ''''account_id'''', profile_id, key_value, raw_2, ''''string'''',
  ''''longer than 1024 characters''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT"
WHERE LENGTH(v_2_string) > 1024 AND (EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT") OR profile_id IN (SELECT profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NOT NULL) OR (profile_id IS NULL AND EXISTS (SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_DIRTY_PRODUCT" WHERE profile_id IS NULL)))'';
  EXECUTE IMMEDIATE ''-- pipes_property_product: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" CHANGE_TRACKING = TRUE AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_NEXT" WHERE 1 = 0'';
  EXECUTE IMMEDIATE ''-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" SET CHANGE_TRACKING = TRUE'';
  EXECUTE IMMEDIATE ''-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_CHANGES" AS
SELECT s."PROFILE_ID", CASE WHEN l.pipes_present IS NULL THEN ''''insert'''' ELSE ''''update'''' END AS pipes_action
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_NEXT" AS s
LEFT JOIN (SELECT "PROFILE_ID", "ROLE", "ACCOUNT_ID", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT") AS l
  ON s."PROFILE_ID" IS NOT DISTINCT FROM l."PROFILE_ID"
WHERE l.pipes_present IS NULL
  OR s."ROLE" IS DISTINCT FROM l."ROLE"
  OR s."ACCOUNT_ID" IS DISTINCT FROM l."ACCOUNT_ID"
UNION ALL
SELECT l."PROFILE_ID", ''''delete''''
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" AS l
LEFT JOIN (SELECT "PROFILE_ID", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_NEXT") AS s
  ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHERE s.pipes_present IS NULL'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" l USING "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_CHANGES" c
WHERE c.pipes_action = ''''delete'''' AND l."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"'';
  EXECUTE IMMEDIATE ''MERGE INTO "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_CHANGES" AS c ON c.pipes_action <> ''''delete'''' AND s."PROFILE_ID" IS NOT DISTINCT FROM c."PROFILE_ID"
) AS s
ON l."PROFILE_ID" IS NOT DISTINCT FROM s."PROFILE_ID"
WHEN MATCHED THEN UPDATE SET "ROLE" = s."ROLE", "ACCOUNT_ID" = s."ACCOUNT_ID"
WHEN NOT MATCHED THEN INSERT ("PROFILE_ID", "ROLE", "ACCOUNT_ID") VALUES (s."PROFILE_ID", s."ROLE", s."ACCOUNT_ID")'';
  EXECUTE IMMEDIATE ''-- Rows inserted, updated and deleted, for the run summary
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name VARCHAR, node_id VARCHAR, inserted BIGINT, updated BIGINT, deleted BIGINT)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" WHERE output_name = ''''pipes_property_product'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_CHANGES" (output_name, node_id, inserted, updated, deleted)
SELECT ''''pipes_property_product'''', ''''property.acme_growth.product'''',
  COUNT(CASE WHEN pipes_action = ''''insert'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''update'''' THEN 1 END), COUNT(CASE WHEN pipes_action = ''''delete'''' THEN 1 END)
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT_CHANGES"'';
  EXECUTE IMMEDIATE ''-- pipes_property_product was published with these column types
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name VARCHAR, column_name VARCHAR, column_type VARCHAR)'';
  EXECUTE IMMEDIATE ''DELETE FROM "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" WHERE output_name = ''''pipes_property_product'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" (output_name, column_name, column_type) VALUES
  (''''pipes_property_product'''', ''''PROFILE_ID'''', ''''key''''),
  (''''pipes_property_product'''', ''''ROLE'''', ''''string''''),
  (''''pipes_property_product'''', ''''ACCOUNT_ID'''', ''''integer'''')'';
  EXECUTE IMMEDIATE ''-- product: the state of this run, recorded only now that its outputs are published, so a run that fails
-- before this point leaves ''''pending'''' and the next one recomputes every profile (reading every row again)
DELETE FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" WHERE model = ''''product'''''';
  EXECUTE IMMEDIATE ''INSERT INTO "ANALYTICS"."PIPES"."PIPES_PROPERTIES_STATE" (model, rules_hash, iterator, watermark_at, watermark_number, kept_rows, published_rows)
SELECT ''''product'''', ''''ef428aca1a5370c9eef8d1a537baf8de'''', NULL,
  MAX(iterator_at), MAX(iterator_number), COUNT(*), (SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT")
FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_ROWS_PRODUCT"'';
  LET rs_30 RESULTSET := (EXECUTE IMMEDIATE ''SELECT COALESCE(LISTAGG(TO_VARCHAR(pipes_note.$1), ''''; ''''), '''''''') FROM (
-- The node''''s message: why every profile was recomputed, unless it is the model''''s first run
SELECT ''''recomputed every profile: '''' || reason FROM "ANALYTICS"."PIPES"."PIPES_PROPERTIES_RESET_PRODUCT" WHERE reason <> ''''first run'''' ORDER BY reason
) AS pipes_note'');
  LET c_30 CURSOR FOR rs_30;
  OPEN c_30; FETCH c_30 INTO note; CLOSE c_30;
  IF (note <> '''') THEN notes := notes || ''; product: '' || note; END IF;
  ran := ran + 1;
  RETURN ''pipes: '' || ran || '' nodes ran'' || notes;
END';

CREATE STREAM IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_STREAM_AMPLITUDE_EVENTS" ON TABLE "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS"
COMMENT = 'pipes deploy of project acme_growth (target prod); docs/deploy.md';

CREATE OR REPLACE TASK "ANALYTICS"."PIPES"."PIPES_TASK_ACME_GROWTH"
  WAREHOUSE = "TRANSFORM_WH"
  SCHEDULE = 'USING CRON 0 * * * * UTC'
  ALLOW_OVERLAPPING_EXECUTION = FALSE
  TIMEZONE = 'UTC'
  DATE_OUTPUT_FORMAT = 'YYYY-MM-DD'
  TIME_OUTPUT_FORMAT = 'HH24:MI:SS.FF9'
  TIMESTAMP_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM'
  TIMESTAMP_NTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9'
  TIMESTAMP_LTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM'
  TIMESTAMP_TZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM'
  BINARY_OUTPUT_FORMAT = 'HEX'
  QUERY_TAG = 'pipes:acme_growth:task'
  COMMENT = 'pipes deploy of project acme_growth (target prod); docs/deploy.md'
  WHEN SYSTEM$STREAM_HAS_DATA('"ANALYTICS"."PIPES"."PIPES_STREAM_AMPLITUDE_EVENTS"')
AS
  CALL "ANALYTICS"."PIPES"."PIPES_RUN_ACME_GROWTH"();

ALTER TASK "ANALYTICS"."PIPES"."PIPES_TASK_ACME_GROWTH" RESUME;

