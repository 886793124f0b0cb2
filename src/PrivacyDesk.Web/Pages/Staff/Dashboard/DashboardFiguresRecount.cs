using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Data.Migrations;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>A counter whose stored value differs from the full count.</summary>
public sealed record DashboardFigureDrift(DashboardFigureKind Figure, int KeyA, int KeyB, long StoredCount, long CountedCount, long StoredYen, long CountedYen);

/// <summary>
/// Compares the dashboard's counters with a full count of the rows (<see cref="DashboardFiguresBackfill.SelectSql"/>) and,
/// unless only checking, replaces them with it in one transaction. The counters table is locked first (PostgreSQL,
/// SQL Server; SQLite has one writer at a time anyway), so a save that already incremented is counted once (the rebuild
/// waits for its commit and then sees its rows) and a save that increments later adds to the rebuilt figure, not to the
/// one it replaced.
/// </summary>
public sealed class DashboardFiguresRecount(PrivacyDeskDbContext db)
{
    public async Task<IReadOnlyList<DashboardFigureDrift>> RunAsync(bool rebuild, CancellationToken cancellationToken)
    {
        var provider = DashboardFiguresBackfill.ProviderOf(db.Database);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (rebuild)
            {
                var lockSql = provider switch
                {
                    DeadlineFromReceiptBackfill.Provider.Postgres => "LOCK TABLE \"DashboardFigures\" IN EXCLUSIVE MODE",
                    DeadlineFromReceiptBackfill.Provider.SqlServer => "SELECT TOP 0 1 FROM [DashboardFigures] WITH (TABLOCKX, HOLDLOCK)",
                    // Takes SQLite's write lock before the count is read.
                    _ => "DELETE FROM \"DashboardFigures\" WHERE 0 = 1",
                };
                await db.Database.ExecuteSqlRawAsync(lockSql, ct);
            }

            var drift = await DriftAsync(provider, ct);
            if (rebuild && drift.Count > 0)
            {
                await db.Database.ExecuteSqlRawAsync(DashboardFiguresBackfill.Sql(provider), ct);
            }

            await transaction.CommitAsync(ct);
            return drift;
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<DashboardFigureDrift>> DriftAsync(DeadlineFromReceiptBackfill.Provider provider, CancellationToken cancellationToken)
    {
        var counted = await db.Database.SqlQueryRaw<DashboardFigureRow>(DashboardFiguresBackfill.SelectSql(provider)).ToListAsync(cancellationToken);
        var stored = await db.DashboardFigures.AsNoTracking().ToListAsync(cancellationToken);
        var byKey = counted.ToDictionary(c => ((DashboardFigureKind)c.Figure, c.KeyA, c.KeyB), c => (c.Count, c.AmountYen));
        var storedByKey = stored.ToDictionary(s => (s.Figure, s.KeyA, s.KeyB), s => (s.Count, s.AmountYen));
        return byKey.Keys.Union(storedByKey.Keys)
            .Select(k => (Key: k, Stored: storedByKey.GetValueOrDefault(k), Counted: byKey.GetValueOrDefault(k)))
            .Where(x => x.Stored != x.Counted)
            .OrderBy(x => x.Key)
            .Select(x => new DashboardFigureDrift(x.Key.Item1, x.Key.Item2, x.Key.Item3, x.Stored.Item1, x.Counted.Item1, x.Stored.Item2, x.Counted.Item2))
            .ToList();
    }

    /// <summary>A row of the full count.</summary>
    private sealed class DashboardFigureRow
    {
        public int Figure { get; set; }
        public int KeyA { get; set; }
        public int KeyB { get; set; }
        public long Count { get; set; }
        public long AmountYen { get; set; }
    }
}

/// <summary>
/// <c>recount-dashboard [--check]</c>: counts the dashboard's figures from the rows, prints every counter that drifted
/// (figure and keys, stored and counted), and replaces the counters with the count. With <c>--check</c> it changes
/// nothing and exits 1 when anything drifted. Needed after rows were changed in SQL outside the app.
/// </summary>
internal sealed class RecountDashboardCommand : AdminCommand
{
    public override string Name => "recount-dashboard";
    public override string Usage => "recount-dashboard [--check]";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var check = args.Contains("--check", StringComparer.Ordinal);
        var recount = new DashboardFiguresRecount(services.GetRequiredService<PrivacyDeskDbContext>());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var drift = await recount.RunAsync(rebuild: !check, cancellationToken);
        var text = CultureInfo.InvariantCulture;
        foreach (var d in drift.Take(20))
        {
            Console.WriteLine(string.Create(text,
                $"drift: {d.Figure} ({d.KeyA}, {d.KeyB}): stored {d.StoredCount} / {d.StoredYen} yen, counted {d.CountedCount} / {d.CountedYen} yen"));
        }

        var outcome = check ? "nothing changed (--check)" : "rebuilt from the rows";
        Console.WriteLine(drift.Count == 0
            ? string.Create(text, $"Dashboard figures match the rows ({watch.ElapsedMilliseconds} ms).")
            : string.Create(text, $"{drift.Count} dashboard figures drifted; {outcome} ({watch.ElapsedMilliseconds} ms)."));
        return check && drift.Count > 0 ? 1 : 0;
    }
}
