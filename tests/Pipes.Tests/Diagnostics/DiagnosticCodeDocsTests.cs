using System.Reflection;
using Pipes.Core.Diagnostics;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Diagnostics;

/// <summary>Users look codes up in docs/commands.md: every code the code base defines has its row there, and no two names share a code.</summary>
public sealed class DiagnosticCodeDocsTests
{
    private static readonly IReadOnlyList<(string Name, string Code)> Codes = typeof(DiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
        .ToList();

    [Fact]
    public void Every_code_has_a_row_in_the_commands_reference()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "commands.md"));
        Codes.Count.ShouldBeGreaterThan(40);
        Codes.Where(c => !doc.Contains($"| {c.Code} |", StringComparison.Ordinal)).Select(c => $"{c.Code} ({c.Name})").ShouldBeEmpty();
    }

    [Fact]
    public void No_two_names_share_a_code()
    {
        Codes.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }
}
