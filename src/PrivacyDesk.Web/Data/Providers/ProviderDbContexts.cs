using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data.Configurations;

namespace PrivacyDesk.Web.Data.Providers;

/// <summary>SQLite: the embedded default. Its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : PrivacyDeskDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date-time type: EF stores DateTimeOffset as text it cannot compare or sort in SQL. All our
        // instants are UTC, so a sortable 64-bit number keeps deadline sorting and period filters in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQLite reads a name search's page from covering indexes (no INCLUDE there: see the method).
        PrivacyRequestConfiguration.CoverQueueIndexes(builder.Entity<PrivacyRequest>());
    }
}

/// <summary>PostgreSQL: the real server the tests run against. Its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : PrivacyDeskDbContext(options);

/// <summary>SQL Server: the production provider. Its migrations are in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerDbContext(DbContextOptions<SqlServerDbContext> options) : PrivacyDeskDbContext(options);

// Design-time factories let `dotnet ef` build each provider's model without starting the app or reaching a server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteDbContext>(), DatabaseProvider.Sqlite, "Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<PostgresDbContext>(), DatabaseProvider.Postgres, "Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerDbContext>
{
    public SqlServerDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqlServerDbContext>(), DatabaseProvider.SqlServer, "Server=localhost;Database=design;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
