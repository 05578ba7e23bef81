SELECT *
FROM {{ ref "b" }}
WHERE x IN {{ [[[ }}
