using System.Globalization;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Run;

namespace Pipes.Core.Tasks;

/// <summary>The run's thread count (<c>--threads</c>, else the output's <c>threads:</c>, else 1) and its log file.</summary>
public static class RunThreads
{
    public const int Max = 64;

    /// <summary>The thread count, or null after printing why the value is refused.</summary>
    public static int? Resolve(CommandOptions options, Project project, TaskOutput output)
    {
        var bag = new DiagnosticBag();
        int? threads = 1;
        if (options.Threads is { } given)
        {
            if (given is < 1 or > Max)
            {
                bag.Error(DiagnosticCodes.BadThreads, SourceSpan.None, $"--threads must be a whole number from 1 to {Max}, not {given}");
                threads = null;
            }
            else threads = given;
        }
        else if (project.Output.Settings.TryGetValue("threads", out var setting) && setting.Value.Length > 0)
        {
            // The profile reader already refuses what is not a positive whole number; the ceiling is checked here.
            if (int.TryParse(setting.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Max) threads = n;
            else
            {
                bag.Error(DiagnosticCodes.BadThreads, setting.Span, $"'threads' must be a whole number from 1 to {Max}, not '{setting.Value}'");
                threads = null;
            }
        }
        output.Diagnostics(bag);
        return threads;
    }

    /// <summary>
    /// Opens <c>target/pipes.log</c> and attaches it to the output; a log that cannot be written is said once on
    /// stderr and the run goes on without it (the log is detail, not the result).
    /// </summary>
    public static RunLog? OpenLog(Project project, SecretRedactor redactor, TaskOutput output, string command, int threads)
    {
        var path = Path.Combine(project.TargetDirectory, "pipes.log");
        try
        {
            var log = RunLog.Open(path, redactor);
            log.Info($"==== pipes {command} · Pipes {PipesVersion.Current} · project {project.Name} · target {project.Output.Name} ({project.Dialect.Name}) · threads {threads}");
            output.Log = log;
            RunLog.Attach(log);
            return log;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error($"warning {DiagnosticCodes.RunLogUnwritable}: cannot write {path}: {e.Message}; the run goes on without a log file",
                ("event", "log_unwritable"), ("code", DiagnosticCodes.RunLogUnwritable));
            return null;
        }
    }
}
