using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Data;

/// <summary>Applies the provider's migrations. Never EnsureCreated: every schema change is a reviewed migration.</summary>
public sealed class DatabaseMigrator(PrivacyDeskDbContext db, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        logger.LogInformation("Database provider {Provider}: {PendingCount} pending migration(s)", options.Value.Provider, pending.Count);

        // EF takes a database-wide migration lock, so two app instances starting together apply each migration once.
        await db.Database.MigrateAsync(cancellationToken);

        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers (the queue, the status page) run while a submission is being written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (pending.Count > 0)
        {
            logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", pending));
        }
    }
}
