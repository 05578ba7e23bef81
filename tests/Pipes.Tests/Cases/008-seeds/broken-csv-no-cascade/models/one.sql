SELECT * FROM {{ ref "contacts" }}
