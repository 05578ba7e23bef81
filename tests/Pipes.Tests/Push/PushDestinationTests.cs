using Pipes.Core.Push;

namespace Pipes.Tests.Push;

public class PushDestinationTests
{
    private static readonly PushDestination Destination = new() { Name = "crm", ApiKey = "secret-key-0451" };

    [Fact]
    public void ToString_never_shows_the_api_key()
    {
        var text = Destination.ToString();

        text.ShouldNotContain("secret-key-0451");
        text.ShouldContain("ApiKey = ***");
        text.ShouldContain("Name = crm");
        $"{Destination with { DryRun = true }}".ShouldNotContain("secret-key-0451");
    }

    [Fact]
    public void The_region_picks_the_batch_endpoint_and_an_override_wins()
    {
        Destination.BatchUri.ShouldBe(new Uri("https://api2.amplitude.com/batch"));
        (Destination with { Region = AmplitudeRegion.Eu }).BatchUri.ShouldBe(new Uri("https://api.eu.amplitude.com/batch"));
        (Destination with { Endpoint = new Uri("http://127.0.0.1:9/batch") }).BatchUri.ShouldBe(new Uri("http://127.0.0.1:9/batch"));
    }

    [Fact]
    public void Defaults_follow_amplitude_limits()
    {
        (Destination.MaxEventsPerBatch, Destination.MinIdLength, Destination.Mode, Destination.DryRun).ShouldBe((2000, 5, PushMode.UpdateOnly, false));
        Destination.MaxBytesPerBatch.ShouldBeLessThan(20_000_000);
        Destination.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Unusable_settings_are_reported_together_without_the_key()
    {
        var problems = (Destination with { Name = "Bad-Name", MaxEventsPerBatch = 5000, Concurrency = 0 }).Validate();

        problems.Count.ShouldBe(3);
        string.Join(" ", problems).ShouldNotContain("secret-key-0451");
        Should.Throw<ArgumentException>(() => new Pusher(null!, Destination with { ApiKey = "" }, TimeProvider.System));
    }
}
