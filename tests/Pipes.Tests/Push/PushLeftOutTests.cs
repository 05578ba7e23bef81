using System.Text.Json;
using Pipes.Core.Push;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Push;

/// <summary>
/// Nothing silent: a profile with a property value is either in a destination's push relation or in
/// pipes_push_&lt;destination&gt;_left_out with its reason, and the push says how many were left out. The expected
/// sets are computed here from the property tables and profiles, row by row, not by the template's SQL.
/// </summary>
public sealed class PushLeftOutTests
{
    [Fact]
    public async Task Every_profile_with_a_property_value_is_pushed_or_left_out_with_its_reason()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);

        var valued = new HashSet<string>(StringComparer.Ordinal);
        var noId = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string> leftOut;
        HashSet<string> pushed;
        await using (var db = DuckDb.Open(project))
        {
            foreach (var model in new[] { "crm", "billing", "product" })
            {
                var columns = (await db.QueryAsync($"SELECT column_name FROM information_schema.columns WHERE table_name = 'pipes_property_{model}' ORDER BY ordinal_position"))
                    .Select(r => (string)r[0]!).ToList();
                var key = columns.IndexOf("profile_id");
                key.ShouldBeGreaterThanOrEqualTo(0);
                foreach (var row in await db.QueryAsync($"SELECT * FROM pipes_property_{model}"))
                    if (row.Where((_, i) => i != key).Any(v => v is not null)) valued.Add((string)row[key]!);
            }
            foreach (var row in await db.QueryAsync("SELECT profile_id, CAST(amplitude_user_ids AS VARCHAR), CAST(amplitude_device_ids AS VARCHAR) FROM pipes_profiles"))
            {
                if (Empty(row[1]) && Empty(row[2])) noId.Add((string)row[0]!);
            }
            leftOut = (await db.QueryAsync("SELECT profile_id, reason FROM pipes_push_amplitude_prod_left_out")).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
            pushed = (await db.QueryAsync("SELECT DISTINCT profile_id FROM pipes_push_amplitude_prod")).Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        }

        pushed.Overlaps(leftOut.Keys).ShouldBeFalse("a profile is pushed or left out, never both");
        pushed.Union(leftOut.Keys).Order(StringComparer.Ordinal).ShouldBe(valued.Order(StringComparer.Ordinal));
        foreach (var (profile, reason) in leftOut)
            reason.ShouldBe(noId.Contains(profile) ? "no amplitude id" : "not yet in amplitude", profile);
        // The sample has both kinds: profiles known only by email, and users Amplitude has not seen (update_only).
        leftOut.Values.Distinct().Order(StringComparer.Ordinal).ShouldBe(["no amplitude id", "not yet in amplitude"]);

        var (code, stdout, stderr) = project.Invoke((o, output) => PushTask.ExecuteAsync(o, new PushSettings(), output, CancellationToken.None).GetAwaiter().GetResult());
        code.ShouldBe(0, stderr);
        var noIdCount = leftOut.Values.Count(r => r == "no amplitude id");
        stdout.ShouldContain($"{leftOut.Count:N0} profiles left out ({noIdCount:N0} no amplitude id, {leftOut.Count - noIdCount:N0} not yet in amplitude; see pipes_push_amplitude_prod_left_out)");
        using var results = JsonDocument.Parse(project.Read("target/run_results.json"));
        var counts = results.RootElement.GetProperty("results")[0].GetProperty("adapter_response");
        counts.GetProperty("profiles_left_out").GetInt64().ShouldBe(leftOut.Count);
    }

    private static bool Empty(object? json) => json is null || ((string)json).Replace(" ", "", StringComparison.Ordinal) == "[]";
}
