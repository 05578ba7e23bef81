using System.CommandLine;
using Pipes.Core.Docs;

namespace Pipes.Cli.Commands;

public static class DocsCommand
{
    public static Command Create()
    {
        var maxProfiles = new Option<int>("--max-profiles") { Description = "Most profiles in the profile explorer, largest first (the site says how many were left out)", DefaultValueFactory = _ => ProfilesSection.DefaultCap };
        var generate = new Command("generate", "Write a static site of the project, the identity graph and the deliveries to target/docs/ (opens from the file system)");
        generate.Options.Add(maxProfiles);
        CommonOptions.AddProjectOptions(generate, selection: false);
        generate.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            DocsTask.GenerateAsync(CommonOptions.Read(result), result.GetValue(maxProfiles), CommonOptions.Output(result), cancellationToken)));

        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => DocsServer.DefaultPort };
        var serve = new Command("serve", "Serve target/docs/ on 127.0.0.1 (static files only) until Ctrl-C");
        serve.Options.Add(port);
        CommonOptions.AddProjectOptions(serve, selection: false);
        serve.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            DocsTask.ServeAsync(CommonOptions.Read(result), result.GetValue(port), CommonOptions.Output(result), cancellationToken)));

        var docs = new Command("docs", "Generate or serve the documentation site");
        docs.Subcommands.Add(generate);
        docs.Subcommands.Add(serve);
        return docs;
    }
}
