using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Properties;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>Property models (typed, survivorship, rejects) and each destination's push relation.</summary>
public sealed partial class Compiler
{
    /// <summary>Amplitude drops string values longer than this; they go to the rejects table instead.</summary>
    private const int MaxAmplitudeString = 1024;

    /// <summary>Amplitude refuses values nested deeper than this; they go to the rejects table instead.</summary>
    private const int MaxAmplitudeDepth = 40;

    public static string PropertyTable(string model) => $"pipes_property_{model}";

    public static string PushTable(string destination) => $"pipes_push_{destination}";

    private CompiledNode? CompileProperty(Node node, DiagnosticBag bag)
    {
        var model = _project.Properties.First(p => p.Name.Value == node.Name);
        var relation = _relations.Model(PropertyTable(node.Name));
        var keyType = _project.Identity!.Rules.Types.FirstOrDefault(t => t.Name == model.KeyType.Value);
        if (keyType is null) return null; // reported by the validator
        var globals = Globals(relation);
        globals.SetValue("max_string", MaxAmplitudeString, true);
        globals.SetValue("max_depth", MaxAmplitudeDepth, true);
        globals.SetValue("t", new ScriptObject
        {
            ["graph"] = _relations.Model(IdentitySqlModel.Tables["graph"]),
            ["rows"] = _relations.Model($"pipes_property_rows_{node.Name}"),
            ["table"] = relation,
            ["rejects"] = _relations.Model("pipes_property_rejects"),
            ["unmatched"] = _relations.Model("pipes_property_unmatched"),
        }, true);
        globals.SetValue("model", new ScriptObject
        {
            ["name"] = model.Name.Value,
            ["from_label"] = model.From.Value,
            ["from_relation"] = FromRelation(model.From.Value),
            ["key_column"] = _project.Dialect.Quote(model.KeyColumn.Value),
            ["key_type"] = IdentitySqlModel.Type(keyType),
            ["updated_at"] = model.UpdatedAt is null ? null : _project.Dialect.Quote(model.UpdatedAt.Value),
            ["columns"] = new ScriptArray(model.Columns.Select((c, i) => new ScriptObject
            {
                ["no"] = i + 1,
                ["name"] = c.Column.Value,
                ["column"] = _project.Dialect.Quote(c.Column.Value),
                ["type"] = c.Type.Value,
                ["survivorship"] = c.Survivorship.Value,
            })),
        }, true);
        return Finish(node, relation, "property", "properties/model.sql.scriban", globals, bag);
    }

    private CompiledNode? CompilePush(Node node, DiagnosticBag bag)
    {
        var destination = _project.Destinations.First(d => d.Name.Value == node.Name);
        var relation = _relations.Model(PushTable(node.Name));
        var globals = Globals(relation);
        globals.SetValue("profiles", _relations.Model(IdentitySqlModel.Tables["profiles"]), true);
        globals.SetValue("observations", _relations.Model(IdentitySqlModel.Tables["observations"]), true);
        var inputs = _project.Identity!.Inputs;
        // Input numbers follow IdentitySqlModel's numbering of the identity inputs (1-based, in their order).
        globals.SetValue("amplitude_inputs", destination.Mode.Value == "update_only"
            ? new ScriptArray(Enumerable.Range(1, inputs.Count).Where(n => inputs[n - 1].Declarations.InAmplitude))
            : null, true);
        globals.SetValue("user_type", _project.Identity.Rules.AmplitudeUserIdType, true);
        globals.SetValue("device_type", _project.Identity.Rules.AmplitudeDeviceIdType, true);
        globals.SetValue("destination", new ScriptObject
        {
            ["name"] = destination.Name.Value,
            ["properties"] = new ScriptArray(PropertySelection.Columns(_project, destination).Select(pc => new ScriptObject
            {
                ["table"] = _relations.Model(PropertyTable(pc.Model.Name.Value)),
                ["column"] = pc.Column.Column.Value,
                ["type"] = pc.Column.Survivorship.Value == "count" ? "integer" : pc.Column.Type.Value,
                ["amplitude"] = pc.Column.Amplitude.Value,
            })),
        }, true);
        return Finish(node, relation, "push", "properties/push_relation.sql.scriban", globals, bag);
    }

    private string FromRelation(string from)
    {
        var parts = from.Split('.', 2);
        return parts.Length == 2 ? _relations.Source(parts[0], parts[1]) : _relations.Model(from);
    }
}
