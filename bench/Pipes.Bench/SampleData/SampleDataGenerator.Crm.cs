using System.Globalization;

namespace Pipes.Bench.SampleData;

public static partial class SampleDataGenerator
{
    private static readonly string[] CrmHeader =
        ["contact_id", "email", "account_id", "first_name", "deal_stage", "ltv_estimate", "is_enterprise", "renewal_date", "alt_emails", "updated_at"];

    private static readonly string[] EnterpriseFlags = ["yes", "no", "no", "Y", "N", "1", "0", "true", "no", "maybe"];
    private static readonly string[] PlaceholderEmails = ["test@example.com", "TEST@example.com", "n/a", "", "", "none", "noemail@noemail.com"];
    private static readonly string[] Households = ["the.garcias@gmail.com", "smithfamily@outlook.com", "nguyen.home@yahoo.com", "casa.rossi@icloud.com"];

    private sealed record CrmRow(string Email, string AccountId, string FirstName, string Stage, DateTime UpdatedAt, string AltEmails);

    private static void WriteCrmContacts(string path, SampleWorld world, Random rng)
    {
        var contacts = new List<CrmRow>();
        var from = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc);

        foreach (var person in world.Members.Where(_ => rng.NextDouble() < 0.9))
        {
            var account = person.Accounts[0];
            var stage = account.Customers.Count == 0 ? Pick(rng, ["trial", "negotiation", "closed_lost"]) : rng.NextDouble() < 0.85 ? "closed_won" : "negotiation";
            var accountId = rng.NextDouble() < 0.03 ? "" : account.Id;
            contacts.Add(new(CrmEmail(rng, person.WorkEmail), accountId, person.FirstName, stage, RandomTime(rng, from, to), AltEmails(rng, person)));

            // Duplicate contact: the same person entered again by another rep, different casing and a newer stage.
            if (rng.NextDouble() < 0.08)
            {
                contacts.Add(new(CrmEmail(rng, person.WorkEmail.ToUpperInvariant()), account.Id, person.FirstName, Pick(rng, ["trial", "closed_won"]), RandomTime(rng, from, to), ""));
            }
        }

        foreach (var lead in world.Leads)
        {
            var stage = Pick(rng, ["prospect", "prospect", "prospect", "trial", "negotiation", "closed_lost"]);
            contacts.Add(new(CrmEmail(rng, lead.WorkEmail), lead.Accounts[0].Id, lead.FirstName, stage, RandomTime(rng, from, to), AltEmails(rng, lead)));
        }

        for (var i = 0; i < 40; i++)
        {
            var account = Pick(rng, world.Accounts);
            contacts.Add(new(PlaceholderEmails[i % PlaceholderEmails.Length], account.Id, Pick(rng, ["Test", "QA", "Unknown", "", "Demo"]), "prospect", RandomTime(rng, from, to), ""));
        }

        // Household addresses: one email, contacts of two or three different accounts.
        foreach (var household in Households)
        {
            foreach (var account in world.Accounts.OrderBy(_ => rng.Next()).Take(rng.Next(2, 4)).ToList())
            {
                var name = Pick(rng, account.Members).FirstName;
                contacts.Add(new(CaseVariant(rng, household), account.Id, name, Pick(rng, ["prospect", "trial", "closed_won"]), RandomTime(rng, from, to), ""));
            }
        }

        var shuffled = contacts.Select(c => (Key: rng.Next(), Contact: c)).OrderBy(c => c.Key).Select(c => c.Contact).ToList();
        var rows = shuffled.Select((c, i) => (IReadOnlyList<string>)
        [
            $"ct_{i + 1:D5}", c.Email, c.AccountId, c.FirstName, MessyCase(rng, c.Stage), Ltv(rng), Pick(rng, EnterpriseFlags),
            RenewalDate(rng), c.AltEmails, Iso(c.UpdatedAt),
        ]).ToList();
        CsvFile.Write(path, CrmHeader, rows);
    }

    /// <summary>Case variants, and now and then surrounding spaces from copy-paste.</summary>
    private static string CrmEmail(Random rng, string email)
    {
        var variant = CaseVariant(rng, email);
        var roll = rng.NextDouble();
        return roll < 0.06 ? $" {variant}" : roll < 0.12 ? $"{variant}  " : variant;
    }

    private static string AltEmails(Random rng, SamplePerson person)
    {
        var roll = rng.NextDouble();
        if (person.PersonalEmail is not null && roll < 0.6)
        {
            return rng.NextDouble() < 0.8
                ? JsonArray([person.PersonalEmail])
                : JsonArray([person.PersonalEmail, $"{SampleWorldBuilder.Ascii(person.FirstName)}@{person.Accounts[0].Domain}"]);
        }

        return roll < 0.08 ? "[]" : "";
    }

    private static string MessyCase(Random rng, string stage) => rng.NextDouble() switch
    {
        < 0.80 => stage,
        < 0.88 => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(stage),
        < 0.94 => stage.ToUpperInvariant(),
        _ => $" {stage.Replace('_', ' ')}",
    };

    private static string Ltv(Random rng)
    {
        var value = Math.Round(rng.NextDouble() * 60000, 1);
        return rng.NextDouble() switch
        {
            < 0.55 => value.ToString("0.0#", CultureInfo.InvariantCulture),
            < 0.70 => value.ToString("#,##0.00", CultureInfo.InvariantCulture),
            < 0.78 => ((int)value).ToString(CultureInfo.InvariantCulture),
            < 0.86 => "n/a",
            < 0.88 => "TBD",
            _ => "",
        };
    }

    private static string RenewalDate(Random rng)
    {
        var date = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(rng.Next(0, 365));
        var seconds = (long)(date - DateTime.UnixEpoch).TotalSeconds;
        return rng.NextDouble() switch
        {
            < 0.45 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            < 0.60 => Iso(date),
            < 0.70 => seconds.ToString(CultureInfo.InvariantCulture),
            < 0.78 => (seconds * 1000).ToString(CultureInfo.InvariantCulture),
            < 0.83 => date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
            < 0.87 => "soon",
            _ => "",
        };
    }
}
