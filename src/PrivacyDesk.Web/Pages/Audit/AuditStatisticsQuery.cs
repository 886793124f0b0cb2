using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;

using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit;

/// <param name="DaysToRespondMedian">
/// Median JST calendar days from receipt to the answer: the result letter issued (Closed) or the rejection. A decision
/// awaiting approval or its letter is not an answer (ADR 0016).
/// </param>
/// <param name="DaysToRespondP95">95th percentile of the same (nearest rank).</param>
/// <param name="OverdueNow">Requests of the period unanswered past their due day now.</param>
/// <param name="AnsweredLate">Requests of the period answered after their due day.</param>
/// <param name="FeesByMonth">Fees collected by the JST month of payment (refunds negative), in the period.</param>
public sealed record AuditStatistics(
    DateOnly From,
    DateOnly To,
    int Received,
    IReadOnlyDictionary<RequestKind, int> ByKind,
    IReadOnlyDictionary<RequestKind, IReadOnlyDictionary<KindOutcome, int>> OutcomesByKind,
    int Answered,
    double? DaysToRespondMedian,
    double? DaysToRespondP95,
    int OverdueNow,
    int AnsweredLate,
    IReadOnlyList<(string Month, int Yen, int Count)> FeesByMonth)
{
    public int FeesTotalYen => FeesByMonth.Sum(f => f.Yen);
}

/// <summary>
/// Figures for the annual review over the requests received in a period (JST days). A year is a few thousand requests
/// at most, so they are computed here from one projection, with the domain's own deadline clock.
/// </summary>
public sealed class AuditStatisticsQuery(PrivacyDeskDbContext db, TimeProvider clock)
{
    public async Task<AuditStatistics> ComputeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (start, end) = AuditTime.Range(from, to);
        var requests = await db.Requests.AsNoTracking()
            .Where(r => r.ReceivedAt >= start!.Value && r.ReceivedAt < end!.Value)
            .Select(r => new
            {
                r.Id,
                r.Kinds,
                r.ReceivedAt,
                r.ResponseTargetDays,
                r.DeadlineExtensionDays,
                History = r.StatusHistory.ToList(),
                Outcomes = r.Decision == null ? new List<KindDecision>() : r.Decision.Outcomes.ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var byKind = Enum.GetValues<RequestKind>().ToDictionary(k => k, k => requests.Count(r => r.Kinds.Contains(k)));
        var outcomes = Enum.GetValues<RequestKind>().ToDictionary(k => k, k => (IReadOnlyDictionary<KindOutcome, int>)requests
            .SelectMany(r => r.Outcomes).Where(o => o.Kind == k).GroupBy(o => o.Outcome).ToDictionary(g => g.Key, g => g.Count()));

        var days = new List<int>();
        int overdue = 0, late = 0;
        foreach (var r in requests)
        {
            var state = DeadlineClock.For(r.ResponseTargetDays, r.DeadlineExtensionDays).Evaluate(r.ReceivedAt, r.History, now);
            overdue += state.IsOverdue ? 1 : 0;
            late += state.AnsweredLate ? 1 : 0;
            var answer = r.History.Where(c => c.To is RequestStatus.Closed or RequestStatus.Rejected).Select(c => (DateTimeOffset?)c.At).Min();
            if (answer is { } at)
            {
                days.Add(JapaneseText.JstDate(at).DayNumber - JapaneseText.JstDate(r.ReceivedAt).DayNumber);
            }
        }

        days.Sort();
        var payments = await db.FeePayments.AsNoTracking()
            .Where(p => p.PaidOn >= from && p.PaidOn <= to)
            .Select(p => new { p.PaidOn, p.AmountYen })
            .ToListAsync(cancellationToken);
        var fees = payments.GroupBy(p => $"{p.PaidOn.Year:D4}-{p.PaidOn.Month:D2}").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(p => p.AmountYen), g.Count())).ToList();

        return new AuditStatistics(from, to, requests.Count, byKind, outcomes, days.Count, Median(days), Percentile(days, 0.95), overdue, late, fees);
    }

    public static double? Median(IReadOnlyList<int> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;

    /// <summary>Nearest rank: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double? Percentile(IReadOnlyList<int> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
