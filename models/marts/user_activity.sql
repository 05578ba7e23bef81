-- Per logged-in user: activity window, event count and how many devices they used.
SELECT
  user_id,
  MIN(event_time) AS first_seen,
  MAX(event_time) AS last_seen,
  COUNT(*) AS events,
  COUNT(DISTINCT device_id) AS devices
FROM {{ ref "stg_events" }}
WHERE user_id IS NOT NULL
GROUP BY user_id
