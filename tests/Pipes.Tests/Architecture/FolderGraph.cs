using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipes.Tests.Architecture;

/// <summary>
/// Which folder of src/Pipes.Core uses which, read from the source with Roslyn's semantic model: every name a file
/// binds to (type, member, extension method, attribute) counts, whether it came through a <c>using</c>, a parent
/// namespace or a qualified name. A folder is its path under src/Pipes.Core ("." for the root), and its namespace is
/// <c>Pipes.Core.</c> plus that path with dots.
/// </summary>
public sealed class FolderGraph
{
    public const string RootNamespace = "Pipes.Core";

    /// <summary>Source root the graph was read from (src/Pipes.Core).</summary>
    public string SourceRoot { get; }

    /// <summary>Each .cs file (relative to <see cref="SourceRoot"/>, '/' separators) and the namespaces it declares.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DeclaredNamespaces { get; }

    /// <summary>Folder → folder it uses → one example per using file ("Load/ProjectLoader.cs uses Compiler").</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> Uses { get; }

    public IReadOnlyList<Diagnostic> CompileErrors { get; }

    private FolderGraph(string sourceRoot, IReadOnlyDictionary<string, IReadOnlyList<string>> declared,
        IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> uses, IReadOnlyList<Diagnostic> errors)
    {
        SourceRoot = sourceRoot;
        DeclaredNamespaces = declared;
        Uses = uses;
        CompileErrors = errors;
    }

    public static string FolderOf(string relativeFile)
    {
        var dir = Path.GetDirectoryName(relativeFile)?.Replace('\\', '/') ?? "";
        return dir.Length == 0 ? "." : dir;
    }

    public static string NamespaceOf(string folder) => folder == "." ? RootNamespace : RootNamespace + "." + folder.Replace('/', '.');

    /// <summary>The folder a namespace lives in, or null when it is not under Pipes.Core.</summary>
    public static string? FolderOfNamespace(string ns) =>
        ns == RootNamespace ? "." : ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal) ? ns[(RootNamespace.Length + 1)..].Replace('.', '/') : null;

    public static FolderGraph Read(string sourceRoot)
    {
        var files = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(sourceRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: ["NET", "NET10_0", "NET10_0_OR_GREATER"]);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(sourceRoot, f)), options, f)).ToList();
        // Pipes.Core.csproj has <ImplicitUsings>enable</ImplicitUsings>: the SDK's global usings.
        trees.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", options, "<implicit usings>"));
        var compilation = CSharpCompilation.Create("Pipes.Core.Layering", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        // CS8795: the [GeneratedRegex] methods, whose bodies the Regex source generator writes in the real build.
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToList();

        var declared = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var uses = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var tree in trees.Where(t => t.FilePath != "<implicit usings>"))
        {
            var root = tree.GetRoot();
            declared[tree.FilePath] = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()).ToList();
            var from = FolderOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            // A `using Pipes.Core.X;` is a use of X even before anything binds through it: it is what a reader sees.
            foreach (var directive in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
            {
                if (directive.Name is null || directive.Alias is not null || !directive.StaticKeyword.IsKind(SyntaxKind.None)) continue;
                var to = FolderOfNamespace(directive.Name.ToString());
                if (to is not null && to != from) Add(from, to, $"{tree.FilePath} has using {directive.Name}");
            }
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                // Namespaces (`using X;`, `namespace X;`, qualifiers) bind to namespace symbols and are skipped below:
                // only a type, or a member of one, is a use.
                var info = model.GetSymbolInfo(name);
                foreach (var symbol in info.Symbol is { } s ? [s] : info.CandidateSymbols)
                {
                    var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
                    if (type is null) continue;
                    while (type.ContainingType is not null) type = type.ContainingType;
                    if (type.ContainingNamespace is null || !type.Locations.Any(l => l.IsInSource)) continue;
                    var to = FolderOfNamespace(type.ContainingNamespace.ToDisplayString());
                    if (to is null || to == from) continue;
                    Add(from, to, $"{tree.FilePath} uses {type.Name}");
                }
            }
        }
        return new FolderGraph(sourceRoot, declared, uses, errors);

        void Add(string from, string to, string example)
        {
            if (!uses.TryGetValue(from, out var targets)) uses[from] = targets = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            if (!targets.TryGetValue(to, out var examples)) targets[to] = examples = new SortedSet<string>(StringComparer.Ordinal);
            examples.Add(example);
        }
    }

    /// <summary>A cycle among folders as "A → B → A", or null.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IEnumerable<string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (var start in edges.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            var cycle = Visit(start);
            if (cycle is not null) return cycle;
        }
        return null;

        List<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var s))
                return s == 1 ? [.. path.Skip(path.IndexOf(node)), node] : null;
            state[node] = 1;
            path.Add(node);
            foreach (var next in (edges.TryGetValue(node, out var n) ? n : []).Order(StringComparer.Ordinal))
            {
                var cycle = Visit(next);
                if (cycle is not null) return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    // The framework and every assembly Pipes.Core references, so names bind as in the real build.
    private static IReadOnlyList<MetadataReference> References()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
            paths.TryAdd(Path.GetFileName(path), path);
        foreach (var name in typeof(Pipes.Core.PipesVersion).Assembly.GetReferencedAssemblies())
        {
            var location = Assembly.Load(name).Location;
            if (location.Length > 0) paths[Path.GetFileName(location)] = location;
        }
        paths.Remove("Pipes.Core.dll");
        paths.Remove("Pipes.Tests.dll");
        paths.Remove("pipes.dll");
        return paths.Values.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
