SELECT c.id
FROM {{ ref "custmers" }} AS c
JOIN {{ source "crm" "contact" }} AS k ON k.id = c.id
JOIN {{ source "billing" "invoices" }} AS b ON b.id = c.id
WHERE c.id > {{ var "min_idd" }}
