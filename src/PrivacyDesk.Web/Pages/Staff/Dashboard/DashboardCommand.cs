using System.Diagnostics;
using System.Globalization;
using PrivacyDesk.Domain;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>
/// <c>dashboard [--repeat N] [--full-count]</c>: prints the dashboard's figures (identifiers and counts only) and how long
/// computing them took, N times in a row. For operators without a browser, and the driver of
/// <c>scripts/bench-dashboard.sh</c>. <c>--full-count</c> counts the rows instead of reading the counters (the way the
/// page worked before ADR 0027): the benchmark's baseline, and a second opinion on the figures.
/// </summary>
internal sealed class DashboardCommand : AdminCommand
{
    public override string Name => "dashboard";
    public override string Usage => "dashboard [--repeat N] [--full-count]";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var repeat = IntOption(args, "--repeat", 1, 1, 1_000);
        var fullCount = args.Contains("--full-count", StringComparer.Ordinal);
        var timings = new List<double>();
        DashboardSnapshot? snapshot = null;
        for (var i = 0; i < repeat; i++)
        {
            // A fresh scope (and DbContext) per run, as a page request would have.
            await using var scope = services.CreateAsyncScope();
            var query = scope.ServiceProvider.GetRequiredService<DashboardQuery>();
            var watch = Stopwatch.StartNew();
            snapshot = fullCount ? await query.CountFromRowsAsync(cancellationToken) : await query.GetAsync(cancellationToken);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        var s = snapshot!;
        var text = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(text, $"Dashboard for {s.Today:yyyy-MM-dd} (JST): {s.Total:N0} requests, {s.Open:N0} open, {s.OverdueTotal:N0} overdue, {s.DueSoon:N0} due within 3 days"));
        string Days(double? days) => days?.ToString("0.#", text) ?? "-";
        Console.WriteLine(string.Create(text, $"Median days to close: {Days(s.CloseTimes.MedianDays)} over {s.CloseTimes.Closed:N0} closed; ")
            + string.Join(", ", s.CloseTimes.ByFamily.Select(f => $"{Labels.Family(f.Family).English}: {Days(f.MedianDays)}")));
        Console.WriteLine("Fee income: " + string.Join(", ", s.FeeIncome.Select(m => string.Create(text, $"{m.Year}-{m.Month:D2} {m.AmountYen:N0}"))));
        Console.WriteLine("First overdue: " + string.Join(", ", s.Overdue.Take(5).Select(o => o.ReferenceNumber)));
        var sorted = timings.Order().ToList();
        double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        Console.WriteLine(string.Create(text,
            $"Timing over {repeat} runs: first {timings[0]:0} ms, p50 {Percentile(0.5):0} ms, p95 {Percentile(0.95):0} ms, max {sorted[^1]:0} ms"));
        return 0;
    }
}
