SELECT * FROM {{ ref "a" }}
