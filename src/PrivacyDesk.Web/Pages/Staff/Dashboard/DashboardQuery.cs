using PrivacyDesk.Domain.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Data.Migrations;
using PrivacyDesk.Web.Pages.Staff.Queue;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>
/// The figures of the staff dashboard (ADR 0027). The counts are read from the counters that every save keeps
/// (<see cref="DashboardFigure"/>, <see cref="DashboardFigureChanges"/>): a few hundred small rows whatever the number of
/// requests, so the page costs the same at a thousand requests as at a million:
/// <list type="bullet">
/// <item>counts by status and family: the status × family counters;</item>
/// <item>median days to close: the exact (family, JST days) histogram, whose median is read off in memory (<see cref="Median"/>, ADR 0009);</item>
/// <item>overdue and due-soon counts: the running requests per JST due day, summed before today and over today … today + 3;</item>
/// <item>fee income: the per-month counters of the last 12 months;</item>
/// <item>the first 50 overdue requests and the decisions awaiting approval: short reads through indexes.</item>
/// </list>
/// <see cref="CountFromRowsAsync"/> computes the same snapshot by counting the rows (GROUP BY over every request), the
/// way the page did before: the reference the tests and <c>recount-dashboard</c> compare the counters with.
/// </summary>
public sealed class DashboardQuery(PrivacyDeskDbContext db, TimeProvider clock)
{
    public const int OverdueListSize = 50;
    public const int FeeMonths = 12;

    public async Task<DashboardSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var today = JapaneseText.JstDate(clock.GetUtcNow());
        var figures = await db.DashboardFigures.AsNoTracking()
            .Where(f => f.Count != 0 || f.AmountYen != 0)
            .ToListAsync(cancellationToken);
        List<DashboardFigure> Of(DashboardFigureKind kind) => figures.Where(f => f.Figure == kind).ToList();

        var counts = Of(DashboardFigureKind.StatusFamily)
            .Select(f => new StatusFamilyCount((RequestStatus)f.KeyA, (RequestFamily)f.KeyB, checked((int)f.Count)))
            .ToList();
        var closeTimes = CloseTimes(Of(DashboardFigureKind.CloseDays)
            .Select(f => new CloseDaysBucket { Family = f.KeyA, Days = f.KeyB, Count = f.Count }).ToList());
        var dueDays = Of(DashboardFigureKind.RunningDueDay);
        var overdueTotal = checked((int)dueDays.Where(f => f.KeyA < today.DayNumber).Sum(f => f.Count));
        var dueSoon = checked((int)dueDays.Where(f => f.KeyA >= today.DayNumber && f.KeyA <= today.DayNumber + DeadlineWork.DueSoonDays).Sum(f => f.Count));
        var months = Of(DashboardFigureKind.FeeMonth).ToDictionary(f => f.KeyA);
        var fees = FeeMonthsEndingIn(today)
            .Select(m => months.GetValueOrDefault(DashboardFigureChanges.Month(m)) is { } f
                ? new MonthlyFee(m.Year, m.Month, f.AmountYen, checked((int)f.Count))
                : new MonthlyFee(m.Year, m.Month, 0, 0))
            .ToList();
        return await SnapshotAsync(today, counts, closeTimes, overdueTotal, dueSoon, fees, cancellationToken);
    }

    /// <summary>The same snapshot counted from the rows (every request grouped): the reference for the counters.</summary>
    public async Task<DashboardSnapshot> CountFromRowsAsync(CancellationToken cancellationToken = default)
    {
        var today = JapaneseText.JstDate(clock.GetUtcNow());
        var requests = db.Requests.AsNoTracking();

        var counts = await requests
            .GroupBy(r => new { r.Status, r.Family })
            .Select(g => new StatusFamilyCount(g.Key.Status, g.Key.Family, g.Count()))
            .ToListAsync(cancellationToken);

        var closeTimes = CloseTimes(await db.Database
            .SqlQueryRaw<CloseDaysBucket>(CloseDaysSql.For(db.Database))
            .ToListAsync(cancellationToken));
        var overdueTotal = await DeadlineWork.Overdue(requests, today).CountAsync(cancellationToken);
        var dueSoon = await DeadlineWork.DueSoon(requests, today).CountAsync(cancellationToken);
        var fees = await FeeIncomeAsync(today, cancellationToken);
        return await SnapshotAsync(today, counts, closeTimes, overdueTotal, dueSoon, fees, cancellationToken);
    }

    /// <summary>The snapshot from the counts, with the two short reads both ways share: the overdue list and the decisions awaiting approval.</summary>
    private async Task<DashboardSnapshot> SnapshotAsync(
        DateOnly today, List<StatusFamilyCount> counts, CloseTimes closeTimes, int overdueTotal, int dueSoon, IReadOnlyList<MonthlyFee> fees,
        CancellationToken cancellationToken)
    {
        var requests = db.Requests.AsNoTracking();
        var overdue = await DeadlineWork.Overdue(requests, today)
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Take(OverdueListSize)
            .Select(r => new
            {
                r.Id, r.ReferenceNumber, r.Family, r.Status, DueAt = r.DueAt!.Value, r.AssignedTo, r.Principal.FullName,
                Approved = r.Decision != null && r.Decision.ApprovedAt != null,
            })
            .ToListAsync(cancellationToken);
        var awaitingApproval = await DeadlineWork.AwaitingApproval(requests).CountAsync(cancellationToken);

        return new DashboardSnapshot(
            today,
            counts,
            closeTimes,
            overdue.Select(o => new OverdueRow(o.Id, o.ReferenceNumber, o.Family, o.Status,
                JapaneseText.JstDate(o.DueAt), -DeadlineWork.DaysLeft(o.DueAt, today),
                StaffQueueQuery.MaskName(o.FullName), o.AssignedTo)
            {
                AwaitingApproval = o.Status == RequestStatus.Decided && !o.Approved,
            }).ToList(),
            overdueTotal,
            dueSoon,
            fees)
        {
            AwaitingApproval = awaitingApproval,
        };
    }

    /// <summary>The current JST month and the <see cref="FeeMonths"/> - 1 before it, oldest first, as first days.</summary>
    private static IEnumerable<DateOnly> FeeMonthsEndingIn(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(FeeMonths - 1));
        return Enumerable.Range(0, FeeMonths).Select(first.AddMonths);
    }

    /// <summary>Median JST calendar days from receipt to close, per family and overall, from the (family, days) histogram.</summary>
    private static CloseTimes CloseTimes(IReadOnlyList<CloseDaysBucket> buckets)
    {

        var byFamily = Enum.GetValues<RequestFamily>()
            .Select(f =>
            {
                var histogram = buckets.Where(b => b.Family == (int)f).Select(b => (b.Days, b.Count)).ToList();
                return new FamilyCloseTime(f, Median.FromHistogram(histogram), histogram.Sum(h => h.Count));
            })
            .ToList();
        var all = buckets.GroupBy(b => b.Days).Select(g => (g.Key, g.Sum(b => b.Count))).ToList();
        return new CloseTimes(Median.FromHistogram(all), all.Sum(a => a.Item2), byFamily);
    }

    /// <summary>Fee income per JST month of PaidOn (refunds are negative), the current month and the 11 before it, zeros filled in.</summary>
    private async Task<IReadOnlyList<MonthlyFee>> FeeIncomeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var first = FeeMonthsEndingIn(today).First();
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var sums = await db.FeePayments.AsNoTracking()
            .Where(p => p.PaidOn >= first && p.PaidOn < next)
            .GroupBy(p => new { p.PaidOn.Year, p.PaidOn.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Amount = g.Sum(p => (long)p.AmountYen), Payments = g.Count() })
            .ToListAsync(cancellationToken);

        return FeeMonthsEndingIn(today)
            .Select(m =>
            {
                var found = sums.FirstOrDefault(s => s.Year == m.Year && s.Month == m.Month);
                return new MonthlyFee(m.Year, m.Month, found?.Amount ?? 0, found?.Payments ?? 0);
            })
            .ToList();
    }
}

/// <summary>One row of the close-time histogram: how many closed requests of a family took <see cref="Days"/> JST days.</summary>
public sealed class CloseDaysBucket
{
    public int Family { get; set; }
    public int Days { get; set; }
    public long Count { get; set; }
}

/// <summary>
/// The close-time histogram in each provider's SQL. Whole JST calendar days between receipt and close are not a function
/// of the elapsed time (23:00 to 01:00 is one day), so each side is turned into its JST date in SQL:
/// <list type="bullet">
/// <item>PostgreSQL: <c>timestamptz AT TIME ZONE 'Asia/Tokyo'</c>, cast to date, dates subtracted;</item>
/// <item>SQL Server: <c>SWITCHOFFSET(…, '+09:00')</c> cast to date, DATEDIFF in days;</item>
/// <item>SQLite: instants are stored by EF's DateTimeOffsetToBinaryConverter as <c>(clock ticks / 1000) &lt;&lt; 11 | offset
/// minutes</c> (11-bit signed); the UTC ticks are recovered, moved by +9 h and divided into days. Japan has no daylight
/// saving time, so a fixed offset is exact.</item>
/// </list>
/// </summary>
internal static class CloseDaysSql
{
    public static string For(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
    {
        string days;
        if (database.IsNpgsql())
        {
            days = "(\"ClosedAt\" AT TIME ZONE 'Asia/Tokyo')::date - (\"ReceivedAt\" AT TIME ZONE 'Asia/Tokyo')::date";
        }
        else if (database.IsSqlServer())
        {
            days = "DATEDIFF(day, CAST(SWITCHOFFSET(\"ReceivedAt\", '+09:00') AS date), CAST(SWITCHOFFSET(\"ClosedAt\", '+09:00') AS date))";
        }
        else if (database.IsSqlite())
        {
            days = $"{DashboardFiguresBackfill.SqliteJstDay("ClosedAt")} - {DashboardFiguresBackfill.SqliteJstDay("ReceivedAt")}";
        }
        else
        {
            throw new NotSupportedException($"No close-time SQL for {database.ProviderName}.");
        }

        var closed = ((int)RequestStatus.Closed).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"""
            SELECT "Family", "Days", COUNT(*) AS "Count"
            FROM (SELECT "Family", ({days}) AS "Days" FROM "Requests" WHERE "Status" = {closed} AND "ClosedAt" IS NOT NULL) AS closed
            GROUP BY "Family", "Days"
            """;
    }
}

/// <summary>The median of a histogram (value → how many times it occurs), exact, without expanding it.</summary>
public static class Median
{
    /// <summary>The median, or null when the histogram is empty; the mean of the two middle values for an even count.</summary>
    public static double? FromHistogram(IEnumerable<(int Value, long Count)> histogram)
    {
        var sorted = histogram.Where(h => h.Count > 0).OrderBy(h => h.Value).ToList();
        var total = sorted.Sum(h => h.Count);
        if (total == 0)
        {
            return null;
        }

        // Zero-based positions of the middle element(s) in the sorted list of all values.
        var lower = (total - 1) / 2;
        var upper = total / 2;
        int? lowerValue = null;
        long seen = 0;
        foreach (var (value, count) in sorted)
        {
            seen += count;
            if (lowerValue is null && seen > lower)
            {
                lowerValue = value;
            }

            if (seen > upper)
            {
                return (lowerValue!.Value + value) / 2.0;
            }
        }

        throw new InvalidOperationException("Unreachable: the positions are within the total.");
    }
}
