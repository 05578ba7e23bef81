using Pipes.Core.Dialects;
using Pipes.Core.DataTests;
using Pipes.Core.Identity;
using Pipes.Core.Models;
using Pipes.Core.Properties;
using Pipes.Core.Seeds;

namespace Pipes.Core.Load;

/// <summary>A loaded project: every file read, typed, with positions kept.</summary>
public sealed record Project(
    string RootDirectory,
    ProjectSpec Spec,
    OutputSpec Output,
    Dialect Dialect,
    IReadOnlyList<SourceSpec> Sources,
    IReadOnlyList<ModelSpec> Models,
    IReadOnlyList<SeedSpec> Seeds,
    IReadOnlyDictionary<string, object?> Vars,
    Func<string, string?> Environment)
{
    public IReadOnlyList<PropertyModelSpec> Properties { get; init; } = Array.Empty<PropertyModelSpec>();

    public IReadOnlyList<DestinationSpec> Destinations { get; init; } = Array.Empty<DestinationSpec>();

    public IReadOnlyList<DataTestSpec> DataTests { get; init; } = Array.Empty<DataTestSpec>();

    public IdentityTestSettings IdentityTests { get; init; } = new();

    /// <summary>
    /// The <c>incremental:</c> of each source table, seed and model entry that declares one, by the name a property
    /// model's <c>from</c> gives it (<c>seed</c>, <c>model</c>, <c>source.table</c>), with the entry's other declarations.
    /// </summary>
    public IReadOnlyDictionary<string, IdentityDeclarations> IncrementalInputs { get; init; } = new Dictionary<string, IdentityDeclarations>();

    public string Name => Spec.Name.Value;

    /// <summary>The identity rules and the tables that declare identifiers; null when the project has no <c>identity:</c> block.</summary>
    public IdentityProject? Identity { get; init; }

    /// <summary>Whether a definition file has an <c>identity:</c> block (<see cref="Identity"/> is null when nothing declares identifiers).</summary>
    public bool IdentityDeclared { get; init; }

    /// <summary>The identity rules had errors (already reported): checks that need them stay quiet instead of adding follow-on errors.</summary>
    public bool IdentityFailed { get; init; }

    /// <summary>Names of model and seed files that exist but failed to load (each has its own error); refs to them are not reported again.</summary>
    public IReadOnlySet<string> Unloaded { get; init; } = new HashSet<string>();

    public string TargetDirectory => Path.Combine(RootDirectory, Spec.TargetPath);
}
