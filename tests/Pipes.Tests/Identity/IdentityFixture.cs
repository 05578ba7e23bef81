using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>A named adversarial input: rules plus source rows, loadable into the oracle or a warehouse table.</summary>
public sealed record IdentityFixture(string Name, IdentityRules Rules, IReadOnlyList<IdentityRow> Rows)
{
    public override string ToString() => Name;
}
