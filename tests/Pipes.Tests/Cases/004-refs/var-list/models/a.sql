SELECT '{{ var "regions" }}' AS r,
  '{{ var "limits" }}' AS l, '{{ var "region" }}' AS ok
