namespace Pipes.Core.Tasks;

/// <summary><c>pipes ls</c>: the selected nodes in run order, one id per line.</summary>
public static class LsTask
{
    public static int Execute(CommandOptions options, TaskOutput output)
    {
        var session = ProjectSession.Open(options, output);
        if (session is null) return ExitCodes.Failure;
        foreach (var node in session.Plan.Selected)
            output.Info(node.Id, ("event", "node"), ("kind", node.Kind.ToString().ToLowerInvariant()), ("path", node.Path));
        return ExitCodes.Success;
    }
}
