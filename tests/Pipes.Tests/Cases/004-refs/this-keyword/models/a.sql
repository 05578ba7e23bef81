SELECT *
FROM {{ this }}
WHERE x > (SELECT max(x) FROM {{ this }})
