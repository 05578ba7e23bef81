using System.Text;
using Pipes.Core.Diagnostics;
using Pipes.Core.Seeds;

namespace Pipes.Tests.Load;

/// <summary>Seed files are UTF-8: a byte that is not is an error where it is, never a U+FFFD that merges two values.</summary>
public sealed class SeedTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pipes-seedtext-").FullName;

    [Fact]
    public void A_latin1_byte_is_an_error_at_its_line_and_column()
    {
        var bag = new DiagnosticBag();

        // Read as U+FFFD, both lines would be the same id.
        SeedText.Read(Write(Encoding.Latin1.GetBytes("email\njosé@x.io\njosè@x.io\n")), "s.csv", bag).ShouldBeNull();

        bag.Items.Single().ToString().ShouldBe(
            "s.csv(2,4): error PIPES0009: the seed is not UTF-8: byte 0xE9 here is not valid UTF-8 (a Latin-1 or Windows-1252 export?); re-save it as UTF-8");
    }

    [Fact]
    public void Columns_count_characters_and_leave_out_a_byte_order_mark()
    {
        var bag = new DiagnosticBag();

        // "é" is two bytes in UTF-8 but one column, and the BOM before it none.
        SeedText.Read(Write([0xEF, 0xBB, 0xBF, .. "né,"u8, 0xFF]), "s.csv", bag).ShouldBeNull();

        bag.Items.Single().Span.ShouldBe(SourceSpan.At("s.csv", 1, 4));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped()
    {
        var bag = new DiagnosticBag();

        SeedText.Read(Write([0xEF, 0xBB, 0xBF, .. "name\nJosé\n"u8]), "s.csv", bag).ShouldBe("name\nJosé\n");

        bag.Items.ShouldBeEmpty();
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_dir, "s.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
