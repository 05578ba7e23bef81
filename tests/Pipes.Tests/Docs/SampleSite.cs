using System.Text.Json.Nodes;
using Pipes.Core.Docs;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Docs;

/// <summary>The sample project built on DuckDB in a temp folder, its docs site generated, and one headless Chromium for the tests.</summary>
public sealed class SampleSite : IDisposable
{
    public TestProject Project { get; } = TestProject.CopyOfSample();

    public Chromium Browser { get; }

    public string SiteDirectory => Path.Combine(Project.Root, "target", "docs");

    public string IndexUrl => new Uri(Path.Combine(SiteDirectory, "index.html")).AbsoluteUri;

    /// <summary>Screenshots of the main pages go here, beside the test binaries, as test artifacts.</summary>
    public static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts", "docs");

    public SampleSite()
    {
        var build = Project.Run("build");
        build.ExitCode.ShouldBe(ExitCodes.Success, build.Stdout + build.Stderr);
        var docs = Generate(Project);
        docs.ExitCode.ShouldBe(ExitCodes.Success, docs.Stdout + docs.Stderr);
        Browser = Chromium.Start();
    }

    public static (int ExitCode, string Stdout, string Stderr) Generate(TestProject project, int maxProfiles = ProfilesSection.DefaultCap) =>
        project.Invoke((o, output) => DocsTask.GenerateAsync(o, maxProfiles, output, CancellationToken.None).GetAwaiter().GetResult());

    /// <summary>The bundle as the page reads it: data.js minus its assignment.</summary>
    public static JsonObject Bundle(string siteDirectory)
    {
        var text = File.ReadAllText(Path.Combine(siteDirectory, SiteWriter.DataFile));
        const string prefix = "window.PIPES_DOCS = ";
        text.ShouldStartWith(prefix);
        return JsonNode.Parse(text[prefix.Length..].TrimEnd().TrimEnd(';'))!.AsObject();
    }

    public async Task<T> Scalar<T>(string sql)
    {
        await using var db = DuckDb.Open(Project, "target/pipes.duckdb");
        return (T)Convert.ChangeType((await db.ScalarAsync(sql))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<object?[]>> Rows(string sql)
    {
        await using var db = DuckDb.Open(Project, "target/pipes.duckdb");
        return await db.QueryAsync(sql);
    }

    public void Dispose()
    {
        Browser?.Dispose();
        Project.Dispose();
    }
}
