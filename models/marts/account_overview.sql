-- Per product account: members, the billing customer behind it, and the CRM deal stage of its contacts.
WITH members AS (
  SELECT account_id, COUNT(DISTINCT user_id) AS members, MIN(customer_id) AS customer_id
  FROM {{ ref "product_accounts" }}
  GROUP BY account_id
),
deals AS (
  SELECT account_id, MAX(deal_stage) AS deal_stage, COUNT(*) AS contacts
  FROM {{ ref "stg_crm_contacts" }}
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
LEFT JOIN {{ ref "billing_customers" }} AS b ON b.customer_id = m.customer_id
LEFT JOIN deals AS d ON d.account_id = m.account_id
