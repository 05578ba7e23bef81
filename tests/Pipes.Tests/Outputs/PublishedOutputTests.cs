using System.Globalization;
using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Outputs;

/// <summary>
/// Outputs change in place (issue 11, items 4-5) on real DuckDB: the sample project built twice, with and without a
/// change; each output table's counts, contents and identity: a comment set on it survives DELETE and MERGE, while a
/// replaced table loses it.
/// </summary>
public sealed class PublishedOutputTests
{
    private static readonly string[] Outputs =
    [
        "pipes_id_graph", "pipes_id_refused_edges", "pipes_profiles",
        "pipes_property_billing", "pipes_property_crm", "pipes_property_product", "pipes_push_amplitude_prod",
        "pipes_amplitude_profiles", "pipes_amplitude_events",
    ];

    [Fact]
    public async Task A_second_run_with_no_changes_writes_nothing_and_keeps_every_table()
    {
        using var project = TestProject.SampleOnDuckDb();
        Build(project);
        Counts(project).Values.ShouldAllBe(c => c.Inserted > 0 && c.Updated == 0 && c.Deleted == 0); // first run: every row is new
        var before = await SnapshotAsync(project);

        var stdout = Build(project);

        var counts = Counts(project);
        counts.Keys.Order().ShouldBe(Outputs.Order());
        foreach (var (table, c) in counts) (c.Inserted, c.Updated, c.Deleted).ShouldBe((0L, 0L, 0L), table);
        stdout.ShouldContain("output       pipes_profiles: 0 inserted, 0 updated, 0 deleted");
        var after = await SnapshotAsync(project);
        foreach (var table in Outputs)
        {
            after[table].Mark.ShouldBe(before[table].Mark, $"{table} was replaced");
            after[table].Rows.ShouldBe(before[table].Rows, $"{table} changed");
        }
    }

    [Fact]
    public void A_run_without_the_destination_step_shows_no_counts_for_the_tables_only_that_step_publishes()
    {
        using var project = TestProject.SampleOnDuckDb();
        Build(project);
        Counts(project)["pipes_amplitude_events"].Inserted.ShouldBeGreaterThan(0);

        // pipes run builds the destinations' scratch tables but publishes nothing to Amplitude's tables: the build's
        // counts, still in pipes_output_changes, are not this run's.
        var (code, stdout, stderr) = project.Run("run");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldNotContain("output       pipes_amplitude_");
        Counts(project).Keys.Order().ShouldBe(Outputs.Where(o => !o.StartsWith("pipes_amplitude_", StringComparison.Ordinal)).Order());
        Build(project);
        Counts(project)["pipes_amplitude_events"].ShouldBe(new Change(0, 0, 0));
    }

    [Fact]
    public async Task One_changed_source_row_and_one_new_row_change_exactly_the_affected_rows()
    {
        using var project = TestProject.SampleOnDuckDb();
        Build(project);
        var before = await SnapshotAsync(project);
        long pushRows;
        await using (var db = DuckDb.Open(project))
            pushRows = (long)(await db.ScalarAsync("""
                SELECT COUNT(*) FROM pipes_push_amplitude_prod WHERE profile_id =
                  (SELECT profile_id FROM pipes_id_graph WHERE id_type = 'customer_id' AND id_value = 'cus_8XZK5olh2K')
                """))!;
        var rejects = await RowsAsync(project, "SELECT * FROM pipes_property_rejects ORDER BY ALL");
        var unmatched = await RowsAsync(project, "SELECT * FROM pipes_property_unmatched ORDER BY ALL");

        // One billing row's MRR changes (not an identifier); one product row with two new ids arrives, seen last.
        Edit(project, "seeds/billing_customers.csv", t => t.Replace("cus_8XZK5olh2K,sbrown@stark001.dev,free,0.00,", "cus_8XZK5olh2K,sbrown@stark001.dev,free,42.00,"));
        Edit(project, "seeds/product_accounts.csv", t => t + "u_999999,acct_99999,,owner,2030-01-01T00:00:00Z\n");
        Build(project);

        var counts = Counts(project);
        counts["pipes_id_graph"].ShouldBe(new Change(2, 0, 0));
        counts["pipes_profiles"].ShouldBe(new Change(1, 0, 0));
        counts["pipes_id_refused_edges"].ShouldBe(new Change(0, 0, 0));
        counts["pipes_property_billing"].ShouldBe(new Change(0, 1, 0));
        counts["pipes_property_crm"].ShouldBe(new Change(0, 0, 0));
        counts["pipes_property_product"].ShouldBe(new Change(1, 0, 0));
        counts["pipes_push_amplitude_prod"].ShouldBe(new Change(0, pushRows, 0)); // the new user is not in Amplitude (update_only)
        pushRows.ShouldBeGreaterThan(0);
        var after = await SnapshotAsync(project);
        foreach (var table in Outputs) after[table].Mark.ShouldBe(before[table].Mark, $"{table} was replaced");
        after["pipes_property_billing"].Rows.Except(before["pipes_property_billing"].Rows).Count().ShouldBe(1);
        // The audits are recomputed in full, so they stay exact: the new rows have no bad values and resolve.
        (await RowsAsync(project, "SELECT * FROM pipes_property_rejects ORDER BY ALL")).ShouldBe(rejects);
        (await RowsAsync(project, "SELECT * FROM pipes_property_unmatched ORDER BY ALL")).ShouldBe(unmatched);
        // The published tables equal what this run computed: in full, or for an output published by key scope (the
        // identity outputs), on the keys in scope.
        foreach (var table in Outputs)
        {
            var published = Scoped.TryGetValue(table, out var key) ? $"SELECT l.* FROM {table} AS l SEMI JOIN {table}_scope USING ({key})" : $"SELECT * FROM {table}";
            (await RowsAsync(project, $"{published} ORDER BY ALL")).ShouldBe(await RowsAsync(project, $"SELECT * FROM {table}_next ORDER BY ALL"), table);
        }
        (await RowsAsync(project, "SELECT COUNT(*) FROM pipes_id_graph_next")).ShouldBe(["2"]); // the new row's component only
    }

    /// <summary>The outputs published by key scope (the identity node's), with their key columns.</summary>
    private static readonly Dictionary<string, string> Scoped = new()
    {
        ["pipes_id_graph"] = "id_type, id_value",
        ["pipes_id_refused_edges"] = "from_type, from_value, to_type, to_value",
        ["pipes_profiles"] = "profile_id",
    };

    [Fact]
    public async Task A_table_the_old_code_replaced_is_adopted_and_corrected_row_by_row()
    {
        using var project = TestProject.SampleOnDuckDb();
        Build(project);
        string dropped, changed;
        await using (var db = DuckDb.Open(project))
        {
            dropped = (string)(await db.ScalarAsync("SELECT MIN(profile_id) FROM pipes_profiles"))!;
            changed = (string)(await db.ScalarAsync("SELECT MAX(profile_id) FROM pipes_profiles"))!;
            // What an older Pipes left: CREATE OR REPLACE TABLE ... AS, here one row short and one row stale; no counts table.
            await db.QueryAsync($"CREATE OR REPLACE TABLE pipes_profiles AS SELECT * FROM pipes_profiles_next WHERE profile_id <> '{dropped}'");
            await db.QueryAsync($"UPDATE pipes_profiles SET identifiers = identifiers + 100 WHERE profile_id = '{changed}'");
            await db.QueryAsync("DROP TABLE pipes_output_changes");
        }
        var before = await SnapshotAsync(project);

        Build(project);

        Counts(project)["pipes_profiles"].ShouldBe(new Change(1, 1, 0));
        var after = await SnapshotAsync(project);
        after["pipes_profiles"].Mark.ShouldBe(before["pipes_profiles"].Mark);
        (await RowsAsync(project, "SELECT * FROM pipes_profiles ORDER BY ALL")).ShouldBe(await RowsAsync(project, "SELECT * FROM pipes_profiles_next ORDER BY ALL"));
    }

    [Fact]
    public async Task A_view_downstream_of_an_output_keeps_working_and_sees_the_change()
    {
        using var project = TestProject.SampleOnDuckDb();
        Build(project);
        await using (var db = DuckDb.Open(project))
            await db.QueryAsync("CREATE VIEW billing_by_profile AS SELECT profile_id, mrr FROM pipes_property_billing");
        Edit(project, "seeds/billing_customers.csv", t => t.Replace("cus_8XZK5olh2K,sbrown@stark001.dev,free,0.00,", "cus_8XZK5olh2K,sbrown@stark001.dev,free,42.00,"));

        Build(project);

        await using var check = DuckDb.Open(project);
        var mrr = await check.ScalarAsync("""
            SELECT v.mrr FROM billing_by_profile AS v
            JOIN pipes_id_graph AS g ON g.profile_id = v.profile_id AND g.id_type = 'customer_id' AND g.id_value = 'cus_8XZK5olh2K'
            """);
        Convert.ToDouble(mrr, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(42.0);
    }

    [Fact]
    public async Task A_property_added_or_removed_replaces_the_table_once_and_says_so()
    {
        using var project = TestProject.SampleOnDuckDb();
        Build(project);
        var before = await SnapshotAsync(project);
        const string declared = "      contact_id:    {type: string, survivorship: count, amplitude: CRM Contacts}\n";
        Edit(project, "models/properties.yml", t => t.Replace(declared, declared + "      first_name:    {type: string, amplitude: First Name}\n"));

        Build(project);

        var crm = Counts(project)["pipes_property_crm"];
        crm.ShouldBe(new Change(before["pipes_property_crm"].Rows.Count, 0, 0));
        Message(project, "property.acme_growth.crm").ShouldContain("(replaced the table with other columns of the same name)");
        Counts(project)["pipes_property_billing"].ShouldBe(new Change(0, 0, 0));
        var added = await SnapshotAsync(project);
        added["pipes_property_crm"].Mark.ShouldBe("marked by the test"); // set again on the new table by the snapshot
        (await RowsAsync(project, "SELECT COUNT(first_name) FROM pipes_property_crm")).Single().ShouldNotBe("0");
        added["pipes_property_billing"].Rows.ShouldBe(before["pipes_property_billing"].Rows);

        Build(project); // same columns: nothing replaced, nothing written
        Counts(project)["pipes_property_crm"].ShouldBe(new Change(0, 0, 0));
        Message(project, "property.acme_growth.crm").ShouldNotContain("replaced");

        Edit(project, "models/properties.yml", t => t.Replace("      first_name:    {type: string, amplitude: First Name}\n", ""));
        Build(project);
        Message(project, "property.acme_growth.crm").ShouldContain("(replaced the table with other columns of the same name)");
        (await RowsAsync(project, "SELECT * FROM pipes_property_crm ORDER BY ALL")).ShouldBe(before["pipes_property_crm"].Rows);
    }

    [Fact]
    public async Task A_property_whose_type_changed_replaces_the_table_once_with_the_new_type()
    {
        using var project = TestProject.SampleOnDuckDb();
        Build(project);
        var before = await SnapshotAsync(project);
        const string number = "ltv_estimate:  {type: number, amplitude: LTV Estimate}";
        const string text = "ltv_estimate:  {type: string, amplitude: LTV Estimate}";
        (await ColumnTypeAsync(project, "pipes_property_crm", "ltv_estimate")).ShouldBe("DOUBLE");

        // Same name, other type: publishing into the old DOUBLE column would cast each text back (or fail on one
        // that is not a number), so the table is replaced and every row counted as inserted.
        Edit(project, "models/properties.yml", t => t.Replace(number, text));
        Build(project);

        Message(project, "property.acme_growth.crm").ShouldContain("(replaced the table with other column types of the same name)");
        Counts(project)["pipes_property_crm"].ShouldBe(new Change(before["pipes_property_crm"].Rows.Count, 0, 0));
        (await ColumnTypeAsync(project, "pipes_property_crm", "ltv_estimate")).ShouldBe("VARCHAR");
        (await RowsAsync(project, "SELECT * FROM pipes_property_crm ORDER BY ALL"))
            .ShouldBe(await RowsAsync(project, "SELECT * FROM pipes_property_crm_next ORDER BY ALL"));
        Counts(project)["pipes_property_billing"].ShouldBe(new Change(0, 0, 0));
        Message(project, "property.acme_growth.billing").ShouldNotContain("replaced");

        Build(project); // same types: nothing replaced, nothing written
        Message(project, "property.acme_growth.crm").ShouldNotContain("replaced");
        Counts(project)["pipes_property_crm"].ShouldBe(new Change(0, 0, 0));

        Edit(project, "models/properties.yml", t => t.Replace(text, number)); // and back
        Build(project);
        Message(project, "property.acme_growth.crm").ShouldContain("(replaced the table with other column types of the same name)");
        (await ColumnTypeAsync(project, "pipes_property_crm", "ltv_estimate")).ShouldBe("DOUBLE");
        (await RowsAsync(project, "SELECT * FROM pipes_property_crm ORDER BY ALL")).ShouldBe(before["pipes_property_crm"].Rows);
    }

    private static async Task<string> ColumnTypeAsync(TestProject project, string table, string column)
    {
        await using var db = DuckDb.Open(project);
        return (string)(await db.ScalarAsync($"SELECT data_type FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'"))!;
    }

    private static string Message(TestProject project, string nodeId) =>
        JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("unique_id").GetString() == nodeId).GetProperty("message").GetString()!;

    internal sealed record Change(long Inserted, long Updated, long Deleted);

    private static string Build(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        return stdout;
    }

    private static void Edit(TestProject project, string path, Func<string, string> change)
    {
        var text = project.Read(path);
        var edited = change(text);
        edited.ShouldNotBe(text, $"{path} did not change");
        project.Write(path, edited);
    }

    /// <summary>The <c>summary.outputs</c> object of run_results.json.</summary>
    private static Dictionary<string, Change> Counts(TestProject project) =>
        JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("summary").GetProperty("outputs")
            .EnumerateObject().ToDictionary(o => o.Name, o => new Change(
                o.Value.GetProperty("inserted").GetInt64(), o.Value.GetProperty("updated").GetInt64(), o.Value.GetProperty("deleted").GetInt64()));

    /// <summary>Each output's rows and its comment; the comment is set first when missing, to mark this table object.</summary>
    private static async Task<Dictionary<string, (string? Mark, List<string> Rows)>> SnapshotAsync(TestProject project)
    {
        var result = new Dictionary<string, (string?, List<string>)>();
        foreach (var table in Outputs)
        {
            await using (var db = DuckDb.Open(project))
            {
                if (await db.ScalarAsync($"SELECT comment FROM duckdb_tables() WHERE table_name = '{table}'") is not string)
                    await db.QueryAsync($"COMMENT ON TABLE {table} IS 'marked by the test'");
                result[table] = ((string?)await db.ScalarAsync($"SELECT comment FROM duckdb_tables() WHERE table_name = '{table}'"), []);
            }
            result[table] = (result[table].Item1, await RowsAsync(project, $"SELECT * FROM {table} ORDER BY ALL"));
        }
        return result;
    }

    private static async Task<List<string>> RowsAsync(TestProject project, string sql)
    {
        await using var db = DuckDb.Open(project);
        return (await db.QueryAsync(sql)).Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();
    }
}
