using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class CompileCommand
{
    public static Command Create()
    {
        var command = new Command("compile", "Write the SQL of every selected node to target/compiled/<target>/ and target/manifest.json; no connection");
        CommonOptions.AddProjectOptions(command);
        command.Options.Add(CommonOptions.FullRefresh);
        command.SetAction(result => Guard.Run(() => CompileTask.Execute(CommonOptions.Read(result), CommonOptions.Output(result))));
        return command;
    }
}
