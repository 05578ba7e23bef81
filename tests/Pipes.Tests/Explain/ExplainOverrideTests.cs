using Pipes.Core.Tasks;
using Pipes.Tests.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Explain;

/// <summary><c>pipes explain</c> renders through the project's templates, so an override changes it as it changes identity.</summary>
public sealed class ExplainOverrideTests
{
    [Fact]
    public async Task An_overridden_normalize_macro_normalises_the_explained_value_as_identity_stored_it()
    {
        using var h = new HistoryProject("u_0001,a@x.com,dev-abc,2026-01-01T00:00:00Z");
        // Every identifier upper-cased on top of its normalisers: identity stores DEV-ABC, so explain must look up DEV-ABC.
        var builtIn = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates/macros/normalize.sql.scriban"));
        h.Project.Write("templates/macros/normalize.sql.scriban", builtIn.Replace("  ret $x", "  ret dialect.uppercase $x", StringComparison.Ordinal));
        h.Build();
        (await h.QueryAsync("SELECT id_value FROM pipes_id_graph WHERE id_type = 'device_id'")).Single()[0].ShouldBe("DEV-ABC");

        var (code, stdout, stderr) = h.Project.Invoke((o, output) => ExplainTask.ExecuteAsync(o, "device_id:dev-abc", null, output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("device_id:DEV-ABC is in profile", Case.Sensitive, stdout);
        stdout.ShouldContain("3 identifiers", Case.Sensitive, stdout);
    }

}
