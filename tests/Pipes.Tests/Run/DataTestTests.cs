using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>Every data test kind, passing and failing, on DuckDB; and what a failing error-level test does to build.</summary>
public sealed class DataTestTests
{
    private static TestProject Project(string tests) => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\n",
        ["seeds/orders.csv"] = "order_id,customer_id,status,amount\n1,10,paid,5\n2,10,paid,7\n3,11,refunded,-1\n3,12,lost,4\n5,,paid,1\n",
        ["seeds/customers.csv"] = "customer_id,name\n10,ann\n11,bob\n",
        ["models/order_totals.sql"] = "SELECT customer_id, SUM(amount) AS total FROM {{ ref \"orders\" }} GROUP BY customer_id",
        ["models/after_totals.sql"] = "SELECT * FROM {{ ref \"order_totals\" }}",
        ["models/schema.yml"] = tests,
    });

    private const string AllKinds = """
        seeds:
          - name: orders
            tests:
              - expression: {sql: "amount >= 0", severity: warn}
            columns:
              - name: order_id
                tests: [unique, not_null]
              - name: customer_id
                tests:
                  - not_null
                  - relationships: {to: customers, field: customer_id}
              - name: status
                tests:
                  - accepted_values: {values: [paid, refunded]}
          - name: customers
            columns:
              - name: customer_id
                tests: [unique, not_null]
        """;

    [Fact]
    public void Each_test_kind_reports_its_failing_rows()
    {
        using var project = Project(AllKinds);

        var (code, stdout, _) = project.Run("build");

        code.ShouldBe(ExitCodes.Failure);
        var results = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("unique_id").GetString()!.StartsWith("test.", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("unique_id").GetString()!["test.t.".Length..], r => (Status: r.GetProperty("status").GetString(), Failures: r.GetProperty("failures").GetInt64()));
        results["unique_orders_order_id"].ShouldBe(("fail", 1L));                    // order 3 twice
        results["not_null_orders_order_id"].ShouldBe(("pass", 0L));
        results["not_null_orders_customer_id"].ShouldBe(("fail", 1L));               // order 5
        results["relationships_orders_customer_id"].ShouldBe(("fail", 1L));          // customer 12 does not exist
        results["accepted_values_orders_status"].ShouldBe(("fail", 1L));             // 'lost'
        results["expression_orders"].ShouldBe(("warn", 1L));                         // amount -1
        results["unique_customers_customer_id"].ShouldBe(("pass", 0L));
        stdout.ShouldContain("value=lost, occurrences=1");
    }

    [Fact]
    public void A_failing_error_test_skips_what_depends_on_the_tested_node_and_a_warning_does_not()
    {
        using var project = Project("""
            seeds:
              - name: orders
                columns:
                  - name: order_id
                    tests: [unique]
            """);

        var (code, stdout, _) = project.Run("build");

        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("FAIL  test   unique_orders_order_id");
        stdout.ShouldContain("skipped: a test of upstream seed.t.orders failed");

        using var warned = Project("""
            seeds:
              - name: orders
                columns:
                  - name: order_id
                    tests:
                      - unique: {severity: warn}
            """);
        var (warnCode, warnOut, _) = warned.Run("build");
        warnCode.ShouldBe(ExitCodes.Success);
        warnOut.ShouldContain("OK=4 WARN=1 ERROR=0 SKIP=0");
    }

    [Fact]
    public void Pipes_test_runs_only_tests_and_respects_selection()
    {
        using var project = Project(AllKinds);
        project.Run("build");

        var (_, stdout, _) = project.Run("test", project.Options("tag:none unique_customers_customer_id".Split(' ')[1]));

        stdout.ShouldContain("1 of 1 PASS  test   unique_customers_customer_id");
    }
}
