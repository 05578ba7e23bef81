namespace Pipes.Core.Deploy;

/// <summary>
/// Snowflake single-quoted string constants for the procedure. Inside them a backslash starts an escape sequence
/// and <c>''</c> is one quote (Snowflake's string constant rules), so both are escaped: the text reaches
/// EXECUTE IMMEDIATE exactly as compiled. Single quotes, not <c>$$</c>, because compiled statements contain
/// <c>$$</c> themselves (the identity UDTF and its Scripting block).
/// </summary>
public static class ScriptText
{
    public static string Literal(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

}
