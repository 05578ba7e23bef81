using Pipes.Core.Seeds;
using Pipes.Core.Diagnostics;
using Pipes.Core.Plan;
using Pipes.Core.Templating;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

public sealed partial class Compiler
{
    /// <summary>
    /// A seed compiles to its CREATE TABLE and a staging table; the rows travel at run time through
    /// <see cref="SeedLoadStep"/>, so the compiled SQL stays small whatever the size of the CSV.
    /// </summary>
    private CompiledNode? CompileSeed(SeedSpec seed, Node node, DiagnosticBag bag)
    {
        var table = seed.Table;
        if (table.Header.Contains(SeedLoadStep.LineColumn, StringComparer.OrdinalIgnoreCase))
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(seed.Path, 1, 1), $"column '{SeedLoadStep.LineColumn}' is reserved: Pipes stages each row's CSV line under that name");
            return null;
        }
        var columns = new List<SeedColumn>();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i];
            var type = seed.ColumnTypes.TryGetValue(name, out var declared) ? declared.Value : SeedTypeInference.Infer(table.Rows.Select(r => r[i]));
            columns.Add(new SeedColumn(name, type));
        }
        var relation = _relations.Model(seed.Name);
        var dialect = _project.Dialect;
        var stageName = seed.Name + "__pipes_stage";
        var stage = new SeedStage(
            dialect.Relation(_project.Output.Database, _project.Output.Schema, stageName),
            _project.Output.Database is { } database ? dialect.NormalizeIdentifier(database) : null,
            _project.Output.Schema is { } schema ? dialect.NormalizeIdentifier(schema) : null,
            dialect.NormalizeIdentifier(stageName));

        var globals = Globals(relation);
        globals.SetValue("stage", stage.Relation, true);
        globals.SetValue("line_column", SeedLoadStep.LineColumn, true);
        globals.SetValue("columns", ScriptColumns(columns), true);
        globals.SetValue("typed_columns", ScriptColumns(columns.Where(c => c.Type != "string")), true);
        var create = Render(node, "seeds/seed.sql.scriban", globals, bag);
        var insert = Render(node, "seeds/insert.sql.scriban", globals, bag);
        var badValue = columns.Any(c => c.Type != "string") ? Render(node, "seeds/bad_value.sql.scriban", globals, bag) : "";
        var count = Render(node, "seeds/count.sql.scriban", globals, bag);
        var drop = Render(node, "seeds/drop_stage.sql.scriban", globals, bag);
        // One rendered chunk shows in the compiled file, and renders the chunk template once while errors can still be diagnostics.
        var example = "";
        if (table.Rows.Count > 0)
        {
            var firstRow = new SeedRow(table.RowLines.Count > 0 ? table.RowLines[0] : 2, table.Rows[0]);
            var exampleGlobals = Globals(relation);
            foreach (var (key, value) in globals) exampleGlobals.SetValue(key, value, true);
            exampleGlobals.SetValue("rows", new[] { firstRow }, true);
            example = Render(node, "seeds/stage_rows.sql.scriban", exampleGlobals, bag)?.Trim()!;
        }
        if (create is null || insert is null || badValue is null || count is null || drop is null || example is null) return null;

        var step = new SeedLoadStep(seed.Path, seed.Checksum, table, columns, stage,
            SqlStatements.Split(insert).Single(), badValue.Trim(), SqlStatements.Split(count).Single(),
            RunTime("seeds/stage_rows.sql.scriban", globals))
        {
            ExampleChunk = example,
            ChunkRows = _options.SeedBatchRows,
        };
        var dropStage = SqlStatements.Split(drop);
        return new CompiledNode(node, relation, "seed", SqlStatements.Split(create))
        {
            Host = step,
            After = dropStage,
            OnFailure = dropStage,
        };
    }

    private static ScriptArray ScriptColumns(IEnumerable<SeedColumn> columns) =>
        new(columns.Select(c => new ScriptObject { ["name"] = c.Name, ["type"] = c.Type }));
}
