using System.Text.Json;
using System.Text.Json.Nodes;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;
using Pipes.Core.Push;

namespace Pipes.Tests.RulePlan;

/// <summary>
/// The Amplitude operations a plan announces against what the next push really sends: the sample project with its
/// <c>$identify</c> destination pointed at a loopback Amplitude, built and pushed, then a rule change planned, applied
/// and pushed again. The plan's events must be the pushed ones, user for user and property for property (insert_id
/// and time name the run that sends them, so they differ by design).
/// </summary>
public sealed class PlanPushTests : IAsyncLifetime
{
    private const string Key = "amp-key-plan-8c41f0";
    private AmplitudeServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await AmplitudeServer.StartAsync(Key);
        _project = TestProject.SampleOnDuckDb();
        _project.Environment["AMPLITUDE_API_KEY"] = Key;
        _project.Write("models/properties.yml", _project.Read("models/properties.yml")
            .Replace("    dry_run: true", $"    dry_run: false\n    endpoint: {_server.BatchUri}", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _project.Dispose();
    }

    [Fact]
    public async Task The_next_push_after_apply_sends_exactly_the_events_the_plan_announced()
    {
        var build = _project.Run("build");
        build.ExitCode.ShouldBe(0, build.Stdout + build.Stderr);
        var first = _server.Requests.Count;
        first.ShouldBeGreaterThan(0);
        _project.Write("models/identity.yml", _project.Read("models/identity.yml").Replace("email:       {priority: 2, limit: 3,", "email:       {priority: 2, limit: 2,", StringComparison.Ordinal));

        var (code, stdout, stderr) = PlanRun.Plan(_project);
        code.ShouldBe(0, stdout + stderr);
        _server.Requests.Count.ShouldBe(first); // a plan sends nothing
        var report = PlanRun.Report(_project);
        var amplitude = report.GetProperty("destinations").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "amplitude_prod");
        var planned = Events(_project.Read(amplitude.GetProperty("payload_file").GetString()!).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => JsonNode.Parse(l)!["events"]!.AsArray()));
        planned.Count.ShouldBe(amplitude.GetProperty("events").GetInt32());
        planned.Count.ShouldBeGreaterThan(0);

        PlanRun.Plan(_project, apply: true).ExitCode.ShouldBe(0);
        var push = _project.Invoke((o, output) => PushTask.ExecuteAsync(o, new PushSettings(), output, CancellationToken.None).GetAwaiter().GetResult());
        push.ExitCode.ShouldBe(0, push.Stdout + push.Stderr);

        var sent = Events(_server.Requests.Skip(first).SelectMany(r => r.Events!));
        sent.ShouldBe(planned);
        amplitude.GetProperty("operations_without_change").GetInt64().ShouldBe(0); // everything was pushed before the change
        amplitude.GetProperty("unset_users").GetInt64().ShouldBeGreaterThan(0);   // profiles that lose properties in a split
        stdout.ShouldContain("amplitude_prod ($identify): " + planned.Count);
        // The payloads' examples are events of the file, byte for byte but for insert_id and time.
        foreach (var example in amplitude.GetProperty("examples").EnumerateArray())
            planned.ShouldContain(Comparable(JsonNode.Parse(example.GetRawText())!));
        // And the Profiles table: what the push step published is what the plan counted.
        var profiles = report.GetProperty("destinations").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "profiles");
        push.Stdout.ShouldContain($"profiles: pipes_amplitude_profiles wrote {profiles.GetProperty("inserted").GetInt64():N0} inserts, {profiles.GetProperty("updated").GetInt64():N0} updates, {profiles.GetProperty("deleted").GetInt64():N0} deletes");
    }

    /// <summary>Events without insert_id and time, as sorted JSON texts.</summary>
    private static List<string> Events(IEnumerable<JsonNode?> events) => events.Select(e => Comparable(e!)).Order(StringComparer.Ordinal).ToList();

    private static string Comparable(JsonNode e)
    {
        var copy = e.DeepClone().AsObject();
        copy.Remove("insert_id");
        copy.Remove("time");
        return copy.ToJsonString();
    }
}
