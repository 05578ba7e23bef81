SELECT '{{ env_var "PIPES_TEST_UNSET" }}' AS x
