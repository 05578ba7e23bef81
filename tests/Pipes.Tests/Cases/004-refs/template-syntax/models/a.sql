SELECT 1 AS x
{{ for column in ["a", "b"] }}
, {{ column }}
