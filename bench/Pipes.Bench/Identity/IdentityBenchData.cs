using System.Globalization;

namespace Pipes.Bench.Identity;

/// <summary>
/// Realistic identity data written straight into DuckDB with SQL (range() + hash(), no host round trip), and the
/// project files that declare it. Shapes: multi-device users, anonymous sessions of known users, anonymous-only
/// visitors, CRM emails with case and space variants, households sharing an email, billing customers, a few kiosk
/// devices shared by many users, and placeholder ids.
/// </summary>
public static partial class IdentityBenchData
{
    public const string Rules = """
        identity:
          id_types:
            user_id:     {priority: 1, limit: 1, min_length: 5}
            email:       {priority: 2, limit: 3, normalize: [lowercase], pattern: '^[^@[:space:]]+@[^@[:space:]]+$'}
            account_id:  {priority: 3, limit: 1}
            customer_id: {priority: 4, limit: 2}
            device_id:   {priority: 5, limit: 50, max_links: {user_id: 3}}
          exclude:
            - 'test@example.com'
        """ + "\n";

    /// <summary>
    /// n more global exclusion values, as YAML lines under <see cref="Rules"/>'s <c>exclude:</c> list: the first 100 are
    /// emails of generated users, the rest values no row has (what a long blocklist looks like).
    /// </summary>
    public static string MoreExclusions(int n) => string.Concat(Enumerable.Range(0, n).Select(i => i < 100
        ? string.Create(CultureInfo.InvariantCulture, $"    - 'user{i * 2}@mail.com'\n")
        : string.Create(CultureInfo.InvariantCulture, $"    - 'blocked{i:D6}'\n")));

    public const string RealisticSources = """
        sources:
          - name: raw
            schema: main
            tables:
              - name: events
                observed_at: event_time
                incremental: {lookback: 3 days}
                identifiers:
                  - {column: user_id, type: user_id}
                  - {column: device_id, type: device_id}
                  - {column: user_properties, path: email, type: email}
              - name: crm
                observed_at: updated_at
                identifiers:
                  - {column: email, type: email}
                  - {column: account_id, type: account_id}
                  - {column: alt_emails, each: true, type: email}
              - name: billing
                observed_at: updated_at
                identifiers:
                  - {column: customer_id, type: customer_id}
                  - {column: email, type: email}
        """;

    public const string ChainRules = """
        identity:
          id_types:
            anon_id: {priority: 1}
        sources:
          - name: raw
            schema: main
            tables:
              - name: chain
                identifiers:
                  - {column: a, type: anon_id}
                  - {column: b, type: anon_id}
        """;

    /// <summary>Events, then CRM (one contact per two users) and billing (one customer per four users); ~25 events per user.</summary>
    public static IReadOnlyList<string> Realistic(long events)
    {
        var users = Math.Max(events / 25, 10);
        string U(string expr) => $"'u' || lpad(CAST({expr} AS VARCHAR), 9, '0')";
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"""
            CREATE OR REPLACE TABLE events AS
            WITH r AS (
              SELECT i, hash(i) AS h1, hash(i * 7 + 1) AS h2, hash(i * 13 + 5) AS h3, hash(i) % {users} AS u FROM range({events}) AS t(i)
            )
            SELECT
              i AS event_id,
              TIMESTAMP '2025-01-01' + to_seconds(CAST(h1 % 31536000 AS BIGINT)) AS event_time,
              CASE
                WHEN h3 % 1000 BETWEEN 2 AND 6 THEN (['null', 'undefined', '0', 'anonymous', 'N/A'])[CAST(h3 % 5 AS INTEGER) + 1]
                WHEN h2 % 100 < 32 THEN NULL
                ELSE {U("u")}
              END AS user_id,
              CASE
                WHEN h3 % 1000 < 2 THEN 'kiosk-' || CAST(h3 % 20 AS VARCHAR)
                WHEN h3 % 1000 BETWEEN 7 AND 11 THEN '00000000-0000-0000-0000-000000000000'
                WHEN h2 % 100 BETWEEN 25 AND 31 THEN 'anon-' || CAST((h2 >> 8) % {users * 2} AS VARCHAR)
                ELSE 'dev-' || CAST(u AS VARCHAR) || '-' || CAST((h2 >> 20) % 3 AS VARCHAR)
              END AS device_id,
              CASE
                WHEN h2 % 100 >= 32 AND h3 % 10 = 0
                THEN json_object('email', CASE WHEN (h3 >> 8) % 3 = 0 THEN upper('user' || CAST(u AS VARCHAR) || '@mail.com') ELSE 'user' || CAST(u AS VARCHAR) || '@mail.com' END)
                ELSE json_object('plan', 'free')
              END AS user_properties
            FROM r
            """),
            string.Create(CultureInfo.InvariantCulture, $"""
            CREATE OR REPLACE TABLE crm AS
            SELECT
              'ct' || CAST(c AS VARCHAR) AS contact_id,
              CASE c % 4 WHEN 0 THEN ' User' || CAST(c * 2 AS VARCHAR) || '@Mail.com ' ELSE 'user' || CAST(c * 2 AS VARCHAR) || '@mail.com' END AS email,
              'acct' || CAST(c * 2 AS VARCHAR) AS account_id,
              CASE c % 10
                WHEN 0 THEN ['home' || CAST(c // 30 AS VARCHAR) || '@family.net']
                WHEN 1 THEN ['user' || CAST(c * 2 AS VARCHAR) || '.work@corp.com', 'test@example.com']
                ELSE CAST([] AS VARCHAR[])
              END AS alt_emails,
              TIMESTAMP '2024-06-01' + to_seconds(CAST(hash(c) % 31536000 AS BIGINT)) AS updated_at
            FROM range({users / 2}) AS t(c)
            """),
            string.Create(CultureInfo.InvariantCulture, $"""
            CREATE OR REPLACE TABLE billing AS
            SELECT
              'cus' || CAST(b * 4 AS VARCHAR) AS customer_id,
              'user' || CAST(b * 4 AS VARCHAR) || '@mail.com' AS email,
              TIMESTAMP '2024-09-01' + to_seconds(CAST(hash(b + 99) % 31536000 AS BIGINT)) AS updated_at
            FROM range({users / 4}) AS t(b)
            """),
        ];
    }

    /// <summary>
    /// n new event rows appended to <see cref="Realistic"/>'s events: 80% after every existing event (new devices of
    /// existing users, new anonymous devices), 10% late (a day before the latest event, inside the 3-day lookback), 10%
    /// logging an existing user in on another existing user's device (merging their profiles, or crossing max_links).
    /// </summary>
    public static IReadOnlyList<string> NewEvents(long events, long n)
    {
        var users = Math.Max(events / 25, 10);
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO events
            WITH r AS (SELECT i, hash(i + 77777) AS h1, hash(i * 11 + 3) AS h2, hash(i + 99) % {users} AS u FROM range({n}) AS t(i)),
            latest AS (SELECT MAX(event_time) AS t FROM events)
            SELECT
              {events} + i,
              CASE WHEN i % 10 = 0 THEN latest.t - INTERVAL 1 DAY ELSE latest.t + to_seconds(CAST(1 + h1 % 3600 AS BIGINT)) END,
              CASE WHEN h2 % 100 < 30 THEN NULL ELSE 'u' || lpad(CAST(u AS VARCHAR), 9, '0') END,
              CASE
                WHEN i % 10 = 1 THEN 'dev-' || CAST((u + 1) % {users} AS VARCHAR) || '-0'
                WHEN h2 % 100 < 30 THEN 'anon-new-' || CAST(i AS VARCHAR)
                ELSE 'dev-' || CAST(u AS VARCHAR) || '-new'
              END,
              json_object('plan', 'free')
            FROM r, latest
            """),
        ];
    }

    /// <summary>A path of n ids in one table, links in shuffled row order and ids labelled in shuffled order (i * 7919 mod n).</summary>
    public static IReadOnlyList<string> Chain(long n) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"""
        CREATE OR REPLACE TABLE chain AS
        SELECT 'c' || lpad(CAST((i * 7919) % {n} AS VARCHAR), 8, '0') AS a, 'c' || lpad(CAST(((i + 1) * 7919) % {n} AS VARCHAR), 8, '0') AS b
        FROM range({n - 1}) AS t(i)
        ORDER BY hash(i)
        """),
    ];
}
