-- 002_model.acme_growth.stg_events.sql
-- Finds "main"."stg_events" only as a table (the model's materialization changed); then the runner runs: DROP TABLE "main"."stg_events"
SELECT table_type FROM information_schema.tables
WHERE table_catalog = CURRENT_DATABASE() AND table_schema = 'main' AND table_name = 'stg_events'
  AND table_type = 'BASE TABLE';

CREATE OR REPLACE VIEW "main"."stg_events" AS
-- One row per Amplitude event; empty user ids become NULL, the email comes out of user_properties.
SELECT
  event_id,
  event_time,
  event_type,
  NULLIF(TRIM(user_id), '') AS user_id,
  NULLIF(TRIM(device_id), '') AS device_id,
  platform,
  json_extract_string(user_properties, '$.email') AS email,
  json_extract_string(user_properties, '$.plan') AS plan
FROM "main"."amplitude_events";

-- 006_model.acme_growth.recent_events.sql
-- Finds "main"."recent_events" only as a view (the model's materialization changed); then the runner runs: DROP VIEW "main"."recent_events"
SELECT table_type FROM information_schema.tables
WHERE table_catalog = CURRENT_DATABASE() AND table_schema = 'main' AND table_name = 'recent_events'
  AND table_type = 'VIEW';

CREATE TABLE IF NOT EXISTS "main"."recent_events" AS
-- Events of the last 30 days of the export, merged on event_id run after run.
SELECT event_id, event_time, event_type, user_id, device_id
FROM "main"."stg_events"
WHERE event_time >= (SELECT MAX(event_time) FROM "main"."stg_events") - INTERVAL '30 days';

MERGE INTO "main"."recent_events" AS pipes_target
USING (
-- Events of the last 30 days of the export, merged on event_id run after run.
SELECT event_id, event_time, event_type, user_id, device_id
FROM "main"."stg_events"
WHERE event_time >= (SELECT MAX(event_time) FROM "main"."stg_events") - INTERVAL '30 days'

  AND event_time >= (SELECT MAX(event_time) FROM "main"."recent_events")
) AS pipes_source
ON pipes_target.event_id = pipes_source.event_id
WHEN MATCHED THEN UPDATE
WHEN NOT MATCHED THEN INSERT BY NAME;

-- 007_model.acme_growth.user_activity.sql
-- Finds "main"."user_activity" only as a view (the model's materialization changed); then the runner runs: DROP VIEW "main"."user_activity"
SELECT table_type FROM information_schema.tables
WHERE table_catalog = CURRENT_DATABASE() AND table_schema = 'main' AND table_name = 'user_activity'
  AND table_type = 'VIEW';

CREATE OR REPLACE TABLE "main"."user_activity" AS
-- Per logged-in user: activity window, event count and how many devices they used.
SELECT
  user_id,
  MIN(event_time) AS first_seen,
  MAX(event_time) AS last_seen,
  COUNT(*) AS events,
  COUNT(DISTINCT device_id) AS devices
FROM "main"."stg_events"
WHERE user_id IS NOT NULL
GROUP BY user_id;

-- 014_model.acme_growth.stg_crm_contacts.sql
-- Finds "main"."stg_crm_contacts" only as a table (the model's materialization changed); then the runner runs: DROP TABLE "main"."stg_crm_contacts"
SELECT table_type FROM information_schema.tables
WHERE table_catalog = CURRENT_DATABASE() AND table_schema = 'main' AND table_name = 'stg_crm_contacts'
  AND table_type = 'BASE TABLE';

CREATE OR REPLACE VIEW "main"."stg_crm_contacts" AS
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
FROM "main"."crm_contacts";

-- 022_model.acme_growth.account_overview.sql
-- Finds "main"."account_overview" only as a view (the model's materialization changed); then the runner runs: DROP VIEW "main"."account_overview"
SELECT table_type FROM information_schema.tables
WHERE table_catalog = CURRENT_DATABASE() AND table_schema = 'main' AND table_name = 'account_overview'
  AND table_type = 'VIEW';

CREATE OR REPLACE TABLE "main"."account_overview" AS
-- Per product account: members, the billing customer behind it, and the CRM deal stage of its contacts.
WITH members AS (
  SELECT account_id, COUNT(DISTINCT user_id) AS members, MIN(customer_id) AS customer_id
  FROM "main"."product_accounts"
  GROUP BY account_id
),
deals AS (
  SELECT account_id, MAX(deal_stage) AS deal_stage, COUNT(*) AS contacts
  FROM "main"."stg_crm_contacts"
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
LEFT JOIN "main"."billing_customers" AS b ON b.customer_id = m.customer_id
LEFT JOIN deals AS d ON d.account_id = m.account_id;

