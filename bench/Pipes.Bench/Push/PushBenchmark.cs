using System.Diagnostics;
using System.Globalization;
using Pipes.Core.Push;
using Pipes.Core.Targets;
using Pipes.Core.Targets.DuckDb;
using Pipes.Tests.TestKit;
using Pipes.Core.Compile;

namespace Pipes.Bench.Push;

/// <summary>
/// Pushes N generated profiles from a DuckDB file to an in-process loopback Amplitude (counting only), then changes
/// 1% of them and pushes again: the second run must send exactly the changed profiles.
/// </summary>
public static class PushBenchmark
{
    private const string Key = "bench-api-key-000001";
    private static readonly StatementContext Context = StatementContext.Adhoc("bench");

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        Console.WriteLine($"{"run",-10} {"profiles",10} {"changed",9} {"events",10} {"batches",8} {"seconds",8} {"events/s",10} {"peak WS MB",11} {"max heap MB",12}");
        var ok = true;
        foreach (var size in sizes) ok &= await RunOneAsync(size);
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunOneAsync(int profiles)
    {
        var directory = Directory.CreateTempSubdirectory("pipes-push-bench-");
        try
        {
            await using var server = await AmplitudeServer.StartAsync(Key);
            server.TrackEvents = false;
            await using var target = new TimingTarget(DuckDbTarget.Open(Path.Combine(directory.FullName, "bench.duckdb")));
            await SqlAsync(target, Generate(profiles));
            var destination = new PushDestination { Name = "bench", ApiKey = Key, Endpoint = server.BatchUri };

            var first = await PushAsync(target, destination, directory.FullName);
            Print("initial", profiles, profiles, first);

            var changed = profiles / 100;
            await SqlAsync(target, """
                UPDATE pipes_push_bench SET properties = json_object('plan', 'enterprise', 'seats', 999, 'region', 'emea')
                WHERE CAST(substr(profile_id, 2) AS BIGINT) % 100 = 0;
                UPDATE pipes_push_bench SET content_hash = md5(CAST(properties AS VARCHAR));
                """);
            var second = await PushAsync(target, destination, directory.FullName);
            Print("1% change", profiles, changed, second.Result);
            var pass = first.Result.Accepted == profiles && second.Result.EventsSent == changed && second.Result.Accepted == changed;
            Console.WriteLine($"{"",-10} check: initial accepted {first.Result.Accepted:N0} of {profiles:N0}; changed {changed:N0}, sent {second.Result.EventsSent:N0} -> {(pass ? "OK" : "MISMATCH")}");
            return pass;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Generate(int profiles) => $"""
        CREATE OR REPLACE TABLE pipes_push_bench AS
        SELECT profile_id, user_id, device_id, properties, md5(CAST(properties AS VARCHAR)) AS content_hash
        FROM (
          SELECT 'p' || lpad(CAST(i AS VARCHAR), 8, '0') AS profile_id,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'user-' || lpad(CAST(i AS VARCHAR), 8, '0') END AS user_id,
            CASE WHEN i % 10 = 0 THEN 'device-' || md5(CAST(i AS VARCHAR)) END AS device_id,
            json_object('plan', CASE i % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'team' END, 'seats', i % 50,
              'region', CASE i % 4 WHEN 0 THEN 'emea' WHEN 1 THEN 'amer' WHEN 2 THEN 'apac' ELSE 'latam' END,
              'email_domain', 'example' || CAST(i % 1000 AS VARCHAR) || '.com', 'score', round(i % 997 / 9.7, 2)) AS properties
          FROM range(1, {profiles + 1}) t(i)
        )
        """;

    private static async Task<(PushResult Result, long MaxHeap)> PushAsync(TimingTarget target, PushDestination destination, string targetDirectory)
    {
        using var pusher = new Pusher(target, destination, TimeProvider.System);
        long maxHeap = 0;
        var result = await pusher.PushAsync(new PushOptions
        {
            Templates = StatementTemplates.BuiltIn,
            TargetDirectory = targetDirectory,
            Progress = _ => InterlockedMax(ref maxHeap, GC.GetTotalMemory(false)),
        }, CancellationToken.None);
        if (!result.Succeeded) throw new InvalidOperationException(result.Error);
        if (Environment.GetEnvironmentVariable("PIPES_BENCH_VERBOSE") == "1")
        {
            foreach (var (kind, (count, time)) in target.Totals.OrderByDescending(t => t.Value.Time)) Console.WriteLine($"    {time.TotalSeconds,7:F2} s {count,6}x {kind}");
            target.Totals.Clear();
        }
        return (result, maxHeap);
    }

    private static void Print(string run, int profiles, int changed, (PushResult Result, long MaxHeap) r) => Print(run, profiles, changed, r.Result, r.MaxHeap);

    private static void Print(string run, int profiles, int changed, PushResult result, long maxHeap = 0)
    {
        var seconds = result.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? result.EventsSent / seconds : 0;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run,-10} {profiles,10:N0} {changed,9:N0} {result.EventsSent,10:N0} {result.Batches,8:N0} {seconds,8:F1} {rate,10:N0} {peak,11:N0} {maxHeap / 1024.0 / 1024.0,12:N0}"));
    }

    private static async Task SqlAsync(ITarget target, string sql) => await target.ExecuteAsync(sql, Context, CancellationToken.None);

    private static void InterlockedMax(ref long location, long value)
    {
        for (var current = Interlocked.Read(ref location); value > current; current = Interlocked.Read(ref location))
        {
            if (Interlocked.CompareExchange(ref location, value, current) == current) return;
        }
    }
}
