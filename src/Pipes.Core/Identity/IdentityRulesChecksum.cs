using System.Security.Cryptography;
using System.Text.Json;

namespace Pipes.Core.Identity;

/// <summary>
/// A fingerprint of everything that decides the identity graph and the profiles: every id type's rule, the global
/// exclusions, the built-in placeholders, the Amplitude settings and each input's declarations (its relation, its
/// observed_at column, its identifier columns). Stored in <c>pipes_id_state</c> after each run; a different value on
/// the next run means the rules changed, so that run rebuilds everything and says so. Written as JSON in a fixed
/// order, so the text is unambiguous and the same on every machine; positions in the YAML are left out (moving a
/// block is not a change).
/// </summary>
public static class IdentityRulesChecksum
{
    /// <summary>The first 32 lowercase hex digits of SHA-256 of the canonical JSON.</summary>
    public static string Of(IdentityProject identity) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson(identity)))[..32];

    public static byte[] CanonicalJson(IdentityProject identity)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            var rules = identity.Rules;
            w.WriteStartObject();
            w.WriteStartArray("types");
            foreach (var t in rules.TypesInPriorityOrder()) Type(w, t);
            w.WriteEndArray();
            Exclusions(w, "exclude", rules.GlobalExclusions);
            Strings(w, "placeholders", IdentityPlaceholders.Values);
            w.WriteNumber("amplitude_min_id_length", rules.AmplitudeMinIdLength);
            w.WriteString("amplitude_user_type", rules.AmplitudeUserIdType);
            w.WriteString("amplitude_device_type", rules.AmplitudeDeviceIdType);
            w.WriteStartArray("inputs");
            foreach (var input in identity.Inputs)
            {
                w.WriteStartObject();
                w.WriteString("input", input.Label);
                w.WriteString("observed_at", input.Declarations.ObservedAt?.Value);
                w.WriteStartArray("identifiers");
                foreach (var id in input.Declarations.Identifiers)
                {
                    w.WriteStartObject();
                    w.WriteString("column", id.Column.Value);
                    w.WriteString("path", id.Path?.Value);
                    w.WriteBoolean("each", id.Each);
                    w.WriteString("type", id.Type.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Type(Utf8JsonWriter w, IdTypeRule t)
    {
        w.WriteStartObject();
        w.WriteString("name", t.Name);
        w.WriteNumber("priority", t.Priority);
        Number(w, "limit", t.Limit);
        Number(w, "min_length", t.MinLength);
        Number(w, "max_length", t.MaxLength);
        w.WriteString("pattern", t.Pattern);
        w.WriteStartArray("normalize");
        foreach (var n in t.Normalizers)
        {
            w.WriteStartObject();
            w.WriteString("kind", n.Kind.ToString());
            w.WriteString("pattern", n.Pattern);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Exclusions(w, "exclude", t.Exclusions);
        w.WriteStartObject("max_links");
        foreach (var (other, n) in t.MaxLinks.OrderBy(m => m.Key, StringComparer.Ordinal)) w.WriteNumber(other, n);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Exclusions(Utf8JsonWriter w, string name, IdExclusions exclusions)
    {
        w.WriteStartObject(name);
        // Sets: their order in the YAML decides nothing.
        Strings(w, "values", exclusions.Values.Order(StringComparer.Ordinal));
        Strings(w, "patterns", exclusions.Patterns.Order(StringComparer.Ordinal));
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
