using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Models;
using Pipes.Core.Seeds;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>
/// Checks the <c>identity:</c> block and every <c>identifiers:</c> declaration, reporting each problem at the value
/// that causes it, and maps them into <see cref="IdentityRules"/>. Returns null when there is nothing to resolve
/// or an error was found.
/// </summary>
public static class IdentityAssembler
{
    public static IdentityProject? Assemble(
        IReadOnlyList<DefinitionFile> definitions, IReadOnlyList<SeedSpec> seeds, IReadOnlyList<ModelSpec> models, DiagnosticBag bag)
    {
        var errorsBefore = bag.Items.Count(d => d.Severity == Severity.Error);
        var blocks = definitions.Where(d => d.Identity is not null).Select(d => d.Identity!).ToList();
        foreach (var extra in blocks.Skip(1))
            bag.Error(DiagnosticCodes.DuplicateName, extra.Span, "identity is defined twice", $"first at {blocks[0].Span}");
        var spec = blocks.FirstOrDefault();
        var inputs = Inputs(definitions, seeds, models);

        if (spec is null)
        {
            foreach (var identifier in inputs.SelectMany(i => i.Declarations.Identifiers))
                bag.Error(DiagnosticCodes.IdentifiersWithoutIdentity, identifier.Type.Span, $"identifier of type '{identifier.Type.Value}' but the project has no identity block",
                    "add a top-level 'identity:' with 'id_types:' to a definition file");
            return null;
        }

        var rules = IdentityRulesMapper.Map(spec, bag);
        var typeNames = spec.Types.Select(t => t.Name.Value).ToList();
        foreach (var identifier in inputs.SelectMany(i => i.Declarations.Identifiers))
        {
            if (!typeNames.Contains(identifier.Type.Value))
                bag.Error(DiagnosticCodes.UnknownIdType, identifier.Type.Span, $"unknown id type '{identifier.Type.Value}'",
                    DidYouMean.Hint(identifier.Type.Value, typeNames) ?? "declare it under identity: id_types:");
        }
        CheckSeedColumns(definitions, seeds, bag);

        var usable = inputs.Where(i => !i.Declarations.IsEmpty).ToList();
        if (usable.Count == 0)
            bag.Warning(DiagnosticCodes.IdentityWithoutIdentifiers, spec.Span, "identity is defined but no source, seed or model declares identifiers");
        if (bag.Items.Count(d => d.Severity == Severity.Error) > errorsBefore || usable.Count == 0) return null;
        return new IdentityProject(rules, usable, spec.Span);
    }

    /// <summary>Every declaring entry whose relation exists, ordered by label so compiled SQL does not depend on file order.</summary>
    private static List<IdentityInput> Inputs(IReadOnlyList<DefinitionFile> definitions, IReadOnlyList<SeedSpec> seeds, IReadOnlyList<ModelSpec> models)
    {
        var seedNames = seeds.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var modelNames = models.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = new List<IdentityInput>();
        foreach (var file in definitions)
        {
            foreach (var source in file.Sources)
                inputs.AddRange(source.Tables.Where(t => !t.Identity.IsEmpty)
                    .Select(t => new IdentityInput(IdentityInputKind.Source, source.Name.Value, t.Name.Value, t.Identity)));
            inputs.AddRange(file.Seeds.Where(s => !s.Identity.IsEmpty && seedNames.Contains(s.Name.Value))
                .Select(s => new IdentityInput(IdentityInputKind.Seed, s.Name.Value, null, s.Identity)));
            inputs.AddRange(file.Models.Where(m => !m.Identity.IsEmpty && modelNames.Contains(m.Name.Value))
                .Select(m => new IdentityInput(IdentityInputKind.Model, m.Name.Value, null, m.Identity)));
        }
        return inputs.DistinctBy(i => i.Label).OrderBy(i => i.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>Seeds have known columns, so a misspelt identifier or observed_at column is caught at load time.</summary>
    private static void CheckSeedColumns(IReadOnlyList<DefinitionFile> definitions, IReadOnlyList<SeedSpec> seeds, DiagnosticBag bag)
    {
        foreach (var config in definitions.SelectMany(d => d.Seeds))
        {
            var seed = seeds.FirstOrDefault(s => s.Name == config.Name.Value);
            if (seed is null) continue;
            var columns = config.Identity.Identifiers.Select(i => i.Column).ToList();
            if (config.Identity.ObservedAt is { } observedAt) columns.Add(observedAt);
            foreach (var column in columns.Where(c => !seed.Table.Header.Contains(c.Value)))
                bag.Error(DiagnosticCodes.InvalidValue, column.Span, $"seed '{seed.Name}' has no column '{column.Value}'", DidYouMean.Hint(column.Value, seed.Table.Header));
        }
    }
}
