using Pipes.Core.Diagnostics;
using Pipes.Core.Properties;

namespace Pipes.Core.Load;

/// <summary>
/// One table, one owner. Models and seeds are tables of the output schema by their own names; property models and
/// destinations create tables named after theirs (<see cref="PublishedTables"/>). Two declarations that would write the
/// same table would overwrite each other's rows (property models <c>x</c> and <c>rows_x</c> both writing
/// <c>pipes_property_rows_x</c>; destinations <c>x</c> and <c>x_left_out</c>), so that is an error before anything
/// compiles. The prefix <c>pipes_</c> is Pipes' own: no model or seed may start with it. Names compare as DuckDB
/// compares them, without case, even quoted; so the project means the same on both engines.
/// </summary>
public static class TableOwners
{
    private const string Prefix = "pipes_";

    public static void Validate(Project project, DiagnosticBag bag)
    {
        var owners = new Dictionary<string, Owner>(StringComparer.OrdinalIgnoreCase);
        var reported = new HashSet<(Owner, Owner)>();
        foreach (var shared in PublishedTables.Shared) owners[shared] = new Owner("shared", "", SourceSpan.None);
        foreach (var model in project.Models) Claim(model.Name, new Owner("model", model.Name, SourceSpan.At(model.Path, 1, 1)));
        foreach (var seed in project.Seeds) Claim(seed.Name, new Owner("seed", seed.Name, SourceSpan.At(seed.Path, 1, 1)));
        foreach (var model in project.Properties)
        {
            var owner = new Owner("property model", model.Name.Value, model.Name.Span);
            foreach (var table in PublishedTables.CreatedBy(model)) Claim(table, owner);
        }
        foreach (var destination in project.Destinations)
        {
            var owner = new Owner("destination", destination.Name.Value, destination.Name.Span);
            foreach (var table in PublishedTables.CreatedBy(destination)) Claim(table, owner);
        }

        void Claim(string table, Owner owner)
        {
            if (owner.Kind is "model" or "seed" && table.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                bag.Error(DiagnosticCodes.TableNameTaken, owner.Span, $"{owner.Kind} '{owner.Name}' starts with '{Prefix}', the prefix of the tables Pipes creates (identity, properties, push)",
                    "rename the file; docs/project-format.md lists the tables Pipes creates");
                return;
            }
            if (owners.TryAdd(table, owner)) return;
            var first = owners[table];
            // The same declaration twice (or a model and a seed of one name) is reported where names are read.
            if (first.Name == owner.Name && (first.Kind == owner.Kind || first.Kind is "model" or "seed" && owner.Kind is "model" or "seed")) return;
            // One error per pair of declarations: the first table they share says it.
            if (!reported.Add((first, owner))) return;
            bag.Error(DiagnosticCodes.TableNameTaken, owner.Span,
                first.Kind == "shared"
                    ? $"{owner.Kind} '{owner.Name}' would create the table {table}, which Pipes keeps for every property model and push destination"
                    : $"{owner.Kind} '{owner.Name}' would create the table {table}, which {first.Kind} '{first.Name}' ({first.Span}) creates too",
                first.Kind == "shared" ? $"rename the {owner.Kind}" : "rename one of them; docs/project-format.md lists the tables each creates");
        }
    }

    private sealed record Owner(string Kind, string Name, SourceSpan Span);
}
