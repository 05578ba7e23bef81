using Pipes.Core.Yaml;

namespace Pipes.Core.Properties;

/// <summary>One typed property: its column, type, survivorship rule and Amplitude name (default: the column).</summary>
public sealed record PropertyColumnSpec(
    Located<string> Column,
    Located<string> Type,
    Located<string> Survivorship,
    Located<string> Amplitude);
