using System.Diagnostics;

namespace Pipes.Tests.TestKit;

/// <summary>The real <c>pipes</c> executable (the built Pipes.Cli dll under <c>dotnet exec</c>) in a child process.</summary>
public static class CliRunner
{
    /// <summary>Starts pipes with redirected output; the caller waits (or signals it first).</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        // Through env, which resets SIGINT to its default: a shell without job control starts background commands with
        // SIGINT ignored and a child inherits that, so pipes would never see a test's SIGINT (its slow statement ran on).
        var start = new ProcessStartInfo("env") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pipes.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PIPES_DEBUG"] = "0";
        // The sample's prod output reads SNOWFLAKE_* variables; a developer's own must not leak into these tests.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SNOWFLAKE_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        return Process.Start(start)!;
    }

    /// <summary>Runs pipes to the end and returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Pipes(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).ShouldBeTrue("pipes did not finish within a minute");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
