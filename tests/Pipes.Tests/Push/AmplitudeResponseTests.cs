using Pipes.Core.Push;

namespace Pipes.Tests.Push;

public class AmplitudeResponseTests
{
    private const string Key = "k-123456789";

    [Fact]
    public void A_200_counts_ingested_events()
    {
        var r = AmplitudeResponse.Parse(200, """{"code":200,"events_ingested":50,"payload_size_bytes":50,"server_upload_time":1396381378123}""", Key);

        (r.Kind, r.EventsIngested).ShouldBe((AmplitudeResponseKind.Accepted, 50));
    }

    [Fact]
    public void A_400_maps_event_indexes_to_reasons()
    {
        var r = AmplitudeResponse.Parse(400, """
            {"code":400,"error":"Request missing required field","missing_field":"api_key",
             "events_with_invalid_fields":{"time":[3,4,7]},"events_with_missing_fields":{"event_type":[3,5,6]}}
            """, Key);

        r.Kind.ShouldBe(AmplitudeResponseKind.Invalid);
        r.RefusedEvents.Keys.Order().ShouldBe([3, 4, 5, 6, 7]);
        r.RefusedEvents[4].ShouldBe("invalid field 'time': Request missing required field");
        r.RefusedEvents[5].ShouldBe("missing field 'event_type': Request missing required field");
    }

    [Fact]
    public void An_invalid_api_key_answer_is_recognised_and_the_echoed_key_dropped()
    {
        var r = AmplitudeResponse.Parse(400, $$"""{"code":400,"error":"Invalid API key: {{Key}}"}""", Key);

        r.Kind.ShouldBe(AmplitudeResponseKind.InvalidApiKey);
        r.Error!.ShouldNotContain(Key);
        AmplitudeResponse.Parse(500, $$"""{"error":"boom {{Key}}"}""", Key).Error.ShouldBe("HTTP 500: boom ***");
    }

    [Fact]
    public void A_429_names_throttled_and_daily_quota_ids()
    {
        var r = AmplitudeResponse.Parse(429, """
            {"code":429,"error":"Too many requests for some devices and users","eps_threshold":1000,
             "throttled_devices":{"C8F9E604-F01A-4BD9-95C6-8E5357DF265D":4000},"throttled_users":{"datamonster@gmail.com":4000},
             "throttled_events":[3,4,7],"exceeded_daily_quota_users":{"alice@example.com":500200},"exceeded_daily_quota_devices":{"dev-0001":500200}}
            """, Key);

        r.Kind.ShouldBe(AmplitudeResponseKind.Throttled);
        r.ThrottledUsers.ShouldBe(["datamonster@gmail.com"]);
        r.ThrottledDevices.ShouldBe(["C8F9E604-F01A-4BD9-95C6-8E5357DF265D"]);
        r.ThrottledEvents.ShouldBe([3, 4, 7], ignoreOrder: true);
        r.ExceededDailyQuotaUsers.ShouldBe(["alice@example.com"]);
        r.ExceededDailyQuotaDevices.ShouldBe(["dev-0001"]);
    }

    [Fact]
    public void Bodies_that_are_not_json_still_give_a_kind_by_status()
    {
        AmplitudeResponse.Parse(413, "<html>too large</html>", Key).Kind.ShouldBe(AmplitudeResponseKind.TooLarge);
        var failed = AmplitudeResponse.Parse(502, "", Key);
        (failed.Kind, failed.Status, failed.Error).ShouldBe((AmplitudeResponseKind.Failed, 502, "HTTP 502"));
    }
}
