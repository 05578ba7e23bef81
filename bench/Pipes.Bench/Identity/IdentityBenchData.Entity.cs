using System.Globalization;

namespace Pipes.Bench.Identity;

/// <summary>
/// The entity-heavy shape (issue 14): five inputs of one row per entity (an order, a visit, a ticket, a payment, a
/// signup), each row its own entity key (the strongest types, so each row's hub) plus email / phone / loyalty
/// identifiers of one of n × 12% people (1.2M at 10M rows), each present with a per-input probability: about two
/// shared identifiers per row, so about two edges per row; 5% of rows carry none and stay their own profile. No
/// limits, so no split. Deterministic: hash() of the row number and a fixed seed.
/// </summary>
public static partial class IdentityBenchData
{
    public static string EntityRules => """
        identity:
          id_types:
            order_id:   {priority: 1}
            visit_id:   {priority: 2}
            ticket_id:  {priority: 3}
            payment_id: {priority: 4}
            signup_id:  {priority: 5}
            email:      {priority: 6, normalize: [lowercase]}
            phone:      {priority: 7}
            loyalty_id: {priority: 8}
        sources:
          - name: raw
            schema: main
            tables:
        """ + "\n" + EntitySourceTables;

    /// <summary>Per input: name, key type, key prefix, and the percent of rows carrying an email, a phone, a loyalty id.</summary>
    private static readonly (string Table, string KeyType, string Prefix, int Email, int Phone, int Loyalty)[] EntityInputs =
    [
        ("orders", "order_id", "ord", 95, 80, 40),
        ("visits", "visit_id", "vis", 70, 40, 90),
        ("tickets", "ticket_id", "tic", 60, 95, 40),
        ("payments", "payment_id", "pay", 50, 80, 85),
        ("signups", "signup_id", "sig", 95, 85, 30),
    ];

    private static string EntitySourceTables => string.Concat(EntityInputs.Select(i => $$"""
              - name: {{i.Table}}
                observed_at: created_at
                identifiers:
                  - {column: {{i.KeyType}}, type: {{i.KeyType}}}
                  - {column: email, type: email}
                  - {column: phone, type: phone}
                  - {column: loyalty_id, type: loyalty_id}

        """));

    public const int EntitySeed = 14;

    /// <summary>Total rows across the five inputs (2M each at 10M); people = rows × 12%.</summary>
    public static IReadOnlyList<string> EntityHeavy(long rows)
    {
        var perInput = rows / EntityInputs.Length;
        var people = Math.Max(rows * 12 / 100, 10);
        return EntityInputs.Select((input, n) => string.Create(CultureInfo.InvariantCulture, $"""
            CREATE OR REPLACE TABLE {input.Table} AS
            WITH r AS (
              SELECT i, hash(i * 5 + {n} + {EntitySeed} * 1000003) AS h, hash(i * 5 + {n} + {EntitySeed} * 7919) % {people} AS p
              FROM range({perInput}) AS t(i)
            )
            SELECT
              '{input.Prefix}' || CAST(i AS VARCHAR) AS {input.KeyType},
              TIMESTAMP '2025-01-01' + to_seconds(CAST(h % 31536000 AS BIGINT)) AS created_at,
              CASE WHEN (h >> 8) % 100 < {input.Email} AND h % 20 <> 0
                THEN CASE WHEN (h >> 40) % 4 = 0 THEN 'P' ELSE 'p' END || CAST(p AS VARCHAR) || '@mail.com' END AS email,
              CASE WHEN (h >> 16) % 100 < {input.Phone} AND h % 20 <> 0 THEN '+1' || lpad(CAST(p AS VARCHAR), 10, '0') END AS phone,
              CASE WHEN (h >> 24) % 100 < {input.Loyalty} AND h % 20 <> 0 THEN 'L' || CAST(p AS VARCHAR) END AS loyalty_id
            FROM r
            """)).ToList();
    }

    /// <summary>The five source tables.</summary>
    public static IEnumerable<string> EntityTables => EntityInputs.Select(i => i.Table);

}
