using System.Text.Json.Nodes;

namespace Pipes.Tests.TestKit;

/// <summary>What the fake returns for a statement: rowType entries (lower-case types, as Snowflake sends) and string cells.</summary>
public sealed record FakeResult(IReadOnlyList<FakeColumn> Columns, IReadOnlyList<string?[]> Rows, JsonObject? Stats = null)
{
    public static readonly FakeResult SelectOne = new([new FakeColumn("1", "fixed", 0)], [["1"]]);

    public static FakeResult Single(string column, string type, string? value) => new([new FakeColumn(column, type)], [[value]]);
}

public sealed record FakeColumn(string Name, string Type, int? Scale = null, int? Precision = null);
