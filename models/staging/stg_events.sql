-- One row per Amplitude event; empty user ids become NULL, the email comes out of user_properties.
SELECT
  event_id,
  event_time,
  event_type,
  NULLIF(TRIM(user_id), '') AS user_id,
  NULLIF(TRIM(device_id), '') AS device_id,
  platform,
  {{ dialect.json_path_text "user_properties" "email" }} AS email,
  {{ dialect.json_path_text "user_properties" "plan" }} AS plan
FROM {{ ref "amplitude_events" }}
