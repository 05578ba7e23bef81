using System.Text.RegularExpressions;
using Pipes.Core.Diagnostics;
using YamlDotNet.RepresentationModel;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Reads <c>pipes_project.yml</c>.</summary>
public static partial class ProjectFileReader
{
    public const string FileName = "pipes_project.yml";

    public static ProjectSpec? Read(string rootDirectory, DiagnosticBag bag)
    {
        var path = Path.Combine(rootDirectory, FileName);
        if (!File.Exists(path))
        {
            bag.Error(DiagnosticCodes.MissingFile, SourceSpan.None, $"no {FileName} in {rootDirectory}",
                "run pipes in a project folder, pass --project-dir, or create one with 'pipes init <dir>'");
            return null;
        }
        var text = YamlFile.ReadText(path, FileName, bag);
        var errorsBefore = bag.Items.Count;
        var root = text is null ? null : YamlFile.Parse(FileName, text, bag);
        var reader = MappingReader.From(FileName, root, bag, FileName);
        if (reader is null)
        {
            // Empty, only comments, or only '---' (YamlDotNet places that empty document past the end): the file's start.
            if (text is not null && bag.Items.Count == errorsBefore)
                bag.Error(DiagnosticCodes.MissingKey, SourceSpan.At(FileName, 1, 1), $"{FileName} is empty", "add 'name: <project>'");
            return null;
        }
        var name = reader.String("name", required: true);
        if (name is not null && !IdentifierPattern().IsMatch(name.Value))
            bag.Error(DiagnosticCodes.InvalidValue, name.Span, $"project name '{name.Value}' must be lower-case letters, digits and '_', starting with a letter or '_'");
        var version = reader.String("version")?.Value;
        var profile = reader.String("profile");
        var modelPaths = reader.StringList("model-paths");
        var seedPaths = reader.StringList("seed-paths");
        var targetPath = reader.String("target-path")?.Value ?? "target";
        var cleanTargets = reader.StringList("clean-targets");
        var vars = VarsReader.Read(reader.Mapping("vars"));
        var outputs = OutputsSpec.Read(reader.Mapping("outputs"));
        var deploy = DeploySpec.Read(reader.Mapping("deploy"));
        reader.Finish();
        if (name is null) return null;
        return new ProjectSpec(
            name, version, profile,
            modelPaths.Count > 0 ? modelPaths : new[] { new Located<string>("models", SourceSpan.FileOnly(FileName)) },
            seedPaths.Count > 0 ? seedPaths : new[] { new Located<string>("seeds", SourceSpan.FileOnly(FileName)) },
            targetPath, vars, reader.Span) { Outputs = outputs, Deploy = deploy, CleanTargets = cleanTargets };
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
