using Pipes.Tests.TestKit;
using Shouldly;
using Xunit;

namespace Pipes.Tests.Ingest;

/// <summary><c>pipes ingest amplitude</c> through the real executable: wired, and its errors are plain.</summary>
public sealed class IngestCliTests
{
    [Fact]
    public void The_sample_has_no_export_source_and_says_how_to_add_one()
    {
        using var project = TestProject.SampleOnDuckDb();
        var (code, stdout, stderr) = CliRunner.Pipes(project.Root, "ingest", "amplitude", "--start", "20260201T04", "--end", "20260201T05");
        code.ShouldBe(1, stdout);
        stderr.ShouldContain("PIPES0081");
        stderr.ShouldContain("add amplitude_export: to a source (docs/ingest.md)");
    }

    [Fact]
    public void A_bad_hour_is_refused_before_anything_is_sent()
    {
        using var project = TestProject.SampleOnDuckDb().Write("models/amplitude_export.yml", """
            sources:
              - name: amplitude_api
                amplitude_export:
                  api_key: "{{ env_var 'PIPES_TEST_UNSET_KEY' }}"
                  secret_key: "{{ env_var 'PIPES_TEST_UNSET_SECRET' }}"
                  endpoint: http://127.0.0.1:9/api/2/export
                tables: [{name: amplitude_events_raw}]
            """);
        var (code, _, stderr) = CliRunner.Pipes(project.Root, "ingest", "amplitude", "--start", "2026020104", "--end", "20260201T05");
        code.ShouldBe(1);
        stderr.ShouldContain("PIPES0082: --start '2026020104' is not an hour in YYYYMMDDTHH form");
    }
}
