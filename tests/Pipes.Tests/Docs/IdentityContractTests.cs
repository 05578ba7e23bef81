using System.Text.RegularExpressions;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Docs;

/// <summary>
/// docs/identity.md is the identity contract, in numbered <c>## N. Title</c> sections that code, templates and tests
/// cite as "section N", "sections N-M" or "§N". These tests fail when a citation names a section the contract does
/// not have (a heading renumbered or removed), and when anything still points at the design note outside the repo.
/// </summary>
public sealed partial class IdentityContractTests
{
    private static readonly string Contract = Path.Combine(RepoPaths.Root, "docs", "identity.md");

    /// <summary>The old home of the contract, outside the repository; split so this file does not name it.</summary>
    private static readonly string OldNote = "design" + "/identity.md";

    private static readonly string[] TextExtensions = [".cs", ".scriban", ".sql", ".md", ".txt", ".yml", ".yaml", ".json"];

    [Fact]
    public void The_contract_has_sections_1_to_9_in_order_before_the_reference()
    {
        var lines = File.ReadAllLines(Contract);
        var reference = Array.IndexOf(lines, "# Reference");
        reference.ShouldBeGreaterThan(0, "docs/identity.md has no '# Reference' heading after the contract");

        var numbered = lines.Select((line, index) => (Match: SectionHeading().Match(line), index)).Where(x => x.Match.Success).ToList();
        numbered.Select(x => int.Parse(x.Match.Groups[1].Value)).ShouldBe(Enumerable.Range(1, 9));
        numbered.ShouldAllBe(x => x.index < reference);
    }

    [Fact]
    public void Every_section_citation_names_a_numbered_heading_of_the_contract()
    {
        var headings = File.ReadAllLines(Contract)
            .Select(line => SectionHeading().Match(line)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();

        var citations = new List<(string Where, string Text, int Section)>();
        foreach (var file in TextFiles("src", "templates", "tests", "docs").Append(Path.Combine(RepoPaths.Root, "README.md")))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
            // Every "section N" of the identity code and its tests is a citation of the contract; elsewhere only one
            // that follows "identity.md" is ("identity.md §8", "identity.md, section 7").
            var pattern = IsIdentityFile(relative) ? IdentityCitation() : CitationAfterContract();
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (Match m in pattern.Matches(lines[i]))
                    foreach (var section in Sections(m.Groups["numbers"].Value))
                        citations.Add(($"{relative}:{i + 1}", m.Value, section));
        }

        // Guards the scan itself: the code cites the contract dozens of times.
        citations.Count.ShouldBeGreaterThan(50);
        var broken = citations.Where(c => !headings.Contains(c.Section))
            .Select(c => $"{c.Where}: '{c.Text}' names no '## {c.Section}.' heading in docs/identity.md").ToList();
        broken.ShouldBeEmpty(string.Join("\n", broken));
    }

    [Fact]
    public void Nothing_points_at_the_design_note_outside_the_repository()
    {
        var stale = TextFiles("src", "templates", "tests", "docs", "bench").Append(Path.Combine(RepoPaths.Root, "README.md"))
            .Where(file => File.ReadAllText(file).Contains(OldNote, StringComparison.OrdinalIgnoreCase))
            .Select(file => Path.GetRelativePath(RepoPaths.Root, file)).ToList();
        stale.ShouldBeEmpty($"cite docs/identity.md instead of {OldNote}: {string.Join(", ", stale)}");
    }

    private static bool IsIdentityFile(string relative) =>
        (relative.StartsWith("src/", StringComparison.Ordinal) || relative.StartsWith("templates/", StringComparison.Ordinal)
            ? relative.Contains("identity", StringComparison.OrdinalIgnoreCase) || File.ReadAllText(Path.Combine(RepoPaths.Root, relative)).Contains("identity.md", StringComparison.Ordinal)
            : relative.StartsWith("tests/Pipes.Tests/Identity/", StringComparison.Ordinal))
        || relative == "docs/identity.md";

    /// <summary>"1-2" gives 1 and 2, "2, 5 and 6" gives 2, 5 and 6, "2–8" gives 2 to 8.</summary>
    private static IEnumerable<int> Sections(string numbers)
    {
        foreach (Match part in NumberOrRange().Matches(numbers))
        {
            var from = int.Parse(part.Groups[1].Value);
            var to = part.Groups[2].Success ? int.Parse(part.Groups[2].Value) : from;
            for (var n = from; n <= to; n++)
                yield return n;
        }
    }

    private static IEnumerable<string> TextFiles(params string[] roots) =>
        roots.Select(root => Path.Combine(RepoPaths.Root, root)).Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .Where(file => TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "target"));

    [GeneratedRegex(@"^## (\d+)\. ")]
    private static partial Regex SectionHeading();

    // "section 6", "Sections 1-2", "sections 2, 5 and 6", "§2–8"; not "issue 10 section 2".
    [GeneratedRegex(@"(?<!issue \d+ )(?:\b[Ss]ections?\s+|§\s*)(?<numbers>\d+(?:\s*(?:[-–,]|and|or)\s*\d+)*)")]
    private static partial Regex IdentityCitation();

    [GeneratedRegex(@"identity\.md`?\)?,?\s*(?:\b[Ss]ections?\s+|§\s*)(?<numbers>\d+(?:\s*(?:[-–,]|and|or)\s*\d+)*)")]
    private static partial Regex CitationAfterContract();

    [GeneratedRegex(@"(\d+)(?:\s*[-–]\s*(\d+))?")]
    private static partial Regex NumberOrRange();
}
