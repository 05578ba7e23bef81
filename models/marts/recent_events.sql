-- Events of the last {{ var "lookback_days" }} days of the export, merged on event_id run after run.
SELECT event_id, event_time, event_type, user_id, device_id
FROM {{ ref "stg_events" }}
WHERE event_time >= (SELECT MAX(event_time) FROM {{ ref "stg_events" }}) - INTERVAL '{{ var "lookback_days" }} days'
{{~ if is_incremental }}
  AND event_time >= (SELECT MAX(event_time) FROM {{ self }})
{{~ end }}
