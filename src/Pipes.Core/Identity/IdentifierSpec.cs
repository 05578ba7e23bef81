using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>
/// One <c>identifiers:</c> entry of a source table, seed or model: a plain column, a path inside a JSON/VARIANT
/// column (<see cref="Path"/>), or each element of an array column (<see cref="Each"/>), holding ids of <see cref="Type"/>.
/// </summary>
public sealed record IdentifierSpec(Located<string> Column, Located<string>? Path, bool Each, Located<string> Type, SourceSpan Span);
