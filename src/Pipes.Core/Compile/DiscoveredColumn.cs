namespace Pipes.Core.Compile;

/// <summary>A column the warehouse reported at run time (information_schema), with its type as the engine names it.</summary>
public sealed record DiscoveredColumn(string Name, string DataType, int? Scale);
