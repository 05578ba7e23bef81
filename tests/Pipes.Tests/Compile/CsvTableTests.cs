using Pipes.Core.Seeds;
using Pipes.Core.Diagnostics;

namespace Pipes.Tests.Compile;

public sealed class CsvTableTests
{
    [Fact]
    public void Reads_quotes_commas_newlines_and_empty_fields()
    {
        var bag = new DiagnosticBag();
        var table = CsvTable.Parse("\uFEFFa,b,c\r\n1,\"x, \"\"y\"\"\",\r\n2,\"multi\nline\",\"\"\n", "s.csv", bag)!;

        bag.Items.ShouldBeEmpty();
        table.Header.ShouldBe(new[] { "a", "b", "c" });
        table.Rows.Count.ShouldBe(2);
        table.Rows[0].ShouldBe(new[] { "1", "x, \"y\"", null });
        table.Rows[1].ShouldBe(new[] { "2", "multi\nline", "" });
    }

    [Fact]
    public void A_file_without_trailing_newline_keeps_its_last_row()
    {
        CsvTable.Parse("a\n1\n2", "s.csv", new DiagnosticBag())!.Rows.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("a,b\n1\n", "s.csv(2,1): error PIPES0009: row has 1 fields, the header has 2")]
    [InlineData("a\n\"x\"y\n", "s.csv(2,1): error PIPES0009: text after a closing quote; quote the whole field and double inner quotes")]
    [InlineData("", "s.csv(1,1): error PIPES0009: the seed is empty (0 bytes); it needs a header row")]
    [InlineData("a,b\n1,x\0y\n", "s.csv(2,4): error PIPES0009: a NUL byte (\\0) in the CSV; seeds are text, remove it")]
    [InlineData("\n\n", "s.csv(1,1): error PIPES0009: the seed has no header row; its first line must name the columns")]
    [InlineData("a,b\n1,\"never closed\n2,x\n", "s.csv(2,3): error PIPES0009: the quoted field opened here is never closed")]
    [InlineData("a,b\n1,ok\n2,\"opened\n3,x\n4,y\"z\n", "s.csv(3,3): error PIPES0009: the quoted field opened here runs to line 5, where text follows its closing quote; is a quote unbalanced?")]
    [InlineData("a,b\nx,ab\rc\n", "s.csv(2,5): error PIPES0009: a carriage return (\\r) not followed by a line feed; quote the field, or end lines with \\n or \\r\\n")]
    [InlineData("a\r", "s.csv(1,2): error PIPES0009: a carriage return (\\r) not followed by a line feed; quote the field, or end lines with \\n or \\r\\n")]
    public void Malformed_files_are_reported_with_their_line(string text, string message)
    {
        var bag = new DiagnosticBag();
        CsvTable.Parse(text, "s.csv", bag).ShouldBeNull();
        bag.Items.Single().ToString().ShouldBe(message);
    }

    [Theory]
    [InlineData("v\na\n\nb\n")]
    [InlineData("v\r\na\r\n\r\nb")]
    public void A_blank_line_of_a_one_column_seed_is_a_null_row(string text)
    {
        var table = CsvTable.Parse(text, "s.csv", new DiagnosticBag())!;

        // The final line break ends the last row; it does not start another.
        table.Rows.ShouldBe(new[] { new[] { "a" }, new string?[] { null }, new[] { "b" } });
        table.RowLines.ShouldBe(new[] { 2, 3, 4 });
    }

    [Fact]
    public void A_carriage_return_is_data_inside_quotes_and_a_line_break_before_a_line_feed()
    {
        var bag = new DiagnosticBag();

        var table = CsvTable.Parse("a,b\r\n\"x\ry\",z\r\n", "s.csv", bag)!;

        bag.Items.ShouldBeEmpty();
        table.Rows.Single().ShouldBe(new[] { "x\ry", "z" });
    }

    [Fact]
    public void Rows_keep_the_line_they_start_on()
    {
        var table = CsvTable.Parse("\n\na,b\n1,\"x\ny\"\n\n2,z\n", "s.csv", new DiagnosticBag())!;

        table.Header.ShouldBe(new[] { "a", "b" });
        table.RowLines.ShouldBe(new[] { 4, 7 });
    }

    [Theory]
    [InlineData("integer", "1", "-20", null)]
    [InlineData("string", "007", "8", null)]
    [InlineData("number", "1", "2.5", "-0.25")]
    [InlineData("boolean", "true", "FALSE", null)]
    [InlineData("date", "2026-01-31", null, null)]
    [InlineData("datetime", "2026-01-31T10:00:00Z", "2026-02-01 08:00", null)]
    [InlineData("string", "2026-02-30", null, null)]
    [InlineData("string", null, null, null)]
    [InlineData("string", "1", "yes", null)]
    // A number must survive DOUBLE: two ids past 2^53 would load as one value.
    [InlineData("string", "12345678901234567891", "12345678901234567892", null)]
    [InlineData("string", "9007199254740993", "1.5", null)]
    [InlineData("string", "0.1", "1.5", "1.5\n")]
    [InlineData("number", "0.1", "1.10", "100000000000000000000")]
    [InlineData("number", "-0.0", "9007199254740992", "123456789.123456")]
    [InlineData("integer", "9007199254740993", "-9223372036854775808", "9223372036854775807")]
    [InlineData("datetime", "2026-07-01T02:30:00+02:00", "2026-07-01 02:30:00.123456789-0130", null)]
    [InlineData("string", "2026-07-01T02:30:00.1234567891+02:00", null, null)]
    public void Infers_the_narrowest_type(string expected, string? a, string? b, string? c)
    {
        SeedTypeInference.Infer(new[] { a, b, c }).ShouldBe(expected);
    }
}
