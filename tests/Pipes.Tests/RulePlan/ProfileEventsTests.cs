using Pipes.Core.RulePlan;
using static Pipes.Core.RulePlan.ProfileEvents;

namespace Pipes.Tests.RulePlan;

/// <summary>The classification of (old, new) pairs into history events, and the causes each event is given.</summary>
public sealed class ProfileEventsTests
{
    [Fact]
    public void Each_kind_of_event_follows_the_history_definition_and_carries_the_causes_around_its_profiles()
    {
        Pair[] pairs =
        [
            new("A", "A", 3, "user_id:a", "user_id:a"), new("A", "B", 2, "user_id:a", "email:b"),   // A splits into A and B
            new("C", "D", 4, "email:c", "email:d"), new("D", "D", 1, "email:d", "email:d"),         // C merges into D
            new("E", "F", 2, "email:e", "user_id:f"),                                                  // E is re-keyed to F
            new("G", null, 2, "device_id:g", null),                                                    // G vanishes
            new(null, "H", 3, null, "user_id:h"),                                                      // H appears
            new("I", "I", 5, "user_id:i", "user_id:i"), new("I", null, 1, "user_id:i", null),         // I loses one id: no event
        ];
        Cause[] causes =
        [
            new("old", "A", "limit", "email", 1), new("old", "G", "left_graph", "device_id", 2),
            new("new", "D", "limit_lifted", "email", 1), new("new", "H", "new_type", "user_id", 3), new("old", "I", "left_graph", "user_id", 1),
        ];

        var events = Classify(pairs, causes);

        events.Select(e => $"{e.Event} {e.From?.ProfileId ?? "-"} {string.Join("+", e.Into.Select(i => $"{i.ProfileId}:{i.Identifiers}"))} [{string.Join("; ", e.Causes)}]").ShouldBe(
        [
            "split A A:3+B:2 [limit of email]",
            "merged C D:4 [limit of email no longer reached]",
            "rekeyed E F:2 []",
            "removed G  [device_id identifiers dropped (an exclusion or a validity rule)]",
            "created - H:3 [new identifier type user_id]",
        ]);
        var groups = Group(events, examples: 1);
        groups.Select(g => $"{g.Event} {g.Count} {g.Identifiers}").ShouldBe(["merged 1 4", "split 1 5", "rekeyed 1 2", "created 1 3", "removed 1 2"]);
        groups.Single(g => g.Event == "rekeyed").Causes.Keys.ShouldBe(["no rule named (data or a rule not traced)"]);
    }
}
