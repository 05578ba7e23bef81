using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>
/// <c>deploy:</c> of <c>pipes_project.yml</c>: when the Snowflake TASK that <c>pipes deploy</c> creates runs the
/// project's procedure. <see cref="Schedule"/> is a five-field CRON expression, <see cref="TimeZone"/> an IANA name
/// (default UTC). <see cref="Warehouse"/> (default: the target's) or <see cref="ServerlessSize"/> (a serverless task)
/// pays for it. <see cref="WhenStreamHasData"/> names a source table or seed: the task then runs only when a stream on
/// it holds changes.
/// </summary>
public sealed record DeploySpec(
    Located<string>? Schedule,
    Located<string>? TimeZone,
    Located<string>? Warehouse,
    Located<string>? ServerlessSize,
    Located<string>? WhenStreamHasData,
    SourceSpan Span)
{
    public static DeploySpec? Read(MappingReader? reader)
    {
        if (reader is null) return null;
        var spec = new DeploySpec(
            reader.String("schedule", required: true),
            reader.String("time_zone"),
            reader.String("warehouse"),
            reader.String("serverless_size"),
            reader.String("when_stream_has_data"),
            reader.Span);
        reader.Finish();
        return spec;
    }
}
