namespace Pipes.Core.Dialects;

public sealed partial class DuckDbDialect
{
    // One information_schema for every attached database, filtered by table_catalog (as TablesCatalog).
    public override string ColumnsCatalog(string? database) => "information_schema.columns";
}
