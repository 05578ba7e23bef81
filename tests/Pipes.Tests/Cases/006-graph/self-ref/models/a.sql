SELECT 1 AS x
UNION ALL
SELECT x + 1 FROM {{ ref "a" }}
