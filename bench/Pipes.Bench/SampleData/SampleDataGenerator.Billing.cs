using System.Globalization;

namespace Pipes.Bench.SampleData;

public static partial class SampleDataGenerator
{
    private static readonly string[] BillingHeader = ["customer_id", "email", "plan", "mrr", "seats", "billing_status", "updated_at"];
    private static readonly string[] Statuses = ["active", "active", "active", "active", "active", "past_due", "canceled"];

    private static void WriteBillingCustomers(string path, SampleWorld world, Random rng)
    {
        var from = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc);
        var rows = world.Customers.Select(c => (IReadOnlyList<string>)
        [
            c.Id, BillingEmail(rng, c.Email), c.Plan, Mrr(rng, c), Seats(rng, c.Seats),
            c.Account is null ? Pick(rng, ["canceled", "canceled", "active"]) : Pick(rng, Statuses), Iso(RandomTime(rng, from, to)),
        ]).ToList();
        CsvFile.Write(path, BillingHeader, rows);
    }

    private static string BillingEmail(Random rng, string email) => rng.NextDouble() switch
    {
        < 0.03 => "",
        < 0.10 => email.ToUpperInvariant(),
        < 0.14 => $"{email} ",
        _ => email,
    };

    private static string Mrr(Random rng, SampleCustomer customer)
    {
        var perSeat = customer.Plan switch { "starter" => 29m, "pro" => 59m, "enterprise" => 99m, _ => 0m };
        var mrr = perSeat * customer.Seats * (rng.NextDouble() < 0.2 ? 0.8m : 1m);
        return rng.NextDouble() switch
        {
            < 0.75 => mrr.ToString("0.00", CultureInfo.InvariantCulture),
            < 0.83 => mrr.ToString("0.##", CultureInfo.InvariantCulture),
            < 0.89 => mrr.ToString("#,##0.00", CultureInfo.InvariantCulture),
            < 0.93 => "$" + mrr.ToString("0.00", CultureInfo.InvariantCulture),
            < 0.96 => "n/a",
            _ => "",
        };
    }

    private static string Seats(Random rng, int seats) => rng.NextDouble() switch
    {
        < 0.82 => seats.ToString(CultureInfo.InvariantCulture),
        < 0.88 => $"{seats} seats",
        < 0.92 => $"{seats}.0",
        < 0.95 => $" {seats}",
        < 0.97 => "unlimited",
        _ => "",
    };
}
