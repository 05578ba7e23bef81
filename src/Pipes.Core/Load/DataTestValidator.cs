using Pipes.Core.Diagnostics;

namespace Pipes.Core.Load;

/// <summary>Checks that each data test points at things that exist: the relation of <c>relationships</c>, seed columns.</summary>
public static class DataTestValidator
{
    public static void Validate(Project project, DiagnosticBag bag)
    {
        var relations = project.Models.Select(m => m.Name).Concat(project.Seeds.Select(s => s.Name))
            .Concat(project.Sources.SelectMany(s => s.Tables.Select(t => $"{s.Name.Value}.{t.Name.Value}"))).ToList();
        foreach (var test in project.DataTests)
        {
            if (test.To is { } to && !relations.Contains(to.Value) && !project.Unloaded.Contains(to.Value))
                bag.Error(DiagnosticCodes.UnknownRef, to.Span, $"relationships test points to '{to.Value}', which is not a model, seed or source table", DidYouMean.Hint(to.Value, relations));
            var seed = test.Owner.Kind == "seed" ? project.Seeds.FirstOrDefault(s => s.Name == test.Owner.Name) : null;
            if (seed is not null && test.Column is { } column && !seed.Table.Header.Contains(column.Value))
                bag.Error(DiagnosticCodes.UnknownColumn, column.Span, $"seed '{seed.Name}' has no column '{column.Value}'", DidYouMean.Hint(column.Value, seed.Table.Header));
            var targetSeed = test.To is null ? null : project.Seeds.FirstOrDefault(s => s.Name == test.To.Value);
            if (targetSeed is not null && test.Field is { } field && !targetSeed.Table.Header.Contains(field.Value))
                bag.Error(DiagnosticCodes.UnknownColumn, field.Span, $"seed '{targetSeed.Name}' has no column '{field.Value}'", DidYouMean.Hint(field.Value, targetSeed.Table.Header));
        }
    }
}
