namespace Pipes.Bench.SampleData;

/// <summary>A person of the sample population; the same person shows up in several seed files.</summary>
internal sealed class SamplePerson
{
    public required int Index { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string WorkEmail { get; init; }
    public string? PersonalEmail { get; init; }
    /// <summary>Product user id (u_000123); null for CRM-only leads.</summary>
    public string? UserId { get; init; }
    public List<SampleAccount> Accounts { get; } = [];
    public List<string> Devices { get; } = [];
}

/// <summary>A company account, shared by product accounts, CRM and billing.</summary>
internal sealed class SampleAccount
{
    public required string Id { get; init; }
    public required string Domain { get; init; }
    public required string Plan { get; init; }
    /// <summary>False for CRM-only prospects that never signed up.</summary>
    public required bool InProduct { get; init; }
    public List<SamplePerson> Members { get; } = [];
    public List<SampleCustomer> Customers { get; } = [];
}

/// <summary>A billing customer: of an account, or an orphan (legacy, or a lead billed outside the product).</summary>
internal sealed class SampleCustomer
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string Plan { get; init; }
    public required int Seats { get; init; }
    public SampleAccount? Account { get; init; }
}

/// <summary>The population all four seed files are drawn from.</summary>
internal sealed record SampleWorld(
    IReadOnlyList<SamplePerson> Members,
    IReadOnlyList<SamplePerson> Leads,
    IReadOnlyList<SampleAccount> Accounts,
    IReadOnlyList<SampleCustomer> Customers);
