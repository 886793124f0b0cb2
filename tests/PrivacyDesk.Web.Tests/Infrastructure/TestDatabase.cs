using Npgsql;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>A fresh, empty database for one test class: a temp SQLite file, or a new database on the PostgreSQL test cluster.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Admin connection string of the throwaway cluster that scripts/test.sh starts.</summary>
    public const string PostgresVariable = "PRIVACYDESK_TEST_POSTGRES";

    private readonly string? postgresAdmin;
    private readonly string? databaseName;
    private readonly string? sqliteDirectory;

    private TestDatabase(string provider, string connectionString, string? postgresAdmin, string? databaseName, string? sqliteDirectory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.postgresAdmin = postgresAdmin;
        this.databaseName = databaseName;
        this.sqliteDirectory = sqliteDirectory;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    public static TestDatabase CreateSqlite()
    {
        var directory = Directory.CreateTempSubdirectory("privacydesk-sqlite-").FullName;
        return new TestDatabase("Sqlite", $"Data Source={Path.Combine(directory, "test.db")};Pooling=False", null, null, directory);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set and {PostgresCases.RequireVariable}=1 requires the PostgreSQL cases. Run the tests " +
                "with scripts/test.sh, which starts a throwaway PostgreSQL cluster and sets it.");
        }

        var name = $"pd_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, admin, name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresAdmin is not null && databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        if (sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }
}
