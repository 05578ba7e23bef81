namespace Pipes.Core.Tasks;

/// <summary>What <c>pipes show</c> was asked: a model, seed or table by name, or an inline query; how many rows and in which format.</summary>
public sealed record ShowRequest(string? Name, string? Inline, int Limit = ShowRequest.DefaultLimit, string Format = "table")
{
    /// <summary>dbt's default is 5; 10 rows fit a terminal and say more.</summary>
    public const int DefaultLimit = 10;

    public static readonly IReadOnlyList<string> Formats = ["table", "json", "csv"];
}
