using Pipes.Core.DataTests;
using Pipes.Core.Identity;
using Pipes.Core.Models;
using Pipes.Core.Properties;

namespace Pipes.Core.Load;

/// <summary>What one <c>*.yml</c> under the model paths declares.</summary>
public sealed record DefinitionFile(
    string Path,
    IReadOnlyList<SourceSpec> Sources,
    IReadOnlyList<ModelConfigSpec> Models,
    IReadOnlyList<SeedConfigSpec> Seeds)
{
    /// <summary>The <c>identity:</c> block, when this file has one.</summary>
    public IdentitySpec? Identity { get; init; }

    public IReadOnlyList<PropertyModelSpec> Properties { get; init; } = Array.Empty<PropertyModelSpec>();

    public IReadOnlyList<DestinationSpec> Destinations { get; init; } = Array.Empty<DestinationSpec>();

    public IReadOnlyList<DataTestSpec> DataTests { get; init; } = Array.Empty<DataTestSpec>();

    public IdentityTestSettings? IdentityTests { get; init; }

    /// <summary>Set when the file could not be parsed: what it declares is unknown, so cross-file checks would only cascade.</summary>
    public bool Unreadable { get; init; }

    public static DefinitionFile Empty(string path) =>
        new(path, Array.Empty<SourceSpec>(), Array.Empty<ModelConfigSpec>(), Array.Empty<SeedConfigSpec>());
}
