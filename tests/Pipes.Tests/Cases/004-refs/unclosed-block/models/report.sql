SELECT *
FROM {{ ref "stg_events" 