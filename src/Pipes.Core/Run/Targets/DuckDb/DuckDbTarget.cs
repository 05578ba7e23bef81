using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using Pipes.Core.Compile.Dialects;

namespace Pipes.Core.Run.Targets.DuckDb;

/// <summary>Embedded DuckDB, in-process: one connection, statements run one at a time.</summary>
public sealed class DuckDbTarget : ITarget
{
    private readonly DuckDBConnection _connection;

    private DuckDbTarget(DuckDBConnection connection) => _connection = connection;

    public Dialect Dialect => DuckDbDialect.Instance;

    /// <summary>Opens (and creates) the database file; <c>:memory:</c> for an in-memory database.</summary>
    public static DuckDbTarget Open(string path)
    {
        if (path != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
        }
        // The builder quotes the path: a ';' in it would otherwise end the connection string (found by the fuzz test).
        var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString);
        connection.Open();
        // Timestamps are UTC everywhere in Pipes; DuckDB would otherwise use the machine's zone for TIMESTAMPTZ.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SET TimeZone = 'UTC'";
            command.ExecuteNonQuery();
        }
        return new DuckDbTarget(connection);
    }

    public Task<StatementResult> ExecuteAsync(string sql, StatementContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                rows.Add(ReadRow(reader));
            }
            long? affected = reader.RecordsAffected >= 0 ? reader.RecordsAffected : null;
            return Task.FromResult(new StatementResult(affected, null, columns, rows));
        }
        catch (DuckDBException e)
        {
            throw new TargetException(e.Message.Trim(), code: e.ErrorType.ToString(), inner: e);
        }
    }

    public async IAsyncEnumerable<object?[]> StreamAsync(string sql, StatementContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        DuckDBDataReader reader;
        try
        {
            reader = (DuckDBDataReader)command.ExecuteReader();
        }
        catch (DuckDBException e)
        {
            throw new TargetException(e.Message.Trim(), code: e.ErrorType.ToString(), inner: e);
        }
        using (reader)
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return ReadRow(reader);
            }
        }
        await Task.CompletedTask;
    }

    private static object?[] ReadRow(System.Data.Common.DbDataReader reader)
    {
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }
        return values;
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
