using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
}

public static class DatabaseRegistration
{
    public static IServiceCollection AddPrivacyDeskDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        var connectionString = options.ConnectionString;
        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(dataDirectory);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, "privacydesk.db"),
                Pooling = true,
            }.ToString();
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Database:ConnectionString is required for the {options.Provider} provider. " +
                "データベースの接続文字列（Database:ConnectionString）を設定してください。");
        }

        services.Configure<DatabaseOptions>(o =>
        {
            o.Provider = options.Provider;
            o.ConnectionString = connectionString;
            o.DataDirectory = dataDirectory;
            o.MigrateOnStartup = options.MigrateOnStartup;
        });

        _ = options.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<PrivacyDeskDbContext, SqliteDbContext>(b =>
                Configure(b, DatabaseProvider.Sqlite, connectionString)),
            DatabaseProvider.Postgres => services.AddDbContext<PrivacyDeskDbContext, PostgresDbContext>(b =>
                Configure(b, DatabaseProvider.Postgres, connectionString)),
            DatabaseProvider.SqlServer => services.AddDbContext<PrivacyDeskDbContext, SqlServerDbContext>(b =>
                Configure(b, DatabaseProvider.SqlServer, connectionString)),
            _ => throw new InvalidOperationException($"Unknown database provider '{options.Provider}'."),
        };

        return services;
    }

    /// <summary>The one place that sets provider options, shared by the app and the design-time factories.</summary>
    public static DbContextOptionsBuilder<TContext> Configure<TContext>(DbContextOptionsBuilder<TContext> builder, DatabaseProvider provider, string connectionString)
        where TContext : DbContext
    {
        Configure((DbContextOptionsBuilder)builder, provider, connectionString);
        return builder;
    }

    private static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        const string History = "__EFMigrationsHistory";
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(History));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(History).EnableRetryOnFailure(3));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o => o.MigrationsHistoryTable(History).EnableRetryOnFailure(3));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }

        // Parameter values are personal data: never log them, whatever the log level.
        builder.EnableSensitiveDataLogging(false);
    }
}
