namespace Pipes.Tests.Identity;

/// <summary>Compares the split pipeline with the oracle, reporting only the first differences (fixtures are large).</summary>
public static class SplitPipelineAssert
{
    public static void SameAsOracle(SplitPipeline.Outcome pipeline, OracleResult oracle)
    {
        var graphDiffs = oracle.Graph.Zip(pipeline.Graph)
            .Where(pair => pair.First != pair.Second)
            .Take(5)
            .Select(pair => $"node {pair.First.Key} {pair.First.Type}:{pair.First.Value}: oracle {pair.First.ProfileId}, pipeline {pair.Second.ProfileId}")
            .ToList();
        pipeline.Graph.Count.ShouldBe(oracle.Graph.Count);
        graphDiffs.ShouldBeEmpty();

        var refusalDiffs = oracle.Refused.Zip(pipeline.Refused)
            .Where(pair => pair.First != pair.Second)
            .Take(5)
            .Select(pair => $"oracle refused {oracle.Describe(pair.First.FromKey, pair.First.ToKey)} ({pair.First.LimitType}), " +
                            $"pipeline {oracle.Describe(pair.Second.FromKey, pair.Second.ToKey)} ({pair.Second.LimitType})")
            .ToList();
        refusalDiffs.ShouldBeEmpty();
        pipeline.Refused.Count.ShouldBe(oracle.Refused.Count);
    }
}
