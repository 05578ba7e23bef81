using Pipes.Core.Tasks;

namespace Pipes.Tests.Run;

/// <summary>The text forms parity compares: one per value, whichever engine and driver type carried it.</summary>
public sealed class ParityValueTests
{
    public static TheoryData<object?, object?> SameValue() => new()
    {
        { 3L, 3m },                                   // DuckDB BIGINT, Snowflake NUMBER(38,0) read as decimal
        { 3L, 3.0d },
        { 12.5m, 12.500000000m },                     // NUMBER(38,2) vs NUMBER(38,9): trailing zeros
        { 0.1d, 0.1m },
        { 0m, 0.000m },
        { new DateTime(2024, 1, 2, 3, 4, 5), new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)) },
        { new DateTime(2024, 1, 2, 3, 4, 5, 120), new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1_200_000) },
        { new List<object?> { "a", "b" }, "[\n  \"a\",\n  \"b\"\n]" }, // DuckDB LIST vs Snowflake ARRAY text
        { new List<object?>(), "[]" },
        { true, true },
        { null, DBNull.Value },
    };

    [Theory]
    [MemberData(nameof(SameValue))]
    public void Engine_forms_of_one_value_have_one_text(object? duckDb, object? snowflake) =>
        ParityValue.Text(duckDb).ShouldBe(ParityValue.Text(snowflake));

    [Theory]
    [InlineData(3L, 4L)]
    [InlineData(12.5, 12.51)]
    [InlineData("NULL", null)]
    [InlineData("3", 3L)]
    [InlineData("[1]", "[2]")]
    [InlineData("x", " x")]
    public void Different_values_stay_different(object? a, object? b) =>
        ParityValue.Text(a).ShouldNotBe(ParityValue.Text(b));

    [Fact]
    public void Timestamps_keep_100ns_and_text_that_only_looks_like_json_is_kept()
    {
        ParityValue.Text(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1)).ShouldBe("2024-01-02 03:04:05.0000001");
        ParityValue.Text(new DateTime(2024, 1, 2)).ShouldBe("2024-01-02 00:00:00");
        ParityValue.Text("[not json]").ShouldBe("\"[not json]\"");
        ParityValue.Text("say \"hi\"").ShouldBe("\"say \\\"hi\\\"\"");
        ParityValue.Text(12.50m).ShouldBe("12.5");
    }
}
