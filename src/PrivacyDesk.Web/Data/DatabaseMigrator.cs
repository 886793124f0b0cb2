using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Data;

/// <summary>Applies the provider's migrations. Never EnsureCreated: every schema change is a reviewed migration.</summary>
public sealed class DatabaseMigrator(
    PrivacyDeskDbContext db, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger, SecretsAtRest secrets)
{
    // An arbitrary constant that names PrivacyDesk's migration lock among PostgreSQL advisory locks.
    private const string LockMigrations = "SELECT pg_advisory_lock(7236150921004117)";
    private const string UnlockMigrations = "SELECT pg_advisory_unlock(7236150921004117)";

    /// <summary>How long one migration statement may run (a backfill of a million rows), instead of the default 30 s.</summary>
    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        // Several instances may start at once on one database. EF serialises migrations on SQL Server and SQLite; on
        // PostgreSQL we hold a session advisory lock around the whole step, so each migration is applied exactly once.
        var isPostgres = options.Value.Provider == DatabaseProvider.Postgres;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (isPostgres)
            {
                await db.Database.ExecuteSqlRawAsync(LockMigrations, cancellationToken);
            }

            if (options.Value.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging lets readers (the queue, the status page) run while a submission is being written.
                // Set before the migrations (it is kept in the file): each migration commits on its own, and a commit
                // in WAL mode syncs one log instead of creating, syncing and deleting a rollback journal
                // (docs/benchmarks/startup.md). Idempotent on a file already in WAL mode.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            logger.LogInformation("Database provider {Provider}: {PendingCount} pending migration(s)", options.Value.Provider, pending.Count);
            if (pending.Count > 0)
            {
                // Only when something is to be applied: on an up-to-date store Migrate would re-read the history under
                // its own lock table (docs/benchmarks/startup.md, ADR 0028). Its diff of the migrations snapshot against
                // the model (the pending-model-changes warning) is turned off in DatabaseRegistration: that is a check of
                // the build, made by MigrationsMatchModelTests and by .ci/run for all three contexts. A migration another
                // instance applies meanwhile is either seen here as pending (Migrate then takes EF's lock and applies
                // only what is still missing) or already in the history.
                // A migration may rewrite every request: the QueueSearchKeys backfill took over 30 s at 1,000,000
                // requests on a loaded PostgreSQL (docs/benchmarks/queue.md, session 8). At the providers' default
                // 30 s the statement was cancelled, the migration rolled back and every start would try again.
                var timeout = db.Database.GetCommandTimeout();
                db.Database.SetCommandTimeout(MigrationCommandTimeout);
                try
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    db.Database.SetCommandTimeout(timeout);
                }

                logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", pending));
            }

            // Rows written before sealing (cookie keys, authenticator secrets, mail bodies, letters) are sealed now,
            // under the same lock on PostgreSQL, so that a copy of the database holds nothing to act as anyone.
            await secrets.SealLegacyAsync(cancellationToken);
        }
        finally
        {
            if (isPostgres)
            {
                await db.Database.ExecuteSqlRawAsync(UnlockMigrations, CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }
}
