using System.Globalization;
using System.Text;

namespace Pipes.Bench.SampleData;

/// <summary>Builds the population: 300 product accounts with ~560 members, ~200 CRM-only leads, ~500 customers.</summary>
internal static class SampleWorldBuilder
{
    public const int AccountCount = 300;
    public const int MemberCount = 560;
    public const int LeadCount = 200;
    public const int LeadAccountCount = 90;

    private static readonly string[] FirstNames =
    [
        "Ann", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kara", "Liam", "Maya", "Noah",
        "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoë", "Aaron",
        "Bianca", "Carlos", "Dana", "Elif", "Felix", "Gita", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nora",
    ];

    private static readonly string[] LastNames =
    [
        "Lee", "Smith", "García", "Müller", "Nguyen", "Kowalski", "O'Brien", "Patel", "Rossi", "Tanaka", "Okafor",
        "Johansson", "Dubois", "Silva", "Novak", "Cohen", "Kim", "Haddad", "Larsen", "Moreau", "Singh", "Brown",
        "Ivanova", "Costa", "Fischer", "Yilmaz", "Walsh", "Chen", "Andersen", "Reyes",
    ];

    private static readonly string[] CompanyWords =
    [
        "north", "wind", "blue", "harbor", "acme", "globex", "initech", "umbrella", "stark", "wayne", "pied", "piper",
        "hooli", "vandelay", "soylent", "cyber", "dyne", "tyrell", "wonka", "oscorp", "aperture", "black", "mesa",
        "gringotts", "monarch", "nakatomi", "sirius", "veridian", "zenith", "orbit", "lumen", "quanta",
    ];

    private static readonly string[] Tlds = ["com", "io", "co", "dev", "de", "fr", "co.uk"];
    private static readonly string[] PersonalDomains = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me"];
    private static readonly string[] Plans = ["free", "free", "starter", "starter", "pro", "pro", "pro", "enterprise"];

    public static SampleWorld Build(Random rng)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var accounts = Enumerable.Range(0, AccountCount).Select(i => NewAccount(rng, $"acct_{10000 + i}", true)).ToList();
        var leadAccounts = Enumerable.Range(0, LeadAccountCount).Select(i => NewAccount(rng, $"acct_{20000 + i}", false)).ToList();

        var members = new List<SamplePerson>();
        for (var i = 0; i < MemberCount; i++)
        {
            // Every account gets one member first; the rest skew toward the first (larger) accounts.
            var account = i < AccountCount ? accounts[i] : accounts[rng.Next(rng.Next(1, AccountCount))];
            var person = NewPerson(rng, emails, i, account.Domain, $"u_{(i * 7) + 101:D6}");
            Join(person, account);
            members.Add(person);
        }

        // Consultants and agencies: ~40 members also belong to a second account.
        for (var i = 0; i < 40; i++)
        {
            var person = members[rng.Next(members.Count)];
            var second = accounts[rng.Next(AccountCount)];
            if (!person.Accounts.Contains(second))
            {
                Join(person, second);
            }
        }

        var leads = new List<SamplePerson>();
        for (var i = 0; i < LeadCount; i++)
        {
            var account = leadAccounts[i < LeadAccountCount ? i : rng.Next(LeadAccountCount)];
            var person = NewPerson(rng, emails, MemberCount + i, account.Domain, userId: null);
            person.Accounts.Add(account);
            account.Members.Add(person);
            leads.Add(person);
        }

        foreach (var person in members)
        {
            var devices = 1 + (rng.NextDouble() < 0.35 ? 1 : 0) + (rng.NextDouble() < 0.15 ? 1 : 0);
            for (var d = 0; d < devices; d++)
            {
                person.Devices.Add(DeviceId(rng));
            }
        }

        var customers = BuildCustomers(rng, accounts, leads);
        return new SampleWorld(members, leads, accounts.Concat(leadAccounts).ToList(), customers);
    }

    public static string DeviceId(Random rng)
    {
        var hex = new StringBuilder(36);
        foreach (var length in (int[])[8, 4, 4, 4, 12])
        {
            if (hex.Length > 0)
            {
                hex.Append('-');
            }

            for (var i = 0; i < length; i++)
            {
                hex.Append("0123456789abcdef"[rng.Next(16)]);
            }
        }

        return hex.ToString();
    }

    private static List<SampleCustomer> BuildCustomers(Random rng, List<SampleAccount> accounts, List<SamplePerson> leads)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var customers = new List<SampleCustomer>();
        foreach (var account in accounts)
        {
            var roll = rng.NextDouble();
            var count = roll < 0.10 ? 0 : roll < 0.62 ? 1 : roll < 0.88 ? 2 : 3;
            for (var c = 0; c < count; c++)
            {
                var contact = account.Members[c % account.Members.Count];
                var email = contact.PersonalEmail is not null && rng.NextDouble() < 0.25 ? contact.PersonalEmail : contact.WorkEmail;
                var plan = c == 0 ? account.Plan : Plans[rng.Next(Plans.Length)];
                var customer = new SampleCustomer
                {
                    Id = CustomerId(rng, ids), Email = email, Plan = plan, Account = account,
                    Seats = plan == "free" ? 1 : Math.Max(1, account.Members.Count + rng.Next(0, 12)),
                };
                account.Customers.Add(customer);
                customers.Add(customer);
            }
        }

        // Legacy customers with no product account: some are CRM leads, some are strangers.
        for (var i = 0; i < 70; i++)
        {
            var email = i < 40
                ? leads[rng.Next(leads.Count)].WorkEmail
                : $"{FirstNames[rng.Next(FirstNames.Length)].ToLowerInvariant()}{rng.Next(100, 999)}@{PersonalDomains[rng.Next(PersonalDomains.Length)]}";
            customers.Add(new SampleCustomer
            {
                Id = CustomerId(rng, ids), Email = Ascii(email), Plan = Plans[rng.Next(Plans.Length)], Seats = rng.Next(1, 6),
            });
        }

        return customers;
    }

    private static SampleAccount NewAccount(Random rng, string id, bool inProduct)
    {
        var word = CompanyWords[rng.Next(CompanyWords.Length)] + (rng.NextDouble() < 0.5 ? CompanyWords[rng.Next(CompanyWords.Length)] : "");
        var domain = $"{word}{id[^3..]}.{Tlds[rng.Next(Tlds.Length)]}";
        return new SampleAccount { Id = id, Domain = domain, Plan = Plans[rng.Next(Plans.Length)], InProduct = inProduct };
    }

    private static SamplePerson NewPerson(Random rng, HashSet<string> emails, int index, string domain, string? userId)
    {
        var first = FirstNames[rng.Next(FirstNames.Length)];
        var last = LastNames[rng.Next(LastNames.Length)];
        var local = rng.NextDouble() < 0.7 ? $"{Ascii(first)}.{Ascii(last)}" : $"{Ascii(first)[0]}{Ascii(last)}";
        var work = Unique(emails, local, domain);
        string? personal = null;
        if (rng.NextDouble() < 0.35)
        {
            personal = Unique(emails, $"{Ascii(first)}{Ascii(last)}{rng.Next(1, 99)}", PersonalDomains[rng.Next(PersonalDomains.Length)]);
        }

        return new SamplePerson
        {
            Index = index, FirstName = first, LastName = last, WorkEmail = work, PersonalEmail = personal, UserId = userId,
        };
    }

    private static void Join(SamplePerson person, SampleAccount account)
    {
        person.Accounts.Add(account);
        account.Members.Add(person);
    }

    private static string Unique(HashSet<string> emails, string local, string domain)
    {
        var email = $"{local}@{domain}";
        for (var n = 2; !emails.Add(email); n++)
        {
            email = $"{local}{n}@{domain}";
        }

        return email;
    }

    private static string CustomerId(Random rng, HashSet<string> ids)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        string id;
        do
        {
            id = "cus_" + new string(Enumerable.Range(0, 10).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
        }
        while (!ids.Add(id));
        return id;
    }

    /// <summary>Lower-case ASCII for email local parts: "Chloé" -> "chloe", "O'Brien" -> "obrien".</summary>
    internal static string Ascii(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (ch == 'ß')
            {
                ascii.Append("ss");
            }
            else if (ch < 128 && (char.IsLetterOrDigit(ch) || ch is '.' or '@' or '-' or '_' or '+'))
            {
                ascii.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            }
        }

        return ascii.ToString();
    }
}
