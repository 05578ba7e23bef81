using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace Pipes.Tests.Schemas;

/// <summary>
/// Converts a YAML document to a JSON token the way editors (yaml-language-server) see it: YAML 1.2 core schema,
/// so plain <c>30</c> is an integer, <c>true</c> a boolean, <c>~</c> null, and any quoted scalar a string.
/// </summary>
internal static partial class YamlJson
{
    public static JToken Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JArray(seq.Children.Select(Convert)),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new NotSupportedException($"({node.Start.Line},{node.Start.Column}): unsupported YAML node {node.NodeType}"),
    };

    private static JObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode s ? s.Value ?? "" : throw new NotSupportedException(
                $"({key.Start.Line},{key.Start.Column}): only scalar mapping keys are supported");
            if (obj.ContainsKey(name))
            {
                throw new InvalidOperationException($"({key.Start.Line},{key.Start.Column}): duplicate key '{name}'");
            }

            obj.Add(name, Convert(value));
        }

        return obj;
    }

    private static JToken ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return new JValue(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return JValue.CreateNull();
        }

        if (text is "true" or "True" or "TRUE")
        {
            return new JValue(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return new JValue(false);
        }

        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return new JValue(i);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return new JValue(d);
        }

        return new JValue(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
