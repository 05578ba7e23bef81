using System.Diagnostics;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;
using Pipes.Core.Yaml;

namespace Pipes.Tests.Load;

/// <summary>The bounds of <see cref="YamlLimits"/>: hostile files fail fast at their line, real ones are untouched.</summary>
public sealed class YamlLimitTests
{
    private static string Bomb(int levels)
    {
        var lines = new List<string> { "  lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < levels; i++)
            lines.Add($"  lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        return string.Join("\n", lines);
    }

    [Fact]
    public void An_alias_bomb_fails_fast_in_little_memory_even_when_no_model_uses_it()
    {
        // 9^12 nodes once expanded; the old loader ran out of memory on 9^9.
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nvars:\n" + Bomb(12) + "\n",
            ["models/a.sql"] = "SELECT 1 AS x",
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var (_, bag) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root });

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (GC.GetTotalAllocatedBytes(precise: true) - allocated).ShouldBeLessThan(200L * 1024 * 1024);
        bag.Items.Single().ToString().ShouldBe("pipes_project.yml(8,14): error PIPES0020: aliases expand to more than 100,000 nodes in this file");
    }

    [Fact]
    public void Aliases_under_the_limit_still_work()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nvars:\n  base: &b [x, y]\n  copy: *b\n  region: &r eu\n  where: *r\n",
            ["models/a.sql"] = "SELECT '{{ var \"where\" }}' AS region",
            ["models/schema.yml"] = "models:\n  - name: a\n    config: &c {materialized: table, tags: [nightly]}\n",
        });
        var (loaded, bag) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root });

        bag.HasErrors.ShouldBeFalse(string.Join("\n", bag.Items));
        loaded!.Vars["copy"].ShouldBe(new List<object?> { "x", "y" });
        loaded.Models.Single().Sql.ShouldBe("SELECT 'eu' AS region");
    }

    [Fact]
    public void Nesting_up_to_the_limit_loads_and_one_level_more_is_an_error_at_its_bracket()
    {
        var depth = YamlLimits.MaxDepth - 1; // the vars mapping is the first level
        var bag = new DiagnosticBag();
        YamlFile.Parse("v.yml", "vars: " + new string('[', depth) + new string(']', depth), bag).ShouldNotBeNull();
        bag.Items.ShouldBeEmpty();

        YamlFile.Parse("v.yml", "vars: " + new string('[', depth + 1) + new string(']', depth + 1), bag).ShouldBeNull();
        bag.Items.Single().ToString().ShouldBe($"v.yml(1,{7 + depth}): error PIPES0020: YAML nested deeper than {YamlLimits.MaxDepth} levels");
    }

    [Fact]
    public void Vars_on_the_command_line_have_the_same_limits()
    {
        var bag = new DiagnosticBag();
        VarsReader.ReadCommandLine("{r: &r [a, *r]}", bag);
        bag.Items.Single().ToString().ShouldBe("--vars(1,12): error PIPES0021: alias '*r' refers to the node that contains it, which would never end");
    }

    [Theory]
    [InlineData("models/big.yml")]
    [InlineData("models/big.sql")]
    [InlineData("pipes_project.yml")]
    public void A_file_over_the_size_limit_is_an_error_at_the_file_and_is_not_parsed(string path)
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\n",
            ["models/a.sql"] = "SELECT 1 AS x",
        });
        // A comment (valid in YAML) or a SQL comment, just over the limit.
        var filler = new string('x', (int)YamlLimits.MaxFileBytes);
        File.WriteAllText(Path.Combine(project.Root, path), path.EndsWith(".sql") ? "--" + filler : "# " + filler);

        var (code, _, stderr) = project.Invoke(LsTask.Execute);

        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldBe($"{path}(1,1): error PIPES0020: file is 16,777,218 bytes; project files may hold at most 16,777,216 bytes (16 MiB)\n1 error; nothing was run.\n");
    }
}
