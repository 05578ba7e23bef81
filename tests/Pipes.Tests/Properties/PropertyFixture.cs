using Pipes.Tests.TestKit;

namespace Pipes.Tests.Properties;

/// <summary>
/// Two known people (u_0001 ann@x.com, u_0002 bob@x.com) and facts about them keyed by email with case variants,
/// ties, dirty values and one unknown email, one column per type and survivorship rule.
/// </summary>
public static class PropertyFixture
{
    public const string Facts =
        "email,updated_at,stage,first_stage,common_stage,ltv,seats,flag,renewal,tags,meta,contact\n" +
        "\" ANN@x.com\",2026-01-01T00:00:00Z,trial,trial,won,\"1,234.50\",3,yes,2026-07-01,\"[\"\"a\"\"]\",\"{\"\"k\"\":1}\",c1\n" +
        "ann@x.com,2026-02-01T00:00:00Z,won,won,won,n/a,5,no,1785542400,not-json,\"{\"\"k\"\":2}\",c2\n" +
        "ann@x.com,2026-02-01T00:00:00Z,lost,lost,lost,10,12.5,maybe,soon,\"[\"\"b\"\"]\",[1],c3\n" +
        "bob@x.com,,prospect,prospect,prospect,5,2,Y,1782864000000,,,c4\n" +
        "ghost@x.com,2026-01-01T00:00:00Z,won,won,won,1,1,1,2026-01-01,,,c5\n";

    public static TestProject Create(string? destinations = null) => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: props\nprofile: p\n",
        ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n    prod: {type: snowflake, account: acme-x, user: u, database: DB, schema: PIPES}\n",
        ["seeds/accounts.csv"] = "user_id,email\nu_0001,ann@x.com\nu_0002,bob@x.com\n",
        ["seeds/facts.csv"] = Facts,
        ["models/identity.yml"] = """
            identity:
              id_types:
                user_id: {priority: 1, limit: 1}
                email: {priority: 2, limit: 3, normalize: [lowercase]}
            seeds:
              - name: accounts
                identifiers:
                  - {column: user_id, type: user_id}
                  - {column: email, type: email}
              - name: facts
                config:
                  column_types: {ltv: string, seats: string, flag: string, renewal: string, tags: string, meta: string}
            """,
        ["models/properties.yml"] = """
            properties:
              - name: facts
                from: facts
                key: {column: email, type: email}
                updated_at: updated_at
                columns:
                  stage: {type: string}
                  first_stage: {type: string, survivorship: earliest}
                  common_stage: {type: string, survivorship: most_frequent}
                  ltv: {type: number, survivorship: sum}
                  seats: {type: integer, survivorship: max}
                  flag: {type: boolean, survivorship: any_true}
                  renewal: {type: datetime}
                  tags: {type: array}
                  meta: {type: object, amplitude: Meta Data}
                  contact: {type: string, survivorship: count, amplitude: Contacts}
            """ + (destinations ?? ""),
    });
}
