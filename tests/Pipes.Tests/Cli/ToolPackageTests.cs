using System.Text.RegularExpressions;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary>What the packed tool carries, checked without packing (dotnet pack takes half a minute): the schemas and the platform list.</summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void The_json_schemas_are_copied_beside_pipes_dll_as_the_package_gets_them()
    {
        foreach (var schema in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "schemas"), "*.schema.json"))
        {
            var copied = Path.Combine(AppContext.BaseDirectory, "schemas", Path.GetFileName(schema));
            File.Exists(copied).ShouldBeTrue(copied);
            File.ReadAllText(copied).ShouldBe(File.ReadAllText(schema));
        }
    }

    [Fact]
    public void The_platforms_packed_are_the_ones_the_docs_list()
    {
        var csproj = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Pipes.Cli", "Pipes.Cli.csproj"));
        var rids = Regex.Match(csproj, "<RuntimeIdentifiers>([^<]+)</RuntimeIdentifiers>").Groups[1].Value.Split(';');
        rids.ShouldBe(["linux-x64", "linux-arm64", "osx-arm64", "osx-x64", "win-x64"]);
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "commands.md"));
        docs.ShouldContain("`linux-x64`, `linux-arm64`, `osx-arm64`, `osx-x64`, `win-x64`");
    }

    /// <summary>Start-up (issue 14): a command is short, and dynamic PGO would compile each hot method once more while it runs.</summary>
    [Fact]
    public void Pipes_runs_without_dynamic_pgo_as_the_docs_say()
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pipes.runtimeconfig.json")))!;
        config["runtimeOptions"]!["configProperties"]!["System.Runtime.TieredPGO"]!.GetValue<bool>().ShouldBeFalse();
        File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "commands.md")).ShouldContain("`System.Runtime.TieredPGO: false` in `pipes.runtimeconfig.json`");
    }
}
