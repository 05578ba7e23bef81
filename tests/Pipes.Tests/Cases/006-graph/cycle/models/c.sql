SELECT * FROM {{ ref "b" }}
