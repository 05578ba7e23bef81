using System.Security.Cryptography;
using System.Text;
using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>Sections 5-8: shared identifiers, the ordered limit procedure, profile ids and Amplitude ids.</summary>
public static partial class IdentityOracle
{
    private static OracleResult Resolve(IdentityRules rules, List<OracleInvalid> invalid, List<OracleNode> nodes, List<OracleEdge> edges)
    {
        var shared = FindShared(rules, nodes, edges);
        var sharedKeys = shared.Select(s => s.Key).ToHashSet();
        var remaining = edges.Where(e => !sharedKeys.Contains(e.FromKey) && !sharedKeys.Contains(e.ToKey)).ToList();
        var (profileOf, refused) = SplitByLimits(rules, nodes, remaining);

        var profiles = new List<OracleProfile>();
        var idOfProfile = new Dictionary<long, string>();
        foreach (var members in nodes.GroupBy(n => profileOf[n.Key]))
        {
            var profile = BuildProfile(rules, members.OrderBy(n => n.Key).ToList());
            profiles.Add(profile);
            idOfProfile[members.Key] = profile.ProfileId;
        }

        var graph = nodes.Select(n => new OracleGraphRow(n.Key, n.Type, n.Value, idOfProfile[profileOf[n.Key]])).ToList();
        return new OracleResult(invalid, nodes, edges, shared, refused, graph, profiles.OrderBy(p => p.CanonicalKey).ToList());
    }

    /// <summary>Section 5: a value linked to more than n distinct values of a type its max_links names.</summary>
    private static List<OracleShared> FindShared(IdentityRules rules, List<OracleNode> nodes, List<OracleEdge> edges)
    {
        var neighbours = nodes.ToDictionary(n => n.Key, _ => new HashSet<long>());
        foreach (var edge in edges)
        {
            neighbours[edge.FromKey].Add(edge.ToKey);
            neighbours[edge.ToKey].Add(edge.FromKey);
        }

        var shared = new List<OracleShared>();
        foreach (var node in nodes)
        {
            var maxLinks = rules.Type(node.Type).MaxLinks;
            if (maxLinks.Count == 0)
                continue;
            var links = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var neighbour in neighbours[node.Key].Select(k => nodes[(int)k - 1]))
                links[neighbour.Type] = links.GetValueOrDefault(neighbour.Type) + 1;
            if (maxLinks.Any(m => links.GetValueOrDefault(m.Key) > m.Value))
                shared.Add(new OracleShared(node.Key, node.Type, node.Value, links));
        }

        return shared;
    }

    /// <summary>
    /// Section 6, literally: every node alone; edges in order (larger priority number of the endpoints,
    /// first_seen, smaller key, larger key); join unless a limit would break. Each profile keeps its member list
    /// and its count per type; a join moves the smaller list into the larger (only to stay fast on 10^4-node
    /// paths). Which handle survives does not matter: the canonical member is picked from the members later.
    /// </summary>
    private static (Dictionary<long, long> ProfileOf, List<OracleRefusal> Refused) SplitByLimits(
        IdentityRules rules, List<OracleNode> nodes, List<OracleEdge> edges)
    {
        int PriorityOf(long key) => rules.Type(nodes[(int)key - 1].Type).Priority;
        var limitedTypes = rules.Types
            .Where(t => t.Limit is not null)
            .OrderBy(t => t.Priority)
            .ThenBy(t => t.Name, Utf8Order.Instance)
            .ToList();

        var profileOf = nodes.ToDictionary(n => n.Key, n => n.Key);
        var members = nodes.ToDictionary(n => n.Key, n => new List<long> { n.Key });
        var counts = nodes.ToDictionary(n => n.Key, n => new Dictionary<string, int> { [n.Type] = 1 });
        var refused = new List<OracleRefusal>();
        var ordered = edges
            .OrderBy(e => Math.Max(PriorityOf(e.FromKey), PriorityOf(e.ToKey)))
            .ThenBy(e => e.FirstSeen)
            .ThenBy(e => e.FromKey)
            .ThenBy(e => e.ToKey);
        foreach (var edge in ordered)
        {
            var a = profileOf[edge.FromKey];
            var b = profileOf[edge.ToKey];
            if (a == b)
                continue;
            var broken = limitedTypes.FirstOrDefault(t =>
                counts[a].GetValueOrDefault(t.Name) + counts[b].GetValueOrDefault(t.Name) > t.Limit);
            if (broken is not null)
            {
                refused.Add(new OracleRefusal(edge.FromKey, edge.ToKey, broken.Name));
                continue;
            }

            var (keep, absorb) = members[a].Count >= members[b].Count ? (a, b) : (b, a);
            foreach (var member in members[absorb])
                profileOf[member] = keep;
            members[keep].AddRange(members[absorb]);
            foreach (var (type, count) in counts[absorb])
                counts[keep][type] = counts[keep].GetValueOrDefault(type) + count;
            members.Remove(absorb);
            counts.Remove(absorb);
        }

        return (profileOf, refused);
    }

    /// <summary>Sections 7-8 for one profile whose members are in node order.</summary>
    private static OracleProfile BuildProfile(IdentityRules rules, List<OracleNode> members)
    {
        var canonical = members[0];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{canonical.Type}:{canonical.Value}"));
        var profileId = "pf_" + string.Concat(hash.Select(b => b.ToString("x2")))[..20];

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
            counts[member.Type] = counts.GetValueOrDefault(member.Type) + 1;

        List<string> Usable(string type) =>
            members.Where(m => m.Type == type && UsableInAmplitude(rules, m.Value)).Select(m => m.Value).ToList();
        var userIds = Usable(rules.AmplitudeUserIdType);
        var deviceIds = userIds.Count > 0 ? [] : Usable(rules.AmplitudeDeviceIdType);

        return new OracleProfile(
            profileId,
            canonical.Key,
            canonical.Type,
            canonical.Value,
            counts,
            members.Min(m => m.FirstSeen),
            members.Max(m => m.LastSeen),
            userIds,
            deviceIds);
    }
}
