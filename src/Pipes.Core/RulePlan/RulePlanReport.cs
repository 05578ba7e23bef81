using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Pipes.Core.RulePlan;

/// <summary>
/// What <c>pipes plan</c> found (docs/plan.md): the working tree's project built beside the live outputs, compared
/// with them. Written to <c>target/plan.json</c> and printed in words by <see cref="RulePlanPrinter"/>.
/// </summary>
public sealed record RulePlanReport
{
    public required string PlanId { get; init; }
    public required string Target { get; init; }
    public required string Schema { get; init; }
    public required string ShadowSchema { get; init; }
    public DateTime CreatedAt { get; init; }
    public bool Applied { get; set; }

    /// <summary>
    /// The working tree changes nothing: no profile, identifier, refused edge, shared id, dropped observation, reject or
    /// output row, and every destination's next push does what it would do without the change (what was pending already).
    /// </summary>
    public bool Empty => Profiles.Count == 0 && Identifiers.Moved + Identifiers.Joined + Identifiers.Left == 0
        && RefusedEdges.Appear + RefusedEdges.Disappear + SharedIds.Appear + SharedIds.Disappear == 0 && Dropped.Count == 0
        && Rejects.Count == 0 && Outputs.All(o => o.Inserted + o.Updated + o.Deleted == 0) && Destinations.All(d => d.Operations == d.OperationsWithoutChange && d.Notes.Count == 0);

    /// <summary>The identity node's message in the shadow build, e.g. that the rules changed and it rebuilt in full.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Profile events by kind (merged, split, rekeyed, created, removed), as the history would record them.</summary>
    public IReadOnlyList<EventGroup> Profiles { get; init; } = [];
    public IdentifierChanges Identifiers { get; init; } = new();
    public Difference RefusedEdges { get; init; } = new();
    public Difference SharedIds { get; init; } = new();
    public IReadOnlyList<DroppedChange> Dropped { get; init; } = [];
    public IReadOnlyList<RejectChange> Rejects { get; init; } = [];
    public IReadOnlyList<OutputChange> Outputs { get; init; } = [];
    public IReadOnlyList<DestinationPlan> Destinations { get; init; } = [];

    /// <summary>One kind of profile event: how many, how many identifiers they carry, the causes counted, a few examples.</summary>
    public sealed record EventGroup(string Event, long Count, long Identifiers, IReadOnlyDictionary<string, long> Causes, IReadOnlyList<ProfileEvent> Examples);

    /// <summary>One old profile id and where its identifiers go (split: several targets), or a created one.</summary>
    public sealed record ProfileEvent(string Event, ProfileRef? From, IReadOnlyList<ProfileRef> Into, long Identifiers, IReadOnlyList<string> Causes);

    public sealed record ProfileRef(string ProfileId, string? Canonical, long Identifiers);

    public sealed record IdentifierMove(string IdType, string IdValue, string? OldProfileId, string? NewProfileId);

    /// <summary>Identifiers that change profile, join or leave the graph; every one is listed in <see cref="File"/>.</summary>
    public sealed record IdentifierChanges
    {
        public long Moved { get; init; }
        public long Joined { get; init; }
        public long Left { get; init; }
        public IReadOnlyList<IdentifierMove> Examples { get; init; } = [];
        public string? File { get; init; }
    }

    /// <summary>Rows of a table that would appear or disappear, with the first few of each.</summary>
    public sealed record Difference
    {
        public long Appear { get; init; }
        public long Disappear { get; init; }
        public IReadOnlyList<IReadOnlyDictionary<string, string?>> AppearExamples { get; init; } = [];
        public IReadOnlyList<IReadOnlyDictionary<string, string?>> DisappearExamples { get; init; } = [];
    }

    public sealed record DroppedChange(string IdType, string Reason, long LiveObservations, long PlannedObservations);

    public sealed record RejectChange(string Model, string Column, long Appear, long Disappear, IReadOnlyList<IReadOnlyDictionary<string, string?>> Examples);

    /// <summary>
    /// What publishing the planned rows into a live output writes (templates/outputs/publish.sql.scriban, dry run).
    /// <paramref name="Replaced"/>: the planned table has other columns (a property or id type added or removed), so the
    /// live one is dropped and created afresh: every row inserted, the old ones counted as deleted.
    /// </summary>
    public sealed record OutputChange(string Name, long Inserted, long Updated, long Deleted, bool Replaced = false);

    /// <summary>
    /// One destination. <c>$identify</c>: events the next push sends, users new to Amplitude, how many users get a
    /// <c>$set</c> of how many properties, how many an <c>$unset</c>, and examples of the exact events (built by the
    /// push's own code; insert_id and time name the run that sends them). Warehouse tables: rows inserted, updated,
    /// deleted, events re-keyed, rows left out.
    /// </summary>
    public sealed record DestinationPlan
    {
        public required string Name { get; init; }
        public required string Type { get; init; }
        public long Operations { get; init; }
        /// <summary>What the next push would do if the working tree changed nothing (pending already: a dry-run destination, a build not pushed yet).</summary>
        public long OperationsWithoutChange { get; init; }
        public long Events { get; init; }
        public long NewUsers { get; init; }
        public IReadOnlyDictionary<string, long> SetSizes { get; init; } = new SortedDictionary<string, long>();
        public long SetUsers { get; init; }
        public long UnsetUsers { get; init; }
        public IReadOnlyDictionary<string, long> UnsetKeys { get; init; } = new SortedDictionary<string, long>();
        public long Skipped { get; init; }
        public long Refused { get; init; }
        public long Inserted { get; init; }
        public long Updated { get; init; }
        public long Deleted { get; init; }
        public long Rekeyed { get; init; }
        public string? PayloadFile { get; init; }
        /// <summary>What the destination step said besides its counts (columns it would add to or drop from Amplitude's table).</summary>
        public IReadOnlyList<string> Notes { get; init; } = [];
        public IReadOnlyList<JsonNode> Examples { get; init; } = [];
    }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
