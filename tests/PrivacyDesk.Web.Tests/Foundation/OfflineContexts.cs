using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Data.Providers;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// A context per provider configured exactly as the app configures it (DatabaseRegistration.Configure), for checks of the
/// model and the migrations that reach no server: the connection strings are never opened.
/// </summary>
internal static class OfflineContexts
{
    public static TheoryData<string> Providers() => new() { nameof(DatabaseProvider.Sqlite), nameof(DatabaseProvider.Postgres), nameof(DatabaseProvider.SqlServer) };

    public static PrivacyDeskDbContext Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDbContext(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteDbContext>(), provider, "Data Source=:memory:").Options),
        DatabaseProvider.Postgres => new PostgresDbContext(DatabaseRegistration.Configure(new DbContextOptionsBuilder<PostgresDbContext>(), provider, "Host=localhost;Database=model").Options),
        DatabaseProvider.SqlServer => new SqlServerDbContext(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqlServerDbContext>(), provider, "Server=localhost;Database=model;TrustServerCertificate=True").Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
