SELECT * FROM {{ ref "c" }}
