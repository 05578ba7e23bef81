namespace Pipes.Bench.SampleData;

public static partial class SampleDataGenerator
{
    private static readonly string[] ProductHeader = ["user_id", "account_id", "customer_id", "role", "created_at"];

    private static void WriteProductAccounts(string path, SampleWorld world, Random rng)
    {
        var from = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 2, 28, 0, 0, 0, DateTimeKind.Utc);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var account in world.Accounts.Where(a => a.InProduct))
        {
            var created = RandomTime(rng, from, to);
            for (var m = 0; m < account.Members.Count; m++)
            {
                var role = m == 0 ? "owner" : rng.NextDouble() < 0.2 ? "admin" : "member";
                var customer = account.Customers.Count == 0 || rng.NextDouble() < 0.08 ? "" : account.Customers[m % account.Customers.Count].Id;
                var joined = m == 0 ? created : RandomTime(rng, created, to.AddDays(25));
                rows.Add([account.Members[m].UserId!, account.Id, customer, role, Iso(joined)]);
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a[0] + a[1], b[0] + b[1]));
        CsvFile.Write(path, ProductHeader, rows);
    }
}
