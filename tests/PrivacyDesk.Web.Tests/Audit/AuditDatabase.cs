using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// Raw access to the audit tables, as someone with the database's own credentials would have: reads and tampering
/// through plain SQL, with the append-only triggers bypassed the way an administrator could (SQLite: dropped and put
/// back; PostgreSQL: <c>session_replication_role = replica</c>, which skips ordinary triggers).
/// </summary>
public static class AuditDatabase
{
    public static bool IsSqlite(this TestDatabase database) => database.Provider == "Sqlite";

    public static DbConnection Open(TestDatabase database)
    {
        DbConnection connection = database.IsSqlite() ? new SqliteConnection(database.ConnectionString) : new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> with the triggers out of the way; returns the rows affected.</summary>
    public static async Task<int> TamperAsync(TestDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open(database);
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, database.IsSqlite() ? AuditTriggers.SqliteDown : "SET LOCAL session_replication_role = replica");
        var affected = await ExecuteAsync(connection, transaction, sql, parameters);
        if (database.IsSqlite())
        {
            await ExecuteAsync(connection, transaction, AuditTriggers.SqliteUp);
        }

        await transaction.CommitAsync();
        return affected;
    }

    /// <summary>Runs <paramref name="sql"/> as is (triggers in force).</summary>
    public static async Task<int> ExecuteAsync(TestDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open(database);
        return await ExecuteAsync(connection, null, sql, parameters);
    }

    public static async Task<object?> ScalarAsync(TestDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open(database);
        await using var command = Command(connection, null, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>One stored event as the database has it: column name → raw value.</summary>
    public static async Task<Dictionary<string, object?>> RowAsync(TestDatabase database, long sequence)
    {
        await using var connection = Open(database);
        await using var command = Command(connection, null, """SELECT * FROM "AuditEvents" WHERE "Sequence" = @s""", [("@s", sequence)]);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no event {sequence}");
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    /// <summary>
    /// Verifies in one walk (as the app does below 100,000 events per core) and in parallel ranges (as it does above),
    /// and requires both to agree: same count, same end, same first break.
    /// </summary>
    public static Task<AuditVerification> VerifyAsync(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return VerifyAsync(app.Factory.Services);
    }

    /// <summary>The same, through the services of one app instance (its keys and its anchor file).</summary>
    public static async Task<AuditVerification> VerifyAsync(IServiceProvider root)
    {
        async Task<AuditVerification> InScope(Func<IServiceProvider, Task<AuditVerification>> verify)
        {
            await using var scope = root.CreateAsyncScope();
            return await verify(scope.ServiceProvider);
        }

        var single = await InScope(services => services.GetRequiredService<AuditChainVerifier>().VerifyAsync());
        var ranged = await InScope(services => new AuditChainVerifier(
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrivacyDesk.Web.Data.DatabaseOptions>>(), services.GetRequiredService<AuditKeyStore>(),
            services.GetRequiredService<AuditAnchorFile>()) { MinEventsPerRange = 1 }.VerifyAsync());
        Assert.Equal(single.FirstBreak, ranged.FirstBreak);
        Assert.Equal((single.VerifiedCount, single.LastSequence, single.LastHashHex, single.LegacyThrough),
            (ranged.VerifiedCount, ranged.LastSequence, ranged.LastHashHex, ranged.LegacyThrough));
        return single;
    }

    /// <summary>Puts a row read with <see cref="RowAsync"/> back (or a forged one in), triggers out of the way.</summary>
    public static async Task ReinsertAsync(TestDatabase database, Dictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var columns = row.Keys.Where(k => k != "Id").ToArray();
        var sql = $"""INSERT INTO "AuditEvents" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})""";
        await TamperAsync(database, sql, columns.Select((c, i) => ($"@p{i}", row[c])).ToArray());
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
