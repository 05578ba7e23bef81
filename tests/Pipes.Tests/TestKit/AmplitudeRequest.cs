using System.Text.Json.Nodes;

namespace Pipes.Tests.TestKit;

/// <summary>One request the fake Amplitude received: when, its answer, size, and (when tracking) its events.</summary>
public sealed record AmplitudeRequest(DateTimeOffset At, int Status, int EventCount, long Bytes, bool Scripted, JsonArray? Events);
