using Pipes.Bench.Compile;
using Pipes.Bench.Identity;
using Pipes.Bench.Properties;
using Pipes.Bench.Push;
using Pipes.Bench.SampleData;
using Pipes.Bench.Seed;

// Bench tools, one subcommand per args[0]:
//   sample-data <seeds-dir> [seed]   write the sample seeds (docs/sample-data.md)
//   compile [sizes...]               load + plan + compile generated projects (default 1,000 and 10,000 models)
//   push [profiles...]               push benchmark (docs/push.md); default 100000 1000000
//   identity [rows...] [--chain n] [--exclusions n] [--shape realistic|entity] [--memory-limit 2GB]   identity node on generated data (default 1,000,000 event rows; chain of 1,000,000, 0 skips it; n more global exclusions; entity: five inputs of one row per entity)
//   seed [rows...]                   load a generated seed into DuckDB and check every row (default 1,000,000)
return args.FirstOrDefault() switch
{
    "sample-data" => SampleData(args[1..]),
    "compile" => CompileBenchmark.Run(args[1..]),
    "push" => await PushBenchmark.RunAsync(args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList() : [100_000, 1_000_000]),
    "identity" => IdentityBenchmark.Run(args[1..]),
    "properties" => await PropertyBenchmark.RunAsync(args[1..]), // properties --incremental [rows] (docs/properties.md)
    "seed" => await SeedBenchmark.RunAsync(args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList() : [1_000_000]),
    _ => Usage(),
};

static int SampleData(string[] args)
{
    if (args.Length is < 1 or > 2)
    {
        return Usage();
    }

    var seed = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 42;
    SampleDataGenerator.Write(args[0], seed);
    Console.WriteLine($"wrote sample seeds to {Path.GetFullPath(args[0])} (seed {seed})");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Pipes.Bench sample-data <seeds-dir> [seed] | compile [sizes...] | push [profiles...] | identity [rows...] [--chain n] [--exclusions n] [--shape realistic|entity] [--memory-limit size] | seed [rows...]");
    return 2;
}
