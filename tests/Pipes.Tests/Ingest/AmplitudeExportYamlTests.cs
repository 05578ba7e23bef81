using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.Ingest;
using Pipes.Core.Load;
using Shouldly;
using Xunit;

namespace Pipes.Tests.Ingest;

/// <summary>The <c>amplitude_export:</c> block of a source: read with positions, every problem at its value.</summary>
public sealed class AmplitudeExportYamlTests
{
    private static (DefinitionFile File, DiagnosticBag Bag) Read(string yaml)
    {
        var bag = new DiagnosticBag();
        return (DefinitionFileReader.Read("models/sources.yml", yaml, bag), bag);
    }

    [Fact]
    public void A_valid_block_is_read_with_defaults()
    {
        var (file, bag) = Read("""
            sources:
              - name: amplitude
                amplitude_export:
                  api_key: "{{ env_var 'AMPLITUDE_API_KEY' }}"
                  secret_key: "{{ env_var 'AMPLITUDE_SECRET_KEY' }}"
                tables: [{name: amplitude_events_raw}]
            """);
        bag.Items.ShouldBeEmpty();
        var export = file.Sources.Single().AmplitudeExport!;
        (export.Region.Value, export.Table.Value, export.Endpoint).ShouldBe(("us", "amplitude_events_raw", null));
    }

    [Fact]
    public void Bad_values_are_reported_at_their_line_and_column()
    {
        var (_, bag) = Read("""
            sources:
              - name: amplitude
                amplitude_export:
                  api_key: "{{ env_var 'AMPLITUDE_API_KEY' }}"
                  secret_key: "literal-secret"
                  region: ue
                  table: "events; drop"
                  endpoint: ftp://x
                  batch: 3
            """);
        // The literal secret itself is never repeated in a message.
        bag.Items.ShouldAllBe(d => !d.ToString().Contains("literal-secret"));
        bag.Items.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList().ShouldBe(new[]
        {
            "models/sources.yml(5,19): error PIPES0080: a key in amplitude_export of source 'amplitude' is written in the project; no literal and no env_var default; use \"{{ env_var 'AMPLITUDE_API_KEY' }}\" / \"{{ env_var 'AMPLITUDE_SECRET_KEY' }}\" and set the variables",
            "models/sources.yml(6,15): error PIPES0080: unknown region 'ue' in amplitude_export of source 'amplitude'; did you mean 'eu'?",
            "models/sources.yml(7,14): error PIPES0080: table 'events; drop' in amplitude_export of source 'amplitude' is not a plain table name; use letters, digits and underscores, starting with a letter or underscore",
            "models/sources.yml(8,17): error PIPES0080: endpoint 'ftp://x' in amplitude_export of source 'amplitude' is not an http(s) URL",
            "models/sources.yml(9,7): error PIPES0002: unknown key 'batch' in 'amplitude_export' of source #1",
        }.Order(StringComparer.Ordinal).ToList(), customMessage: string.Join("\n", bag.Items));
    }

    [Fact]
    public void An_env_var_default_in_a_key_is_refused()
    {
        var (_, bag) = Read("""
            sources:
              - name: amplitude
                amplitude_export:
                  api_key: "{{ env_var 'AMPLITUDE_API_KEY' }}"
                  secret_key: "{{ env_var('AMPLITUDE_SECRET_KEY', 'fallback-secret') }}"
            """);
        bag.Items.Select(d => d.ToString()).ShouldBe(["models/sources.yml(5,19): error PIPES0080: a key in amplitude_export of source 'amplitude' is written in the project; no literal and no env_var default; use \"{{ env_var 'AMPLITUDE_API_KEY' }}\" / \"{{ env_var 'AMPLITUDE_SECRET_KEY' }}\" and set the variables"]);
    }

    [Fact]
    public void A_missing_secret_key_is_an_error()
    {
        var (_, bag) = Read("""
            sources:
              - name: amplitude
                amplitude_export: {api_key: "{{ env_var 'K' }}"}
            """);
        bag.HasErrors.ShouldBeTrue();
        bag.Items.ShouldContain(d => d.Message.Contains("secret_key"));
    }

    [Fact]
    public void On_snowflake_the_hour_is_replaced_in_one_scripting_block_with_a_transaction()
    {
        var sql = new IngestSql(SnowflakeDialect.Instance, new ExportSettings { Source = "amplitude", ApiKey = "k", SecretKey = "s", Schema = "raw", Table = "events" })
            .ReplaceHour(new DateTime(2026, 2, 1, 4, 0, 0, DateTimeKind.Utc), "loaded", 2, 10, new DateTime(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc));
        sql.ShouldStartWith("EXECUTE IMMEDIATE $$\nBEGIN\nBEGIN TRANSACTION;\nDELETE FROM \"RAW\".\"EVENTS\" WHERE \"EXPORT_HOUR\" = ");
        sql.ShouldEndWith("COMMIT;\nEND;\n$$");
        sql.ShouldNotContain("'s'");
    }
}
