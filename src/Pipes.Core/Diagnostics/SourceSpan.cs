namespace Pipes.Core.Diagnostics;

/// <summary>A 1-based range in a project file; printed MSBuild-style so editors can link it.</summary>
public sealed record SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    public static readonly SourceSpan None = new("", 0, 0, 0, 0);

    public static SourceSpan FileOnly(string file) => new(file, 0, 0, 0, 0);

    public static SourceSpan At(string file, int line, int column) => new(file, line, column, line, column);

    public bool IsNone => File.Length == 0;

    public override string ToString() =>
        IsNone ? "" : Line == 0 ? File : $"{File}({Line},{Column})";
}
