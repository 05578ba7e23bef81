namespace Pipes.Core.Plan;

/// <summary>
/// What <c>state:</c> selects, decided by comparing the project with a previous manifest (<c>--state</c>):
/// ids not in it (<c>state:new</c>), and ids new or changed (<c>state:modified</c>).
/// </summary>
public sealed record StateSelection(string ManifestPath, IReadOnlySet<string> New, IReadOnlySet<string> Modified);
