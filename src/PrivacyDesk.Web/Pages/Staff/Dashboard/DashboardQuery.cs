using PrivacyDesk.Domain.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Pages.Staff.Queue;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>
/// The figures of the staff dashboard. Every figure is aggregated in the database (GROUP BY, COUNT, SUM, or a bounded
/// list read through an index), never by loading requests, so the page stays quick with a million requests:
/// <list type="bullet">
/// <item>counts by status and family: one GROUP BY over Requests;</item>
/// <item>median days to close: one GROUP BY (family, JST days from receipt to close) giving a histogram of at most
/// families × distinct day counts rows, whose median is read off in memory (see <see cref="Median"/> and ADR 0009);</item>
/// <item>overdue and due-soon: COUNTs and one short page on the (IsOpen, DueAt, Id) index;</item>
/// <item>fee income: one GROUP BY (year, month) over the payments of the last 12 months.</item>
/// </list>
/// </summary>
public sealed class DashboardQuery(PrivacyDeskDbContext db, TimeProvider clock)
{
    public const int OverdueListSize = 50;
    public const int FeeMonths = 12;

    public async Task<DashboardSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var today = JapaneseText.JstDate(clock.GetUtcNow());
        var requests = db.Requests.AsNoTracking();

        var counts = await requests
            .GroupBy(r => new { r.Status, r.Family })
            .Select(g => new StatusFamilyCount(g.Key.Status, g.Key.Family, g.Count()))
            .ToListAsync(cancellationToken);

        var closeTimes = await CloseTimesAsync(cancellationToken);

        var overdueQuery = DeadlineWork.Overdue(requests, today);
        var overdueTotal = await overdueQuery.CountAsync(cancellationToken);
        var overdue = await overdueQuery
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Take(OverdueListSize)
            .Select(r => new
            {
                r.Id, r.ReferenceNumber, r.Family, r.Status, DueAt = r.DueAt!.Value, r.AssignedTo, r.Principal.FullName,
                Approved = r.Decision != null && r.Decision.ApprovedAt != null,
            })
            .ToListAsync(cancellationToken);
        var dueSoon = await DeadlineWork.DueSoon(requests, today).CountAsync(cancellationToken);
        var awaitingApproval = await DeadlineWork.AwaitingApproval(requests).CountAsync(cancellationToken);

        var fees = await FeeIncomeAsync(today, cancellationToken);

        return new DashboardSnapshot(
            today,
            counts,
            closeTimes,
            overdue.Select(o => new OverdueRow(o.Id, o.ReferenceNumber, o.Family, o.Status,
                Domain.Text.JapaneseText.JstDate(o.DueAt), -DeadlineWork.DaysLeft(o.DueAt, today),
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

    /// <summary>Median JST calendar days from receipt to close, per family and overall, from one histogram query.</summary>
    private async Task<CloseTimes> CloseTimesAsync(CancellationToken cancellationToken)
    {
        var buckets = await db.Database
            .SqlQueryRaw<CloseDaysBucket>(CloseDaysSql.For(db.Database))
            .ToListAsync(cancellationToken);

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
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(FeeMonths - 1));
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var sums = await db.FeePayments.AsNoTracking()
            .Where(p => p.PaidOn >= first && p.PaidOn < next)
            .GroupBy(p => new { p.PaidOn.Year, p.PaidOn.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Amount = g.Sum(p => (long)p.AmountYen), Payments = g.Count() })
            .ToListAsync(cancellationToken);

        return Enumerable.Range(0, FeeMonths)
            .Select(i => first.AddMonths(i))
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
            days = $"{SqliteJstDay("ClosedAt")} - {SqliteJstDay("ReceivedAt")}";
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

    /// <summary>The JST day number of a binary-stored instant: UTC ticks (clock ticks minus the offset) + 9 h, in whole days.</summary>
    private static string SqliteJstDay(string column) =>
        $"(((\"{column}\" >> 11) * 1000 - ((\"{column}\" << 53) >> 53) * {TimeSpan.TicksPerMinute} + {TimeSpan.FromHours(9).Ticks}) / {TimeSpan.TicksPerDay})";
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
