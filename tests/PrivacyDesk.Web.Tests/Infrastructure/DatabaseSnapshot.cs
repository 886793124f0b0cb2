using Microsoft.Data.Sqlite;
using Npgsql;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// The state of a database just after the app migrated it, and the way back to it between test classes, in place (the
/// app's open connections and pools stay valid; no database is dropped under a running host).
/// </summary>
/// <remarks>
/// SQLite: a copy made with SQLite's online backup API, written back the same way (schema, triggers, seed rows and
/// AUTOINCREMENT counters included). PostgreSQL: the rows present after migration (the audit chain head) are copied into
/// a schema of their own; a reset truncates every table of <c>public</c> but the migrations history, with
/// <c>session_replication_role = replica</c> so that the audit log's append-only triggers (which refuse DELETE and
/// TRUNCATE to the app) stand aside for that one transaction, and copies the rows back.
/// </remarks>
public abstract class DatabaseSnapshot
{
    public static async Task<DatabaseSnapshot> TakeAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        DatabaseSnapshot snapshot = database.Provider == "Postgres"
            ? new PostgresSnapshot(database.ConnectionString)
            : new SqliteSnapshot(database.ConnectionString);
        await snapshot.TakeAsync();
        return snapshot;
    }

    public abstract Task RestoreAsync();

    protected abstract Task TakeAsync();

    private sealed class SqliteSnapshot(string connectionString) : DatabaseSnapshot
    {
        private readonly string templateConnectionString = new SqliteConnectionStringBuilder
        {
            // In a folder of its own: tests look at the files beside the database (their modes, WAL and SHM).
            DataSource = Path.Combine(Directory.CreateTempSubdirectory("privacydesk-snapshot-").FullName, "template.db"),
            Pooling = false,
        }.ToString();

        protected override Task TakeAsync() => CopyAsync(connectionString, templateConnectionString);

        public override Task RestoreAsync() => CopyAsync(templateConnectionString, connectionString);

        private static async Task CopyAsync(string from, string to)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var source = new SqliteConnection(from);
                    await using var destination = new SqliteConnection(to);
                    await source.OpenAsync();
                    await destination.OpenAsync();
                    source.BackupDatabase(destination);
                    return;
                }
                catch (SqliteException e) when (attempt < 20 && e.SqliteErrorCode is 5 or 6)
                {
                    // SQLITE_BUSY / SQLITE_LOCKED: a background service of the app is between two statements.
                    await Task.Delay(50);
                }
            }
        }
    }

    private sealed class PostgresSnapshot(string connectionString) : DatabaseSnapshot
    {
        private const string Schema = "pd_test_snapshot";
        private readonly List<string> tables = [];
        private readonly List<(string Table, string Columns)> seeded = [];
        private readonly List<(string Sequence, long Value)> sequences = [];

        protected override async Task TakeAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var list = new NpgsqlCommand(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' ORDER BY tablename",
                connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            await Execute(connection, $"DROP SCHEMA IF EXISTS {Schema} CASCADE; CREATE SCHEMA {Schema}");
            foreach (var table in tables)
            {
                if (await Scalar<bool>(connection, $"SELECT EXISTS (SELECT 1 FROM public.\"{table}\")"))
                {
                    // Generated columns cannot be inserted; the database computes them again.
                    var columns = await Scalar<string>(connection, $"""
                        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                        WHERE attrelid = 'public."{table}"'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
                        """);
                    await Execute(connection, $"CREATE TABLE {Schema}.\"{table}\" AS SELECT {columns} FROM public.\"{table}\"");
                    seeded.Add((table, columns));
                }
            }

            await using (var list = new NpgsqlCommand(
                "SELECT quote_ident(sequencename), last_value FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL",
                connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    sequences.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }
        }

        public override async Task RestoreAsync()
        {
            var sql = new System.Text.StringBuilder();
            sql.Append("SET LOCAL session_replication_role = replica; SET LOCAL lock_timeout = '60s';");
            sql.Append("TRUNCATE TABLE ").AppendJoin(", ", tables.Select(t => $"public.\"{t}\"")).Append(" RESTART IDENTITY;");
            foreach (var (table, columns) in seeded)
            {
                sql.Append($"INSERT INTO public.\"{table}\" ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM {Schema}.\"{table}\";");
            }

            foreach (var (sequence, value) in sequences)
            {
                sql.Append($"SELECT setval('public.{sequence}', {value});");
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand(sql.ToString(), connection, transaction))
            {
                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        private static async Task Execute(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync())!;
        }
    }
}
