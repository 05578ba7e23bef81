-- Every event with why Amplitude could not take it (NULL: it can), numbered per insert_id to find repeats. The copy
-- kept (copy_no 1) is decided by the rows' contents alone, never by the order they are read in: a copy Amplitude can
-- take (an event_time, a user_id or device_id) first, then the earliest event_time, then event_type, user_id and
-- device_id (text, smallest first; NULL last). Copies equal in all of these are equal in every column written here
-- and in the mirror, so which of them is called the first cannot be seen
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_SKIPPED" AS
WITH read_events AS (
  SELECT TO_VARCHAR(e."EVENT_ID") AS insert_id, e.event_time, TO_VARCHAR(e.event_type) AS event_type,
    NULLIF(TRIM(TO_VARCHAR(e.user_id), ' '), '') AS user_id, NULLIF(TRIM(TO_VARCHAR(e.device_id), ' '), '') AS device_id
  FROM "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS" AS e
), events AS (
  SELECT insert_id, event_time, event_type, user_id, device_id,
    ROW_NUMBER() OVER (PARTITION BY insert_id ORDER BY
      CASE WHEN event_time IS NOT NULL AND (user_id IS NOT NULL OR device_id IS NOT NULL) THEN 0 ELSE 1 END,
      event_time NULLS LAST, event_type NULLS LAST, user_id NULLS LAST, device_id NULLS LAST) AS copy_no
  FROM read_events
)
SELECT insert_id, event_time, event_type, user_id, device_id,
  CASE WHEN insert_id IS NULL THEN 'no insert_id'
       WHEN event_time IS NULL THEN 'no event_time'
       WHEN user_id IS NULL AND device_id IS NULL THEN 'no user_id or device_id'
       WHEN copy_no > 1 THEN 'duplicate insert_id' END AS reason,
  copy_no
FROM events;

CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_NEXT" AS
WITH profile_user AS (
  SELECT pr.profile_id, MIN(u.value::VARCHAR) AS user_id
  FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" AS pr, LATERAL FLATTEN(input => pr.amplitude_user_ids) AS u
  GROUP BY pr.profile_id
), events AS (
  SELECT * FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_SKIPPED" WHERE reason IS NULL
)
SELECT COALESCE(pu.user_id, e.user_id, pd.user_id) AS user_id, e.insert_id, e.event_time, e.device_id, e.event_type
FROM events AS e
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS gu
  ON gu.id_type = 'user_id' AND gu.id_value = e.user_id
LEFT JOIN profile_user AS pu ON pu.profile_id = gu.profile_id
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_ID_GRAPH" AS gd
  ON gd.id_type = 'device_id' AND gd.id_value = e.device_id
LEFT JOIN profile_user AS pd ON pd.profile_id = gd.profile_id
ORDER BY e.insert_id;

-- What is left out stays queryable: events Amplitude could not take or that repeat an insert_id
DELETE FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_SKIPPED" WHERE reason IS NULL;

SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_NEXT";

-- Profiles that have at least one mapped property value
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_SKIPPED" AS
WITH valued AS (
  SELECT p1.profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" AS p1
  WHERE p1."DEAL_STAGE" IS NOT NULL OR p1."LTV_ESTIMATE" IS NOT NULL OR p1."IS_ENTERPRISE" IS NOT NULL OR p1."RENEWAL_DATE" IS NOT NULL OR p1."ALT_EMAILS" IS NOT NULL OR p1."CONTACT_ID" IS NOT NULL
  UNION
    SELECT p2.profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" AS p2
  WHERE p2."PLAN" IS NOT NULL OR p2."MRR" IS NOT NULL OR p2."SEATS" IS NOT NULL OR p2."BILLING_STATUS" IS NOT NULL
  UNION
    SELECT p3.profile_id FROM "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" AS p3
  WHERE p3."ROLE" IS NOT NULL OR p3."ACCOUNT_ID" IS NOT NULL
)
SELECT v.profile_id, 'no user_id' AS reason
FROM valued AS v
WHERE NOT EXISTS (
  SELECT 1 FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" AS pr, LATERAL FLATTEN(input => pr.amplitude_user_ids) AS u
  WHERE pr.profile_id = v.profile_id
);

-- One row per user_id; a profile whose every property is NULL has no row, so losing its properties deletes it
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_NEXT" AS
WITH users AS (
  SELECT pr.profile_id, u.value::VARCHAR AS user_id
  FROM "ANALYTICS"."PIPES"."PIPES_PROFILES" AS pr, LATERAL FLATTEN(input => pr.amplitude_user_ids) AS u
)
SELECT u.user_id, p1."DEAL_STAGE" AS "DEAL STAGE", p1."LTV_ESTIMATE" AS "LTV ESTIMATE", p1."IS_ENTERPRISE" AS "ENTERPRISE", p1."RENEWAL_DATE" AS "RENEWAL DATE", p1."ALT_EMAILS" AS "OTHER EMAILS", p1."CONTACT_ID" AS "CRM CONTACTS", p2."PLAN" AS "PLAN", p2."MRR" AS "MRR", p2."SEATS" AS "SEATS", p2."BILLING_STATUS" AS "BILLING STATUS", p3."ROLE" AS "ACCOUNT ROLE", p3."ACCOUNT_ID" AS "ACCOUNTS"
FROM users AS u
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_PROPERTY_CRM" AS p1 ON p1.profile_id = u.profile_id
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_PROPERTY_BILLING" AS p2 ON p2.profile_id = u.profile_id
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_PROPERTY_PRODUCT" AS p3 ON p3.profile_id = u.profile_id
WHERE p1."DEAL_STAGE" IS NOT NULL OR p1."LTV_ESTIMATE" IS NOT NULL OR p1."IS_ENTERPRISE" IS NOT NULL OR p1."RENEWAL_DATE" IS NOT NULL OR p1."ALT_EMAILS" IS NOT NULL OR p1."CONTACT_ID" IS NOT NULL OR p2."PLAN" IS NOT NULL OR p2."MRR" IS NOT NULL OR p2."SEATS" IS NOT NULL OR p2."BILLING_STATUS" IS NOT NULL OR p3."ROLE" IS NOT NULL OR p3."ACCOUNT_ID" IS NOT NULL OR 1 = 0
ORDER BY u.user_id;

SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_NEXT";

-- Columns of "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" now, with the portable type each was last published with (NULL when not recorded), to add,
-- drop or retype a mapped property in place (a replaced table breaks Amplitude's change data capture)
SELECT c.column_name, r.column_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS" AS c
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r ON r.output_name = 'pipes_amplitude_profiles' AND r.column_name = c.column_name
WHERE c.table_catalog = 'ANALYTICS' AND c.table_schema = 'PIPES' AND c.table_name = 'PIPES_AMPLITUDE_PROFILES';

-- pipes_amplitude_profiles: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" CHANGE_TRACKING = TRUE DATA_RETENTION_TIME_IN_DAYS = 7 AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_NEXT" WHERE 1 = 0;

-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" SET CHANGE_TRACKING = TRUE;

-- The history change data capture reads is kept this many days, also on a table made before
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" SET DATA_RETENTION_TIME_IN_DAYS = 7;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_CHANGES" AS
SELECT s."USER_ID", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_NEXT" AS s
LEFT JOIN (SELECT "USER_ID", "DEAL STAGE", "LTV ESTIMATE", "ENTERPRISE", "RENEWAL DATE", "OTHER EMAILS", "CRM CONTACTS", "PLAN", "MRR", "SEATS", "BILLING STATUS", "ACCOUNT ROLE", "ACCOUNTS", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES") AS l
  ON s."USER_ID" IS NOT DISTINCT FROM l."USER_ID"
WHERE l.pipes_present IS NULL
  OR s."DEAL STAGE" IS DISTINCT FROM l."DEAL STAGE"
  OR s."LTV ESTIMATE" IS DISTINCT FROM l."LTV ESTIMATE"
  OR s."ENTERPRISE" IS DISTINCT FROM l."ENTERPRISE"
  OR s."RENEWAL DATE" IS DISTINCT FROM l."RENEWAL DATE"
  OR TO_JSON(s."OTHER EMAILS") IS DISTINCT FROM TO_JSON(l."OTHER EMAILS")
  OR s."CRM CONTACTS" IS DISTINCT FROM l."CRM CONTACTS"
  OR s."PLAN" IS DISTINCT FROM l."PLAN"
  OR s."MRR" IS DISTINCT FROM l."MRR"
  OR s."SEATS" IS DISTINCT FROM l."SEATS"
  OR s."BILLING STATUS" IS DISTINCT FROM l."BILLING STATUS"
  OR s."ACCOUNT ROLE" IS DISTINCT FROM l."ACCOUNT ROLE"
  OR s."ACCOUNTS" IS DISTINCT FROM l."ACCOUNTS"
UNION ALL
SELECT l."USER_ID", 'delete'
FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" AS l
LEFT JOIN (SELECT "USER_ID", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_NEXT") AS s
  ON l."USER_ID" IS NOT DISTINCT FROM s."USER_ID"
WHERE s.pipes_present IS NULL;

DELETE FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" l USING "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_CHANGES" c
WHERE c.pipes_action = 'delete' AND l."USER_ID" IS NOT DISTINCT FROM c."USER_ID";

MERGE INTO "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_CHANGES" AS c ON c.pipes_action <> 'delete' AND s."USER_ID" IS NOT DISTINCT FROM c."USER_ID"
) AS s
ON l."USER_ID" IS NOT DISTINCT FROM s."USER_ID"
WHEN MATCHED THEN UPDATE SET "DEAL STAGE" = s."DEAL STAGE", "LTV ESTIMATE" = s."LTV ESTIMATE", "ENTERPRISE" = s."ENTERPRISE", "RENEWAL DATE" = s."RENEWAL DATE", "OTHER EMAILS" = s."OTHER EMAILS", "CRM CONTACTS" = s."CRM CONTACTS", "PLAN" = s."PLAN", "MRR" = s."MRR", "SEATS" = s."SEATS", "BILLING STATUS" = s."BILLING STATUS", "ACCOUNT ROLE" = s."ACCOUNT ROLE", "ACCOUNTS" = s."ACCOUNTS"
WHEN NOT MATCHED THEN INSERT ("USER_ID", "DEAL STAGE", "LTV ESTIMATE", "ENTERPRISE", "RENEWAL DATE", "OTHER EMAILS", "CRM CONTACTS", "PLAN", "MRR", "SEATS", "BILLING STATUS", "ACCOUNT ROLE", "ACCOUNTS") VALUES (s."USER_ID", s."DEAL STAGE", s."LTV ESTIMATE", s."ENTERPRISE", s."RENEWAL DATE", s."OTHER EMAILS", s."CRM CONTACTS", s."PLAN", s."MRR", s."SEATS", s."BILLING STATUS", s."ACCOUNT ROLE", s."ACCOUNTS");

-- Operations on "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES" (what Amplitude's change data capture sees and bills), events re-keyed, rows left out
SELECT
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END) AS inserted,
  COUNT(CASE WHEN pipes_action = 'update' THEN 1 END) AS updated,
  COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END) AS deleted,
  0 AS rekeyed,
  (SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_SKIPPED") AS skipped
FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_PROFILES_CHANGES";

-- Columns of "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" now, with the portable type each was last published with (NULL when not recorded), to add,
-- drop or retype a mapped property in place (a replaced table breaks Amplitude's change data capture)
SELECT c.column_name, r.column_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."COLUMNS" AS c
LEFT JOIN "ANALYTICS"."PIPES"."PIPES_OUTPUT_COLUMNS" AS r ON r.output_name = 'pipes_amplitude_events' AND r.column_name = c.column_name
WHERE c.table_catalog = 'ANALYTICS' AND c.table_schema = 'PIPES' AND c.table_name = 'PIPES_AMPLITUDE_EVENTS';

-- pipes_amplitude_events: created once (never replaced), then changed in place
CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" CHANGE_TRACKING = TRUE DATA_RETENTION_TIME_IN_DAYS = 7 AS SELECT * FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_NEXT" WHERE 1 = 0;

-- A table an older Pipes created (or replaced) is adopted: its change tracking is switched on, a no-op when it is
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" SET CHANGE_TRACKING = TRUE;

-- The history change data capture reads is kept this many days, also on a table made before
ALTER TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" SET DATA_RETENTION_TIME_IN_DAYS = 7;

-- What differs: one row per key, with what publishing does to it (two LEFT JOINs, as engines join NULL-safe
-- conditions reliably only that way round)
CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_CHANGES" AS
SELECT s."USER_ID", s."INSERT_ID", s."EVENT_TIME", CASE WHEN l.pipes_present IS NULL THEN 'insert' ELSE 'update' END AS pipes_action
FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_NEXT" AS s
LEFT JOIN (SELECT "USER_ID", "INSERT_ID", "EVENT_TIME", "DEVICE_ID", "EVENT_TYPE", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS") AS l
  ON s."USER_ID" IS NOT DISTINCT FROM l."USER_ID" AND s."INSERT_ID" IS NOT DISTINCT FROM l."INSERT_ID" AND s."EVENT_TIME" IS NOT DISTINCT FROM l."EVENT_TIME"
WHERE l.pipes_present IS NULL
  OR s."DEVICE_ID" IS DISTINCT FROM l."DEVICE_ID"
  OR s."EVENT_TYPE" IS DISTINCT FROM l."EVENT_TYPE"
UNION ALL
SELECT l."USER_ID", l."INSERT_ID", l."EVENT_TIME", 'delete'
FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" AS l
LEFT JOIN (SELECT "USER_ID", "INSERT_ID", "EVENT_TIME", 1 AS pipes_present FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_NEXT") AS s
  ON l."USER_ID" IS NOT DISTINCT FROM s."USER_ID" AND l."INSERT_ID" IS NOT DISTINCT FROM s."INSERT_ID" AND l."EVENT_TIME" IS NOT DISTINCT FROM s."EVENT_TIME"
WHERE s.pipes_present IS NULL;

DELETE FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" l USING "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_CHANGES" c
WHERE c.pipes_action = 'delete' AND l."USER_ID" IS NOT DISTINCT FROM c."USER_ID" AND l."INSERT_ID" IS NOT DISTINCT FROM c."INSERT_ID" AND l."EVENT_TIME" IS NOT DISTINCT FROM c."EVENT_TIME";

MERGE INTO "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" AS l
USING (
  SELECT s.* FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_NEXT" AS s
  JOIN "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_CHANGES" AS c ON c.pipes_action <> 'delete' AND s."USER_ID" IS NOT DISTINCT FROM c."USER_ID" AND s."INSERT_ID" IS NOT DISTINCT FROM c."INSERT_ID" AND s."EVENT_TIME" IS NOT DISTINCT FROM c."EVENT_TIME"
) AS s
ON l."USER_ID" IS NOT DISTINCT FROM s."USER_ID" AND l."INSERT_ID" IS NOT DISTINCT FROM s."INSERT_ID" AND l."EVENT_TIME" IS NOT DISTINCT FROM s."EVENT_TIME"
WHEN MATCHED THEN UPDATE SET "DEVICE_ID" = s."DEVICE_ID", "EVENT_TYPE" = s."EVENT_TYPE"
WHEN NOT MATCHED THEN INSERT ("USER_ID", "INSERT_ID", "EVENT_TIME", "DEVICE_ID", "EVENT_TYPE") VALUES (s."USER_ID", s."INSERT_ID", s."EVENT_TIME", s."DEVICE_ID", s."EVENT_TYPE");

-- Operations on "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS" (what Amplitude's change data capture sees and bills), events re-keyed, rows left out
SELECT
  COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END) AS inserted,
  COUNT(CASE WHEN pipes_action = 'update' THEN 1 END) AS updated,
  COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END) AS deleted,
  (SELECT COUNT(*) FROM (
    SELECT insert_id FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_CHANGES" GROUP BY insert_id
    HAVING COUNT(CASE WHEN pipes_action = 'insert' THEN 1 END) > 0 AND COUNT(CASE WHEN pipes_action = 'delete' THEN 1 END) > 0
  ) AS moved) AS rekeyed,
  (SELECT COUNT(*) FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_SKIPPED") AS skipped
FROM "ANALYTICS"."PIPES"."PIPES_AMPLITUDE_EVENTS_CHANGES";
