using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data.Providers;

namespace PrivacyDesk.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default), SqlServer or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string. For SQLite it may be left empty: the file goes in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where SQLite's file (and other local state) lives; created on first run. Relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the app starts. Turn off where a release step runs <c>migrate</c> instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How often the execution strategy retries a transient failure (a lock or command timeout, a dropped connection,
    /// SQLite busy) before the member is told that nothing was stored. 0 turns retrying off.
    /// </summary>
    public int MaxRetryCount { get; set; } = 3;

    /// <summary>The longest wait between two retries (the strategy backs off exponentially, with jitter, up to this).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the store. Configuration is read when the first context is made, not now: hosts such as the test
    /// factory add their settings after the app's own registration code has run.
    /// </summary>
    public static IServiceCollection AddPrivacyDeskDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                options.DataDirectory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.DataDirectory));
                if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    Directory.CreateDirectory(options.DataDirectory);
                    options.ConnectionString = new SqliteConnectionStringBuilder
                    {
                        DataSource = Path.Combine(options.DataDirectory, "privacydesk.db"),
                        Pooling = true,
                    }.ToString();
                }

                if (options.Provider == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    // 0600 files in a 0700 folder, before SQLite creates anything (see SqliteFileModes).
                    SqliteFileModes.Secure(options.ConnectionString, options.DataDirectory);
                }

                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException(
                        $"Database:ConnectionString is required for the {options.Provider} provider. " +
                        "データベースの接続文字列（Database:ConnectionString）を設定してください。");
                }
            });

        services.AddDbContext<SqliteDbContext>((sp, b) => Configure(b, DatabaseProvider.Sqlite, ConnectionString(sp), Options(sp)));
        services.AddDbContext<PostgresDbContext>((sp, b) => Configure(b, DatabaseProvider.Postgres, ConnectionString(sp), Options(sp)));
        services.AddDbContext<SqlServerDbContext>((sp, b) => Configure(b, DatabaseProvider.SqlServer, ConnectionString(sp), Options(sp)));
        services.AddScoped<PrivacyDeskDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Sqlite => sp.GetRequiredService<SqliteDbContext>(),
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresDbContext>(),
            DatabaseProvider.SqlServer => sp.GetRequiredService<SqlServerDbContext>(),
            var other => throw new InvalidOperationException($"Unknown database provider '{other}'."),
        });

        return services;
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!;

    private static DatabaseOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    /// <summary>
    /// The one place that sets provider options, shared by the app and the design-time factories. Without
    /// <paramref name="retries"/> the defaults of <see cref="DatabaseOptions"/> apply.
    /// </summary>
    public static DbContextOptionsBuilder<TContext> Configure<TContext>(
        DbContextOptionsBuilder<TContext> builder, DatabaseProvider provider, string connectionString, DatabaseOptions? retries = null)
        where TContext : DbContext
    {
        Configure((DbContextOptionsBuilder)builder, provider, connectionString, retries ?? new DatabaseOptions());
        return builder;
    }

    private static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, DatabaseOptions retries)
    {
        // Transient failures are retried by the provider's execution strategy. Every explicit transaction runs inside the
        // strategy (StoreResilience.RetriedAsync), so a retry replays the whole unit of work after a rollback; the intake
        // asks the database whether a commit whose answer was lost went through before filing again.
        const string History = "__EFMigrationsHistory";
        var count = Math.Max(0, retries.MaxRetryCount);
        var delay = retries.MaxRetryDelay;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o =>
                {
                    o.MigrationsHistoryTable(History);
                    o.ExecutionStrategy(d => new SqliteRetryingExecutionStrategy(d, count, delay));
                });
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString, o =>
                {
                    o.MigrationsHistoryTable(History);
                    o.EnableRetryOnFailure(count, delay, null);
                });
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o =>
                {
                    o.MigrationsHistoryTable(History);
                    o.EnableRetryOnFailure(count, delay, null);
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }

        // Parameter values are personal data: never log them, whatever the log level.
        builder.EnableSensitiveDataLogging(false);

        // Migrate would otherwise build the design-time model and the migrations snapshot's model and diff them before
        // applying anything (its pending-model-changes check): the larger part of an empty store's start-up even with
        // compiled models (docs/benchmarks/startup.md, session 10). Whether the migrations match the model is a
        // property of the build, not of the store, so it is checked where the build is checked: MigrationsMatchModelTests
        // for all three contexts, and `dotnet ef migrations has-pending-model-changes` in .ci/run.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
