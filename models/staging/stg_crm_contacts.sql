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
FROM {{ ref "crm_contacts" }}
