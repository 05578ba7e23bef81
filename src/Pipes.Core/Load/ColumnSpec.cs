namespace Pipes.Core.Load;

public sealed record ColumnSpec(Located<string> Name, string? Description);
