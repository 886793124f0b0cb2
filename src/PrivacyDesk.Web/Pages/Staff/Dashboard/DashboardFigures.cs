using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>Which dashboard figure a <see cref="DashboardFigure"/> row counts, and what its two keys mean.</summary>
public enum DashboardFigureKind
{
    /// <summary>Requests by status (KeyA) and family (KeyB).</summary>
    StatusFamily = 1,

    /// <summary>Closed requests by family (KeyA) and JST calendar days from receipt to close (KeyB): an exact histogram.</summary>
    CloseDays = 2,

    /// <summary>Running requests (open, clock not paused) by the <see cref="DateOnly.DayNumber"/> of their JST due day (KeyA).</summary>
    RunningDueDay = 3,

    /// <summary>Fee payments (refunds negative) by JST month of PaidOn as yyyymm (KeyA): how many, and the sum in yen.</summary>
    FeeMonth = 4,
}

/// <summary>
/// One counter of the dashboard (ADR 0027): maintained at write time by <see cref="DashboardFigureChanges"/> in the same
/// transaction as the change that moves it, so the dashboard reads a few hundred small rows instead of counting every
/// request. <see cref="Count"/> and <see cref="AmountYen"/> are only ever changed by atomic increments.
/// </summary>
public sealed class DashboardFigure
{
    public DashboardFigureKind Figure { get; set; }
    public int KeyA { get; set; }
    public int KeyB { get; set; }
    public long Count { get; set; }
    public long AmountYen { get; set; }
}

/// <summary>
/// Keeps <see cref="DashboardFigure"/> right. At every save, the tracked requests and fee payments that are added,
/// changed or deleted are compared with what was loaded (EF's original values): the counters of the old state lose one,
/// those of the new state gain one. This runs inside <c>PrivacyDeskDbContext.SaveChanges</c>, next to the audit, so no
/// handler can forget it; the increments are written after the rows, in the same transaction (one is opened when the
/// caller has none), as <c>count = count + d</c> upserts so that two instances saving at once both count.
/// Bulk SQL that bypasses the context (ExecuteUpdate on requests, a migration that rewrites them, rows copied in SQL by a
/// benchmark) must be followed by <see cref="DashboardFiguresRecount"/> (the <c>recount-dashboard</c> command).
/// </summary>
public static class DashboardFigureChanges
{
    private const string Savepoint = "dashboard_figures";

    /// <summary>The counter keys one request is counted under in its current or original state.</summary>
    internal static IEnumerable<(DashboardFigureKind Figure, int A, int B)> Keys(
        RequestStatus status, RequestFamily family, DateTimeOffset receivedAt, DateTimeOffset? closedAt, bool isOpen, DateTimeOffset? dueAt)
    {
        yield return (DashboardFigureKind.StatusFamily, (int)status, (int)family);
        if (status == RequestStatus.Closed && closedAt is { } closed)
        {
            yield return (DashboardFigureKind.CloseDays, (int)family,
                JapaneseText.JstDate(closed).DayNumber - JapaneseText.JstDate(receivedAt).DayNumber);
        }

        if (isOpen && dueAt is { } due)
        {
            yield return (DashboardFigureKind.RunningDueDay, JapaneseText.JstDate(due).DayNumber, 0);
        }
    }

    internal static int Month(DateOnly day) => (day.Year * 100) + day.Month;

    /// <summary>The net change to each counter made by the pending changes of <paramref name="db"/>, sorted by key (a fixed lock order).</summary>
    public static IReadOnlyList<DashboardFigure> Capture(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deltas = new Dictionary<(DashboardFigureKind, int, int), (long Count, long Amount)>();
        void Add((DashboardFigureKind, int, int) key, long count, long amount)
        {
            var (c, a) = deltas.GetValueOrDefault(key);
            deltas[key] = (c + count, a + amount);
        }

        foreach (var entry in db.ChangeTracker.Entries<PrivacyRequest>())
        {
            foreach (var (values, sign) in States(entry))
            {
                foreach (var key in Keys(
                             values.GetValue<RequestStatus>(nameof(PrivacyRequest.Status)),
                             values.GetValue<RequestFamily>(nameof(PrivacyRequest.Family)),
                             values.GetValue<DateTimeOffset>(nameof(PrivacyRequest.ReceivedAt)),
                             values.GetValue<DateTimeOffset?>(nameof(PrivacyRequest.ClosedAt)),
                             values.GetValue<bool>(nameof(PrivacyRequest.IsOpen)),
                             values.GetValue<DateTimeOffset?>(nameof(PrivacyRequest.DueAt))))
                {
                    Add(key, sign, 0);
                }
            }
        }

        foreach (var entry in db.ChangeTracker.Entries<FeePayment>())
        {
            foreach (var (values, sign) in States(entry))
            {
                Add((DashboardFigureKind.FeeMonth, Month(values.GetValue<DateOnly>(nameof(FeePayment.PaidOn))), 0),
                    sign, sign * (long)values.GetValue<int>(nameof(FeePayment.AmountYen)));
            }
        }

        return deltas
            .Where(d => d.Value.Count != 0 || d.Value.Amount != 0)
            .OrderBy(d => d.Key)
            .Select(d => new DashboardFigure { Figure = d.Key.Item1, KeyA = d.Key.Item2, KeyB = d.Key.Item3, Count = d.Value.Count, AmountYen = d.Value.Amount })
            .ToList();
    }

    /// <summary>The states an entry leaves (-1) and enters (+1) in this save.</summary>
    private static IEnumerable<(PropertyValues Values, int Sign)> States(EntityEntry entry) => entry.State switch
    {
        EntityState.Added => [(entry.CurrentValues, 1)],
        EntityState.Deleted => [(entry.OriginalValues, -1)],
        EntityState.Modified => [(entry.OriginalValues, -1), (entry.CurrentValues, 1)],
        _ => [],
    };

    /// <summary>
    /// Runs <paramref name="save"/> (the audit chain and the normal save) and then the counter increments in one
    /// transaction: the caller's (under a savepoint, so that a failed save leaves no increment behind), or one opened here.
    /// </summary>
    public static async Task<int> SaveChangesAsync(
        PrivacyDeskDbContext db, Func<CancellationToken, Task<int>> save, bool sync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(save);
        db.ChangeTracker.DetectChanges();
        var deltas = Capture(db);
        if (deltas.Count == 0)
        {
            return await save(cancellationToken);
        }

        var ambient = db.Database.CurrentTransaction;
        if (ambient is null)
        {
            return sync
                ? db.Database.CreateExecutionStrategy().Execute(() => InOwnTransactionAsync(db, save, deltas, sync: true, CancellationToken.None).GetAwaiter().GetResult())
                : await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => InOwnTransactionAsync(db, save, deltas, sync: false, ct), cancellationToken);
        }

        var savepoint = ambient.SupportsSavepoints && db.Database.AutoSavepointsEnabled;
        if (savepoint)
        {
            await Run(sync, () => ambient.CreateSavepoint(Savepoint), () => ambient.CreateSavepointAsync(Savepoint, cancellationToken));
        }

        try
        {
            var result = await save(cancellationToken);
            await ApplyAsync(db, deltas, sync, cancellationToken);
            return result;
        }
        catch when (savepoint)
        {
            await Run(sync, () => ambient.RollbackToSavepoint(Savepoint), () => ambient.RollbackToSavepointAsync(Savepoint, CancellationToken.None));
            throw;
        }
    }

    private static async Task<int> InOwnTransactionAsync(
        PrivacyDeskDbContext db, Func<CancellationToken, Task<int>> save, IReadOnlyList<DashboardFigure> deltas, bool sync, CancellationToken cancellationToken)
    {
        IDbContextTransaction own = sync ? db.Database.BeginTransaction() : await db.Database.BeginTransactionAsync(cancellationToken);
        await using (own)
        {
            var result = await save(cancellationToken);
            await ApplyAsync(db, deltas, sync, cancellationToken);
            await Run(sync, own.Commit, () => own.CommitAsync(cancellationToken));
            return result;
        }
    }

    private static async Task Run(bool sync, Action action, Func<Task> actionAsync)
    {
        if (sync)
        {
            action();
        }
        else
        {
            await actionAsync();
        }
    }

    /// <summary>Adds each delta to its counter, creating the counter at the first change (an atomic upsert per provider).</summary>
    private static async Task ApplyAsync(PrivacyDeskDbContext db, IReadOnlyList<DashboardFigure> deltas, bool sync, CancellationToken cancellationToken)
    {
        var sql = UpsertSql(db.Database);
        foreach (var d in deltas)
        {
            object[] parameters = [(int)d.Figure, d.KeyA, d.KeyB, d.Count, d.AmountYen];
            if (sync)
            {
                db.Database.ExecuteSqlRaw(sql, parameters);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
            }
        }
    }

    private static string UpsertSql(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database) => database.IsSqlServer()
        ? """
          MERGE [DashboardFigures] WITH (HOLDLOCK) AS t
          USING (VALUES ({0}, {1}, {2}, {3}, {4})) AS s ([Figure], [KeyA], [KeyB], [Count], [AmountYen])
          ON t.[Figure] = s.[Figure] AND t.[KeyA] = s.[KeyA] AND t.[KeyB] = s.[KeyB]
          WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Count], [AmountYen] = t.[AmountYen] + s.[AmountYen]
          WHEN NOT MATCHED THEN INSERT ([Figure], [KeyA], [KeyB], [Count], [AmountYen]) VALUES (s.[Figure], s.[KeyA], s.[KeyB], s.[Count], s.[AmountYen]);
          """
        : """
          INSERT INTO "DashboardFigures" ("Figure", "KeyA", "KeyB", "Count", "AmountYen") VALUES ({0}, {1}, {2}, {3}, {4})
          ON CONFLICT ("Figure", "KeyA", "KeyB") DO UPDATE SET "Count" = "DashboardFigures"."Count" + excluded."Count",
              "AmountYen" = "DashboardFigures"."AmountYen" + excluded."AmountYen"
          """;
}
