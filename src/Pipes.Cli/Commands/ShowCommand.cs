using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class ShowCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Model, seed or pipes_ table to read (its built relation)", Arity = ArgumentArity.ZeroOrOne };
        var inline = new Option<string?>("--inline") { Description = "A SELECT to run instead; ref, source and var work as in models" };
        var limit = new Option<int>("--limit") { Description = "Rows to show (the limit is in the query)", DefaultValueFactory = _ => ShowRequest.DefaultLimit };
        var format = new Option<string>("--output", "-o") { Description = "table, json or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong([.. ShowRequest.Formats]);
        var command = new Command("show", "Print the first rows of a model, seed or table, or of an inline query, from the target");
        command.Arguments.Add(name);
        CommonOptions.AddProjectOptions(command, selection: false);
        command.Options.Add(inline);
        command.Options.Add(limit);
        command.Options.Add(format);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() => ShowTask.ExecuteAsync(CommonOptions.Read(result),
            new ShowRequest(result.GetValue(name), result.GetValue(inline), result.GetValue(limit), result.GetValue(format)!), CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
