using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace PrivacyDesk.Tools.Seeding;

/// <summary>Writes a <see cref="BulkTable"/>'s buffered rows with one provider's fastest plain ADO.NET path.</summary>
internal interface IBulkSink
{
    Task WriteAsync(BulkTable table, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}

internal static class BulkSql
{
    public static string Quote(string identifier, char open = '"', char close = '"') =>
        open + identifier.Replace(close.ToString(), new string(close, 2), StringComparison.Ordinal) + close;

    public static string TableName(BulkTable table, char open = '"', char close = '"') =>
        table.Schema is null ? Quote(table.Name, open, close) : $"{Quote(table.Schema, open, close)}.{Quote(table.Name, open, close)}";
}

/// <summary>
/// SQLite: one prepared single-row INSERT per table, re-bound for every row. Inside one transaction this is SQLite's
/// fastest path (no SQL parsing per row); parameters are made by each column's EF type mapping, so GUIDs, dates and
/// converted values are bound exactly as EF binds them.
/// </summary>
internal sealed class SqliteBulkSink : IBulkSink
{
    public Task WriteAsync(BulkTable table, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {BulkSql.TableName(table)} ({string.Join(", ", table.Columns.Select(c => BulkSql.Quote(c.Name)))}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
        var parameters = new DbParameter[table.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = table.Columns[i].TypeMapping.CreateParameter(command, "$p" + i, null, table.Columns[i].IsNullable);
            command.Parameters.Add(parameters[i]);
        }

        command.Prepare();
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: binary COPY (NpgsqlBinaryImporter), each value written with the column's store type from the model.
/// COPY runs on the connection inside the open transaction, so a failed batch rolls back with it.
/// </summary>
internal sealed class PostgresBulkSink : IBulkSink
{
    public async Task WriteAsync(BulkTable table, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var copy = $"COPY {BulkSql.TableName(table)} ({string.Join(", ", table.Columns.Select(c => BulkSql.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var types = table.Columns.Select(c => StripFacets(c.StoreType)).ToArray();
        await using var importer = await npgsql.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in table.Rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is { } value)
                {
                    await importer.WriteAsync(value, types[i], cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>"character varying(20)" → "character varying": COPY needs the type, not its length limit.</summary>
    private static string StripFacets(string storeType)
    {
        var open = storeType.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return storeType;
        }

        var close = storeType.IndexOf(')', open);
        return (storeType[..open] + storeType[(close + 1)..]).Trim();
    }
}

/// <summary>
/// SQL Server: SqlBulkCopy from a DataTable built with the model's column names, inside the open transaction.
/// Not run on this project's machines (no SQL Server here); it is kept compiling and deliberately simple.
/// </summary>
internal sealed class SqlServerBulkSink : IBulkSink
{
    public async Task WriteAsync(BulkTable table, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var data = new DataTable(table.Name) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var column in table.Columns)
        {
            var type = Nullable.GetUnderlyingType(column.ProviderClrType) ?? column.ProviderClrType;

            // DataTable → SqlBulkCopy does not convert DateOnly; date columns take DateTime.
            data.Columns.Add(column.Name, type == typeof(DateOnly) ? typeof(DateTime) : type);
        }

        foreach (var row in table.Rows)
        {
            data.Rows.Add(row.Select(v => v switch
            {
                null => DBNull.Value,
                DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                _ => v,
            }).ToArray());
        }

        using var bulk = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.CheckConstraints, (SqlTransaction)transaction)
        {
            DestinationTableName = BulkSql.TableName(table, '[', ']'),
            BatchSize = 0,
            BulkCopyTimeout = 0,
        };
        foreach (var column in table.Columns)
        {
            bulk.ColumnMappings.Add(column.Name, column.Name);
        }

        await bulk.WriteToServerAsync(data, cancellationToken);
    }
}
