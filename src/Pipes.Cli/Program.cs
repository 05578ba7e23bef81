using System.CommandLine;
using Pipes.Cli;
using Pipes.Cli.Commands;

var root = new RootCommand("Pipes: warehouse-native identity resolution and enrichment for Amplitude");
root.Options.Add(CommonOptions.LogFormat);
root.Options.Add(CommonOptions.NoColor);
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(CompileCommand.Create());
root.Subcommands.Add(CleanCommand.Create());
root.Subcommands.Add(RunCommand.Create("run", "Build the selected SQL models on the target"));
root.Subcommands.Add(RunCommand.Create("seed", "Load the selected CSV seeds into the target"));
root.Subcommands.Add(RunCommand.Create("test", "Run the selected data tests and the built-in identity tests"));
root.Subcommands.Add(RunCommand.Create("build", "Seed, run and test in dependency order (a failing error-level test skips what depends on the tested node), then push every destination"));
root.Subcommands.Add(PushCommand.Create());
root.Subcommands.Add(RetryCommand.Create());
root.Subcommands.Add(LsCommand.Create());
root.Subcommands.Add(ShowCommand.Create());
root.Subcommands.Add(DebugCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(ParityCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(DeployCommand.Create());
root.Subcommands.Add(DocsCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
// Pipes handles Ctrl-C and SIGTERM itself (Interruption), so System.CommandLine must not end the process first.
using var interruption = new Interruption();
return interruption.ExitCode(await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interruption.Token));
