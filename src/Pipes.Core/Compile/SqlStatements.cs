namespace Pipes.Core.Compile;

/// <summary>Templates write <c>{{ statement_end }}</c> between statements; this is the marker and the one way to split on it.</summary>
public static class SqlStatements
{
    public const string End = "\u001e";

    /// <summary>The statements of a rendered template, trimmed, without trailing semicolons, empty ones dropped.</summary>
    public static List<string> Split(string text) =>
        text.Split(End).Select(s => s.Trim().TrimEnd(';').TrimEnd()).Where(s => s.Length > 0).ToList();
}
