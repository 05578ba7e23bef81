using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using Pipes.Core.Dialects;

namespace Pipes.Core.Targets.DuckDb;

/// <summary>Embedded DuckDB, in-process: one connection per worker (<see cref="OpenSession"/>), statements run one at a time on each.</summary>
public sealed partial class DuckDbTarget : ITarget
{
    private readonly DuckDBConnection _connection;
    private readonly string _path;
    private readonly string? _memoryLimit;

    private DuckDbTarget(DuckDBConnection connection, string path, string? memoryLimit)
    {
        _connection = connection;
        _path = path;
        _memoryLimit = memoryLimit;
    }

    public Dialect Dialect => DuckDbDialect.Instance;

    /// <summary>
    /// Opens (and creates) the database file; <c>:memory:</c> for an in-memory database. <paramref name="memoryLimit"/>
    /// (a size the profile reader checked, e.g. <c>2GB</c>) caps DuckDB's memory: beyond it joins, aggregates and sorts
    /// spill to <c>&lt;database&gt;.tmp</c> next to the file.
    /// </summary>
    public static DuckDbTarget Open(string path, string? memoryLimit = null)
    {
        if (path != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
        }
        // The builder quotes the path: a ';' in it would otherwise end the connection string (found by the fuzz test).
        var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw OpenFailure(path, e);
        }
        return Prepared(connection, path, memoryLimit);
    }

    /// <summary>Several connections to one database in this process: DuckDB runs their statements in parallel (MVCC).</summary>
    public bool SupportsConcurrentNodes => true;

    /// <summary>
    /// Another connection to the same database, for a worker running nodes alongside this one. DuckDB.NET shares one
    /// database instance among the connections of a process to one file; an in-memory database is duplicated instead.
    /// </summary>
    public ITarget OpenSession() => _path == ":memory:" ? Prepared(_connection.Duplicate(), _path, _memoryLimit) : Open(_path, _memoryLimit);

    private static DuckDbTarget Prepared(DuckDBConnection connection, string path, string? memoryLimit)
    {
        // Timestamps are UTC everywhere in Pipes; DuckDB would otherwise use the machine's zone for TIMESTAMPTZ.
        string[] settings = memoryLimit is null ? ["SET TimeZone = 'UTC'"] : ["SET TimeZone = 'UTC'", $"SET memory_limit = '{memoryLimit}'"];
        foreach (var setting in settings)
        {
            using var command = connection.CreateCommand();
            command.CommandText = setting;
            command.ExecuteNonQuery();
        }
        return new DuckDbTarget(connection, path, memoryLimit);
    }

    /// <summary>
    /// One sentence for a database that cannot be opened. DuckDB gives no code for a lock held by another process
    /// (a second <c>pipes build</c>), only its message, which names the holder's program and PID.
    /// </summary>
    private static TargetException OpenFailure(string path, DuckDBException e)
    {
        var message = e.Message.Trim();
        var holder = LockHolder().Match(message);
        if (message.Contains("Could not set lock on file", StringComparison.Ordinal))
            return new TargetException(holder.Success
                ? $"the database file {path} is in use by another process (PID {holder.Groups["pid"].Value}, {holder.Groups["program"].Value.Trim()}): wait for it to finish or stop it, then run again"
                : $"the database file {path} is in use by another process: wait for it to finish or stop it, then run again ({message})", inner: e);
        return new TargetException($"cannot open the database file {path}: {message.Replace("DuckDBOpen failed: ", "", StringComparison.Ordinal)}", inner: e);
    }

    /// <summary>
    /// A failed statement. DuckDB puts the position only in its message, as a snippet (<c>LINE 3: …</c> and a caret
    /// line); it becomes <see cref="TargetException.SqlLine"/> and <see cref="TargetException.SqlColumn"/>, and the
    /// snippet leaves the message (the runner prints positions in the model and the compiled file instead).
    /// </summary>
    private static TargetException Failure(DuckDBException e)
    {
        var message = e.Message.Trim();
        var snippet = Snippet().Match(message);
        if (!snippet.Success) return new TargetException(message, code: e.ErrorType.ToString(), inner: e);
        var line = int.Parse(snippet.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
        // A long line is shown cut, starting with "...": then the caret says nothing about the column.
        int? column = snippet.Groups["text"].Value.StartsWith("...", StringComparison.Ordinal)
            ? null
            : snippet.Groups["caret"].Length - snippet.Groups["prefix"].Length + 1;
        return new TargetException(message[..snippet.Index].TrimEnd(), code: e.ErrorType.ToString(), sqlLine: line, inner: e, sqlColumn: column);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*(?<prefix>LINE (?<line>\d+): )(?<text>[^\n]*)\n(?<caret> *)\^\s*$")]
    private static partial System.Text.RegularExpressions.Regex Snippet();

    [System.Text.RegularExpressions.GeneratedRegex(@"Conflicting lock is held in (?<program>.*?)\s*\(PID (?<pid>\d+)\)")]
    private static partial System.Text.RegularExpressions.Regex LockHolder();

    public Task<StatementResult> ExecuteAsync(string sql, StatementContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            // Cancelling interrupts the running statement; checked after registering, so one that came first is not lost.
            using var interrupt = new DuckDbInterrupter(command, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
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
        catch (DuckDBException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the statement was interrupted", e, cancellationToken);
        }
        catch (DuckDBException e)
        {
            throw Failure(e);
        }
    }

    public async IAsyncEnumerable<object?[]> StreamAsync(string sql, StatementContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        using var interrupt = new DuckDbInterrupter(command, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        DuckDBDataReader reader;
        try
        {
            reader = (DuckDBDataReader)command.ExecuteReader();
        }
        catch (DuckDBException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the statement was interrupted", e, cancellationToken);
        }
        catch (DuckDBException e)
        {
            throw Failure(e);
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

    public Task<string> LoadSeedRowsAsync(Seeds.SeedLoadStep step, StatementContext context, CancellationToken cancellationToken) =>
        DuckDbSeedLoader.AppendAsync(_connection, step, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
