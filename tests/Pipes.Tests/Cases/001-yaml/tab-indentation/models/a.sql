SELECT * FROM {{ source "app" "events" }}
