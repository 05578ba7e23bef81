using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipes.Bench.SampleData;

/// <summary>
/// Writes the sample seeds (amplitude_events, amplitude_merged_ids, crm_contacts, billing_customers, product_accounts) deterministically:
/// the same seed gives byte-identical files. The people overlap across files, and the values are dirty on purpose;
/// see docs/sample-data.md.
/// </summary>
public static partial class SampleDataGenerator
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string seedsDirectory, int seed = 42)
    {
        Directory.CreateDirectory(seedsDirectory);
        var world = SampleWorldBuilder.Build(new Random(seed));

        // One Random per file, so changing one file's rules does not reshuffle the others.
        WriteEvents(Path.Combine(seedsDirectory, "amplitude_events.csv"), Path.Combine(seedsDirectory, "amplitude_merged_ids.csv"), world, new Random(seed + 1));
        WriteCrmContacts(Path.Combine(seedsDirectory, "crm_contacts.csv"), world, new Random(seed + 2));
        WriteBillingCustomers(Path.Combine(seedsDirectory, "billing_customers.csv"), world, new Random(seed + 3));
        WriteProductAccounts(Path.Combine(seedsDirectory, "product_accounts.csv"), world, new Random(seed + 4));
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTime RandomTime(Random rng, DateTime from, DateTime to) =>
        from.AddSeconds(Math.Floor(rng.NextDouble() * (to - from).TotalSeconds / 60) * 60);

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>The same address as people type it: Title.Case@Example.com, UPPER, or as stored.</summary>
    private static string CaseVariant(Random rng, string email)
    {
        var roll = rng.NextDouble();
        if (roll < 0.55)
        {
            return email;
        }

        if (roll < 0.85)
        {
            var title = new StringBuilder(email.Length);
            for (var i = 0; i < email.Length; i++)
            {
                var start = i == 0 || email[i - 1] is '.' or '@';
                title.Append(start ? char.ToUpperInvariant(email[i]) : email[i]);
            }

            return title.ToString();
        }

        return email.ToUpperInvariant();
    }

    /// <summary>A JSON object text with properties in the given order (no JSON library ordering surprises).</summary>
    private static string JsonObject(params (string Key, string? Value)[] properties)
    {
        var parts = properties.Where(p => p.Value is not null)
            .Select(p => $"{JsonSerializer.Serialize(p.Key, JsonOptions)}:{JsonSerializer.Serialize(p.Value, JsonOptions)}");
        return "{" + string.Join(",", parts) + "}";
    }

    private static string JsonArray(IEnumerable<string> values) =>
        "[" + string.Join(",", values.Select(v => JsonSerializer.Serialize(v, JsonOptions))) + "]";
}
