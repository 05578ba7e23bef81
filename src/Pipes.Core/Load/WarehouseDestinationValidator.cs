using Pipes.Core.Diagnostics;
using Pipes.Core.Properties;

namespace Pipes.Core.Load;

/// <summary>
/// Checks an <c>amplitude_profiles</c> or <c>amplitude_mirror</c> destination (docs/amplitude-warehouse.md): only the
/// keys of its kind, a retention Snowflake accepts, an events relation the project has, identity to resolve users.
/// </summary>
public static class WarehouseDestinationValidator
{
    /// <summary>Snowflake's range of DATA_RETENTION_TIME_IN_DAYS (Enterprise Edition; Standard Edition allows 0 or 1).</summary>
    public const int MaxRetentionDays = 90;

    public static void Validate(Project project, DestinationSpec destination, DiagnosticBag bag)
    {
        var kind = destination.Type.Value;
        var allowed = DestinationSpec.KeysByKind[kind];
        foreach (var key in destination.Keys.Where(k => !allowed.Contains(k.Value)))
            bag.Error(DiagnosticCodes.DestinationKeyNotForKind, key.Span, $"'{key.Value}' does not apply to a destination of type {kind}",
                $"{kind} takes: {string.Join(", ", allowed)}");
        if (!PropertyValidator.DestinationName().IsMatch(destination.Name.Value))
            bag.Error(DiagnosticCodes.InvalidValue, destination.Name.Span,
                $"destination name '{destination.Name.Value}' must be lower-case letters, digits and '_' (it names the table {PublishedTables.Warehouse(destination.Name.Value)})");
        if (destination.RetentionDays is { } days && (days.Value < 0 || days.Value > MaxRetentionDays))
            bag.Error(DiagnosticCodes.RetentionOutOfRange, days.Span, $"retention_days {days.Value} of destination '{destination.Name.Value}' is outside 0..{MaxRetentionDays}",
                "Snowflake keeps 0..90 days of time travel on Enterprise Edition and 0 or 1 on Standard Edition; Amplitude's setup uses 7");
        if (project.Identity is null && !project.IdentityFailed)
            bag.Error(DiagnosticCodes.MissingKey, destination.Name.Span, $"destination '{destination.Name.Value}' of type {kind} needs resolved profiles, and the project has no identity",
                "declare identifiers: on the relations that carry ids");
        if (kind != DestinationSpec.Mirror) return;
        if (destination.Events is not { } events)
        {
            bag.Error(DiagnosticCodes.MissingKey, destination.Name.Span, $"destination '{destination.Name.Value}' of type {kind} has no 'events'",
                "add events: <the seed, model or source.table holding Amplitude's events>");
            return;
        }
        var known = project.Seeds.Select(s => s.Name).Concat(project.Models.Select(m => m.Name))
            .Concat(project.Sources.SelectMany(s => s.Tables.Select(t => $"{s.Name.Value}.{t.Name.Value}"))).ToList();
        if (!known.Contains(events.Value))
            bag.Error(DiagnosticCodes.UnknownEventsRelation, events.Span, $"events '{events.Value}' of destination '{destination.Name.Value}' is no seed, model or source table of this project",
                DidYouMean.Hint(events.Value, known));
    }
}
