-- 002_model.acme_growth.stg_events.sql
-- Finds "ANALYTICS"."PIPES"."STG_EVENTS" only as a table (the model's materialization changed); then the runner runs: DROP TABLE "ANALYTICS"."PIPES"."STG_EVENTS"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = 'ANALYTICS' AND table_schema = 'PIPES' AND table_name = 'STG_EVENTS'
  AND table_type = 'BASE TABLE';

CREATE OR REPLACE VIEW "ANALYTICS"."PIPES"."STG_EVENTS" AS
-- One row per Amplitude event; empty user ids become NULL, the email comes out of user_properties.
SELECT
  event_id,
  event_time,
  event_type,
  NULLIF(TRIM(user_id), '') AS user_id,
  NULLIF(TRIM(device_id), '') AS device_id,
  platform,
  GET_PATH(user_properties, 'email')::VARCHAR AS email,
  GET_PATH(user_properties, 'plan')::VARCHAR AS plan
FROM "ANALYTICS"."PIPES"."AMPLITUDE_EVENTS";

-- 006_model.acme_growth.recent_events.sql
-- Finds "ANALYTICS"."PIPES"."RECENT_EVENTS" only as a view (the model's materialization changed); then the runner runs: DROP VIEW "ANALYTICS"."PIPES"."RECENT_EVENTS"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = 'ANALYTICS' AND table_schema = 'PIPES' AND table_name = 'RECENT_EVENTS'
  AND table_type = 'VIEW';

CREATE TABLE IF NOT EXISTS "ANALYTICS"."PIPES"."RECENT_EVENTS" AS
-- Events of the last 30 days of the export, merged on event_id run after run.
SELECT event_id, event_time, event_type, user_id, device_id
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE event_time >= (SELECT MAX(event_time) FROM "ANALYTICS"."PIPES"."STG_EVENTS") - INTERVAL '30 days';

MERGE INTO "ANALYTICS"."PIPES"."RECENT_EVENTS" AS pipes_target
USING (
-- Events of the last 30 days of the export, merged on event_id run after run.
SELECT event_id, event_time, event_type, user_id, device_id
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE event_time >= (SELECT MAX(event_time) FROM "ANALYTICS"."PIPES"."STG_EVENTS") - INTERVAL '30 days'

  AND event_time >= (SELECT MAX(event_time) FROM "ANALYTICS"."PIPES"."RECENT_EVENTS")
) AS pipes_source
ON pipes_target.event_id = pipes_source.event_id
WHEN MATCHED THEN UPDATE ALL BY NAME
WHEN NOT MATCHED THEN INSERT ALL BY NAME;

-- 007_model.acme_growth.user_activity.sql
-- Finds "ANALYTICS"."PIPES"."USER_ACTIVITY" only as a view (the model's materialization changed); then the runner runs: DROP VIEW "ANALYTICS"."PIPES"."USER_ACTIVITY"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = 'ANALYTICS' AND table_schema = 'PIPES' AND table_name = 'USER_ACTIVITY'
  AND table_type = 'VIEW';

CREATE OR REPLACE TABLE "ANALYTICS"."PIPES"."USER_ACTIVITY" AS
-- Per logged-in user: activity window, event count and how many devices they used.
SELECT
  user_id,
  MIN(event_time) AS first_seen,
  MAX(event_time) AS last_seen,
  COUNT(*) AS events,
  COUNT(DISTINCT device_id) AS devices
FROM "ANALYTICS"."PIPES"."STG_EVENTS"
WHERE user_id IS NOT NULL
GROUP BY user_id;

-- 014_model.acme_growth.stg_crm_contacts.sql
-- Finds "ANALYTICS"."PIPES"."STG_CRM_CONTACTS" only as a table (the model's materialization changed); then the runner runs: DROP TABLE "ANALYTICS"."PIPES"."STG_CRM_CONTACTS"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = 'ANALYTICS' AND table_schema = 'PIPES' AND table_name = 'STG_CRM_CONTACTS'
  AND table_type = 'BASE TABLE';

CREATE OR REPLACE VIEW "ANALYTICS"."PIPES"."STG_CRM_CONTACTS" AS
-- CRM contacts with the email as written and a trimmed, lower-cased copy for joining.
SELECT
  contact_id,
  email AS email_raw,
  NULLIF(LOWER(TRIM(email)), '') AS email,
  account_id,
  first_name,
  LOWER(TRIM(deal_stage)) AS deal_stage,
  ltv_estimate,
  is_enterprise,
  renewal_date,
  alt_emails,
  updated_at
FROM "ANALYTICS"."PIPES"."CRM_CONTACTS";

-- 022_model.acme_growth.account_overview.sql
-- Finds "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW" only as a view (the model's materialization changed); then the runner runs: DROP VIEW "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW"
SELECT table_type FROM "ANALYTICS"."INFORMATION_SCHEMA"."TABLES"
WHERE table_catalog = 'ANALYTICS' AND table_schema = 'PIPES' AND table_name = 'ACCOUNT_OVERVIEW'
  AND table_type = 'VIEW';

CREATE OR REPLACE TABLE "ANALYTICS"."PIPES"."ACCOUNT_OVERVIEW" AS
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
LEFT JOIN deals AS d ON d.account_id = m.account_id;

