using Pipes.Core.Compile.Seeds;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

public sealed partial class Compiler
{
    private CompiledNode? CompileSeed(SeedSpec seed, Node node, DiagnosticBag bag)
    {
        var table = seed.Table;
        var columns = new ScriptArray();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i];
            var type = seed.ColumnTypes.TryGetValue(name, out var declared) ? declared.Value : SeedTypeInference.Infer(table.Rows.Select(r => r[i]));
            columns.Add(new ScriptObject { ["name"] = name, ["type"] = type });
        }
        var batches = new ScriptArray(table.Rows.Chunk(_options.SeedBatchRows).Select(chunk => new ScriptArray(chunk.Select(row => new ScriptArray(row)))));
        var relation = _relations.Model(seed.Name);
        var globals = Globals(relation);
        globals.SetValue("columns", columns, true);
        globals.SetValue("batches", batches, true);
        return Finish(node, relation, "seed", "seeds/seed.sql.scriban", globals, bag);
    }
}
