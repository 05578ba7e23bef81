using Pipes.Core.Yaml;

namespace Pipes.Core.Models;

public sealed record ColumnSpec(Located<string> Name, string? Description);
