using Pipes.Core.Artifacts;

namespace Pipes.Core.Tasks;

/// <summary><c>pipes compile</c>: one SQL file per node in run order, and the manifest. No connection, no clock.</summary>
public static class CompileTask
{
    public static int Execute(CommandOptions options, TaskOutput output)
    {
        var session = ProjectSession.Open(options, output);
        if (session is null) return ExitCodes.Failure;
        var written = CompiledFiles.Write(session);
        output.Info($"Compiled {session.Compiled.Count} nodes for target '{session.Project.Output.Name}' ({session.Project.Dialect.Name}) into {written}",
            ("event", "compiled"), ("nodes", session.Compiled.Count), ("path", written));
        return ExitCodes.Success;
    }
}
