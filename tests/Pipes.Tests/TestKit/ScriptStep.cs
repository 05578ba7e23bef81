namespace Pipes.Tests.TestKit;

/// <summary>A scripted reply for the next request the fake receives (cancel requests excepted).</summary>
public sealed record ScriptStep(int Status, string? Body, bool RunStatement)
{
    /// <summary>Reply without running anything (429, 503, 422, 404...).</summary>
    public static ScriptStep Reply(int status, string? body = null) => new(status, body, RunStatement: false);

    /// <summary>Run the statement, then fail to deliver the answer (the 500-after-commit case).</summary>
    public static ScriptStep RunThenReply(int status) => new(status, null, RunStatement: true);

    /// <summary>On a submit: run the statement and answer 202 with its handle. On a poll: answer 202.</summary>
    public static ScriptStep Accept() => new(202, null, RunStatement: true);

    public static string ErrorBody(string code, string sqlState, string message, string? handle = null) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["code"] = code,
            ["sqlState"] = sqlState,
            ["message"] = message,
            ["statementHandle"] = handle,
        }.ToJsonString();
}
