using System.Text;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Yaml;

namespace Pipes.Tests.Load;

/// <summary>
/// <see cref="YamlFile.ReadText"/> reads with one open and a pooled buffer (issue 14) and must give exactly what
/// <see cref="File.ReadAllText(string)"/> gave: byte order marks of every kind, broken UTF-8, sizes around buffer edges.
/// </summary>
public sealed class ProjectFileTextTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pipes-text-").FullName;

    public static TheoryData<string, byte[]> Files()
    {
        const string text = "SELECT 'é', '日本', '🙂' FROM {{ ref \"a\" }}\r\n-- end\n";
        var data = new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "utf-8", Encoding.UTF8.GetBytes(text) },
            { "utf-8 with BOM", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)] },
            { "BOM only", [.. Encoding.UTF8.Preamble] },
            { "utf-16 LE", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)] },
            { "utf-16 BE", [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(text)] },
            { "utf-32 LE", [.. Encoding.UTF32.Preamble, .. Encoding.UTF32.GetBytes(text)] },
            { "broken utf-8", [0x53, 0xC3, 0x28, 0xFF, 0x41, 0xE2, 0x82, 0x0A, 0xF0, 0x9F] },
            { "lone FE", [0xFE, 0x41, 0x42] },
        };
        // Multi-byte characters across every common buffer edge.
        foreach (var size in new[] { 4095, 4096, 4097, 65_536, 1_000_001 })
            data.Add($"{size} bytes", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("aé🙂", size / 7 + 1)))[..size]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_what_ReadAllText_reads(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name + ".sql");
        File.WriteAllBytes(path, bytes);
        var bag = new DiagnosticBag();

        YamlFile.ReadText(path, name + ".sql", bag).ShouldBe(File.ReadAllText(path));
        bag.Items.ShouldBeEmpty();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
