using System.Numerics;
using Pipes.Core.Targets.Snowflake;

namespace Pipes.Tests.Snowflake;

public class SnowflakeValueDecoderTests
{
    private static object? Decode(string type, string? value, int? scale = null) =>
        SnowflakeValueDecoder.Decode(new SnowflakeColumn("C", type, scale, null, true), value);

    [Fact]
    public void Numbers_decode_by_scale()
    {
        Decode("fixed", "42", 0).ShouldBe(42L);
        Decode("fixed", "-12.50", 2).ShouldBe(-12.50m);
        Decode("fixed", "123456789012345678901234567890123", 0).ShouldBe(BigInteger.Parse("123456789012345678901234567890123"));
        Decode("real", "1.5E3").ShouldBe(1500d);
        Decode("real", "NaN").ShouldBe(double.NaN);
    }

    [Fact]
    public void Text_boolean_semi_structured_and_null()
    {
        Decode("text", "héllo").ShouldBe("héllo");
        Decode("boolean", "true").ShouldBe(true);
        Decode("boolean", "false").ShouldBe(false);
        Decode("variant", "{\n  \"a\": 1\n}").ShouldBe("{\n  \"a\": 1\n}");
        Decode("array", "[1,2]").ShouldBe("[1,2]");
        Decode("object", "{}").ShouldBe("{}");
        Decode("text", null).ShouldBeNull();
        Decode("binary", "CAFE").ShouldBe(new byte[] { 0xCA, 0xFE });
    }

    [Fact]
    public void Dates_times_and_timestamps()
    {
        Decode("date", "19723").ShouldBe(new DateOnly(2024, 1, 1));
        Decode("date", "-1").ShouldBe(new DateOnly(1969, 12, 31));
        Decode("time", "45296.123456789", 9).ShouldBe(new TimeOnly(12, 34, 56).Add(TimeSpan.FromTicks(1234567)));
        var ntz = (DateTime)Decode("timestamp_ntz", "1704067200.500000000", 9)!;
        ntz.ShouldBe(new DateTime(2024, 1, 1, 0, 0, 0, 500));
        ntz.Kind.ShouldBe(DateTimeKind.Unspecified);
        ((DateTime)Decode("timestamp_ltz", "1704067200.000000000", 9)!).Kind.ShouldBe(DateTimeKind.Utc);
        var tz = (DateTimeOffset)Decode("timestamp_tz", "1704067200.000000000 1560", 9)!;
        tz.Offset.ShouldBe(TimeSpan.FromHours(2));
        tz.UtcDateTime.ShouldBe(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        ((DateTimeOffset)Decode("timestamp_tz", "1704067200.000000000 1140", 9)!).Offset.ShouldBe(TimeSpan.FromHours(-5));
    }

    [Fact]
    public void Upper_case_types_decode_the_same()
    {
        Decode("FIXED", "7", 0).ShouldBe(7L);
        Decode("TIMESTAMP_TZ", "0.000000000 1440", 9).ShouldBe(DateTimeOffset.UnixEpoch);
    }
}
