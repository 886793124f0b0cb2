using System.Net;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Dashboard;
using PrivacyDesk.Web.Tests.Infrastructure;
using static PrivacyDesk.Web.Tests.Staff.Dashboard.TestRequests;
using Microsoft.Extensions.Time.Testing;

namespace PrivacyDesk.Web.Tests.Staff.Dashboard;

/// <summary>
/// An app whose database holds exactly the requests of <see cref="DashboardData"/>, so that every dashboard figure can
/// be asserted exactly. Tests of the class add users only, never requests.
/// </summary>
public abstract class DashboardAppFixture : AppFixture, IAsyncLifetime
{
    public DashboardData Data { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["AbuseProtection:PostsPerMinute"] = "100000" };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Data = await WithDbAsync(db => DashboardData.SeedAsync(db, DateTimeOffset.UtcNow));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}

public sealed class DashboardSqliteFixture : DashboardAppFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class DashboardPostgresFixture : DashboardAppFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}

/// <summary>The known data set (T = today in JST). Expected figures are spelled out in the tests.</summary>
public sealed record DashboardData(DateTimeOffset Now, DateOnly Today, PrivacyRequest OverdueBy6, PrivacyRequest OverdueBy2, PrivacyRequest DecidedUnsent)
{
    public static async Task<DashboardData> SeedAsync(PrivacyDeskDbContext db, DateTimeOffset now)
    {
        var t = TestRequests.Today(now);
        var month = new DateOnly(t.Year, t.Month, 1);
        async Task<PrivacyRequest> New(RequestFamily family, DateTimeOffset receivedAt) => await NewAsync(db, family, receivedAt, now);

        // Running deadlines (14-day target): overdue by 6 and 2 days, due in 2 days, due today (late evening), due in 13 days.
        var overdueBy6 = (await New(RequestFamily.Correction, Jst(t.AddDays(-20), 10))).Accept(Jst(t.AddDays(-20), 11));
        var overdueBy2 = await New(RequestFamily.StopUse, Jst(t.AddDays(-16), 10));
        var dueIn2 = await New(RequestFamily.Correction, Jst(t.AddDays(-12), 10));
        var dueToday = await New(RequestFamily.StopUse, Jst(t.AddDays(-14), 23, 50));
        var far = await New(RequestFamily.Correction, Jst(t.AddDays(-1), 10));

        // Decided (and approved) but its letter not issued: the answer has not gone out, so the clock runs on and it is
        // overdue by 26 days (ADR 0016). Paused waiting for the fee: no due date.
        var decided = (await New(RequestFamily.Correction, Jst(t.AddDays(-40), 10))).Accept(Jst(t.AddDays(-40), 11)).Decide(Jst(t.AddDays(-10), 10));
        var paused = (await New(RequestFamily.Disclosure, Jst(t.AddDays(-40), 10))).Accept(Jst(t.AddDays(-40), 11));

        // Closed, in JST calendar days: 1 (23:30 → 00:30 the next day: 0 days in UTC), 3; 2, 4; 10.
        var closed = new[]
        {
            (await New(RequestFamily.Correction, Jst(t.AddDays(-50), 23, 30))).CloseAt(Jst(t.AddDays(-49), 0, 30)),
            (await New(RequestFamily.Correction, Jst(t.AddDays(-50), 10))).CloseAt(Jst(t.AddDays(-47), 10)),
            (await New(RequestFamily.StopUse, Jst(t.AddDays(-60), 9))).CloseAt(Jst(t.AddDays(-58), 18)),
            (await New(RequestFamily.StopUse, Jst(t.AddDays(-60), 9))).CloseAt(Jst(t.AddDays(-56), 9)),
        };
        var disclosed = (await New(RequestFamily.Disclosure, Jst(t.AddDays(-70), 9))).Accept(Jst(t.AddDays(-70), 10))
            .Pay(1000, month, Jst(t.AddDays(-70), 10)).Decide(Jst(t.AddDays(-60), 9));
        disclosed.Close("staff", Jst(t.AddDays(-60), 9));

        // Withdrawn requests: not in the median. Their payments: +1000 three months ago refunded last month; +1000 and
        // -1000 two months ago; +1000 thirteen months ago (outside the 12 months shown).
        var withdrawnCorrection = await New(RequestFamily.Correction, Jst(t.AddDays(-30), 10));
        withdrawnCorrection.Withdraw("member", Jst(t.AddDays(-20), 10));
        var refunded = (await New(RequestFamily.Disclosure, Jst(t.AddDays(-120), 10))).Accept(Jst(t.AddDays(-120), 11))
            .Pay(1000, month.AddMonths(-3).AddDays(4), Jst(t.AddDays(-100), 10)).Pay(-1000, month.AddMonths(-1).AddDays(9), Jst(t.AddDays(-40), 10));
        var netZero = (await New(RequestFamily.Disclosure, Jst(t.AddDays(-120), 10))).Accept(Jst(t.AddDays(-120), 11))
            .Pay(1000, month.AddMonths(-2).AddDays(2), Jst(t.AddDays(-90), 10)).Pay(-1000, month.AddMonths(-2).AddDays(19), Jst(t.AddDays(-80), 10));
        var old = (await New(RequestFamily.Disclosure, Jst(t.AddDays(-500), 10))).Accept(Jst(t.AddDays(-500), 11))
            .Pay(1000, month.AddMonths(-13).AddDays(1), Jst(t.AddDays(-400), 10));
        foreach (var request in new[] { refunded, netZero, old })
        {
            request.Withdraw("member", Jst(t.AddDays(-1), 10));
        }

        PrivacyRequest[] all = [overdueBy6, overdueBy2, dueIn2, dueToday, far, decided, paused, .. closed, disclosed, withdrawnCorrection, refunded, netZero, old];
        db.Requests.AddRange(all);
        await db.SaveChangesAsync();
        return new DashboardData(now, t, overdueBy6, overdueBy2, decided);
    }
}

public abstract class DashboardTests(DashboardAppFixture app)
{
    private Task<DashboardSnapshot> SnapshotAsync() =>
        app.WithDbAsync(db => new DashboardQuery(db, new FakeTimeProvider(app.Data.Now)).GetAsync());

    [Fact]
    public async Task Counts_are_grouped_by_status_and_family()
    {
        var s = await SnapshotAsync();

        Assert.Equal(16, s.Total);
        Assert.Equal(7, s.Open);
        Assert.Equal(2, s.Count(RequestStatus.Received, RequestFamily.Correction));
        Assert.Equal(2, s.Count(RequestStatus.Received, RequestFamily.StopUse));
        Assert.Equal(0, s.Count(RequestStatus.Received, RequestFamily.Disclosure));
        Assert.Equal(1, s.Count(RequestStatus.InReview, RequestFamily.Correction));
        Assert.Equal(1, s.Count(RequestStatus.Decided, RequestFamily.Correction));
        Assert.Equal(1, s.Count(RequestStatus.AwaitingFee, RequestFamily.Disclosure));
        Assert.Equal(2, s.Count(RequestStatus.Closed, RequestFamily.Correction));
        Assert.Equal(5, s.Count(RequestStatus.Closed));
        Assert.Equal(3, s.Count(RequestStatus.Withdrawn, RequestFamily.Disclosure));
        Assert.Equal(4, s.Count(RequestStatus.Withdrawn));
        Assert.Equal(7, s.Count(RequestFamily.Correction));
        Assert.Equal(4, s.Count(RequestFamily.StopUse));
        Assert.Equal(5, s.Count(RequestFamily.Disclosure));
    }

    [Fact]
    public async Task Median_days_to_close_counts_JST_calendar_days_of_closed_requests_only()
    {
        var s = await SnapshotAsync();

        // Correction: 1 (23:30 → 00:30 JST is a new day, though the same UTC day) and 3: median 2.
        var correction = s.CloseTimes.ByFamily.Single(f => f.Family == RequestFamily.Correction);
        Assert.Equal(2.0, correction.MedianDays);
        Assert.Equal(2, correction.Closed);
        Assert.Equal(3.0, s.CloseTimes.ByFamily.Single(f => f.Family == RequestFamily.StopUse).MedianDays);
        Assert.Equal(10.0, s.CloseTimes.ByFamily.Single(f => f.Family == RequestFamily.Disclosure).MedianDays);

        // All: 1, 2, 3, 4, 10 (withdrawn requests have a ClosedAt too, and are left out).
        Assert.Equal(3.0, s.CloseTimes.MedianDays);
        Assert.Equal(5, s.CloseTimes.Closed);
    }

    [Fact]
    public async Task Overdue_list_and_due_soon_count_follow_the_running_deadlines()
    {
        var s = await SnapshotAsync();

        Assert.Equal(3, s.OverdueTotal);
        Assert.Equal([app.Data.DecidedUnsent.Id, app.Data.OverdueBy6.Id, app.Data.OverdueBy2.Id], s.Overdue.Select(o => o.Id));
        Assert.Equal([26, 6, 2], s.Overdue.Select(o => o.DaysOverdue));
        Assert.Equal(app.Data.Today.AddDays(-6), s.Overdue[1].DueDate);
        Assert.All(s.Overdue, o => Assert.False(o.AwaitingApproval)); // approved at once (four-eyes off in this data)
        Assert.Equal(0, s.AwaitingApproval);
        Assert.All(s.Overdue, o => Assert.Equal("山田 *", o.MaskedPrincipalName));
        Assert.Equal(2, s.DueSoon);
    }

    [Fact]
    public async Task Fee_income_sums_payments_and_refunds_by_month_for_the_last_twelve_months()
    {
        var s = await SnapshotAsync();
        var month = new DateOnly(app.Data.Today.Year, app.Data.Today.Month, 1);

        Assert.Equal(12, s.FeeIncome.Count);
        Assert.Equal((month.AddMonths(-11).Year, month.AddMonths(-11).Month), (s.FeeIncome[0].Year, s.FeeIncome[0].Month));
        Assert.Equal((month.Year, month.Month), (s.FeeIncome[^1].Year, s.FeeIncome[^1].Month));
        long Amount(int monthsAgo) => s.FeeIncome[11 - monthsAgo].AmountYen;
        Assert.Equal(1000, Amount(0));
        Assert.Equal(-1000, Amount(1));
        Assert.Equal(0, Amount(2));
        Assert.Equal(2, s.FeeIncome[9].Payments);
        Assert.Equal(1000, Amount(3));
        Assert.Equal(1000, s.FeeIncome.Sum(m => m.AmountYen));
        Assert.Equal(5, s.FeeIncome.Sum(m => m.Payments));
    }

    [Fact]
    public async Task Auditors_read_the_dashboard_with_charts_tables_and_masked_names()
    {
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var home = await auditor.Client.GetDocumentAsync("/staff");
        Assert.NotNull(home.QuerySelector("#staff-menu a[href='/staff/dashboard']"));

        var page = await auditor.Client.GetDocumentAsync("/staff/dashboard");
        var overdue = page.QuerySelectorAll("#overdue tbody tr");
        Assert.Equal([app.Data.DecidedUnsent.ReferenceNumber, app.Data.OverdueBy6.ReferenceNumber, app.Data.OverdueBy2.ReferenceNumber], overdue.Select(r => r.GetAttribute("data-reference")));
        Assert.Contains("承認済み・通知書発行待ち", overdue[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/staff/requests/{app.Data.OverdueBy6.Id}", overdue[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain(GivenName, page.Text(), StringComparison.Ordinal);
        Assert.Contains("山田 *", page.QuerySelector("#overdue")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.QuerySelector("#counts tr[data-status='Closed'] td[data-family='Correction']")!.TextContent.Trim());
        Assert.Equal("16", page.QuerySelector("#counts tr[data-status='all'] td[data-family='all']")!.TextContent.Trim());
        Assert.Contains("2件", page.QuerySelector("#due-soon-count")!.TextContent, StringComparison.Ordinal);

        // Charts: inline SVG named by title and desc, one bar per status and per month, no inline style anywhere.
        foreach (var (id, bars) in new[] { ("status-chart", 9), ("fee-chart", 12) })
        {
            var svg = page.QuerySelector($"#{id} svg")!;
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.Equal($"{id}-title {id}-desc", svg.GetAttribute("aria-labelledby"));
            Assert.False(string.IsNullOrWhiteSpace(page.GetElementById($"{id}-title")?.TextContent));
            Assert.False(string.IsNullOrWhiteSpace(page.GetElementById($"{id}-desc")?.TextContent));
            Assert.Equal(bars, svg.QuerySelectorAll("rect.pd-chart__bar").Length);
        }

        Assert.Single(page.QuerySelectorAll("#fee-chart rect.pd-chart__bar--negative"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Equal(12, page.QuerySelectorAll("#fees tbody tr").Length);

        var english = await auditor.Client.GetDocumentAsync("/staff/dashboard?culture=en");
        Assert.Contains("Overdue requests", english.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = app.Factory.CreateBrowserClient();
        using var response = await anonymous.GetAsync(new Uri("/staff/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/staff/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

public sealed class DashboardTestsOnSqlite(DashboardSqliteFixture app) : DashboardTests(app), IClassFixture<DashboardSqliteFixture>;

[Trait("Provider", "Postgres")]
public sealed class DashboardTestsOnPostgres(DashboardPostgresFixture app) : DashboardTests(app), IClassFixture<DashboardPostgresFixture>;

public sealed class MedianTests
{
    [Fact]
    public void The_median_of_a_histogram_is_the_middle_value_or_the_mean_of_the_two_middle_values()
    {
        Assert.Null(Median.FromHistogram([]));
        Assert.Null(Median.FromHistogram([(5, 0)]));
        Assert.Equal(7, Median.FromHistogram([(7, 1)]));
        Assert.Equal(2, Median.FromHistogram([(1, 1), (2, 1), (9, 1)]));
        Assert.Equal(5.5, Median.FromHistogram([(9, 1), (2, 1)]));
        Assert.Equal(3, Median.FromHistogram([(1, 2), (3, 5), (100, 3)]));

        // Even count with the middle pair across two buckets: 1,1,1,4,4,4 → (1 + 4) / 2.
        Assert.Equal(2.5, Median.FromHistogram([(4, 3), (1, 3)]));
    }

    [Fact]
    public void The_histogram_median_equals_the_median_of_the_expanded_values()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var histogram = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (random.Next(0, 40), (long)random.Next(1, 6)))
                .GroupBy(h => h.Item1).Select(g => (g.Key, g.Sum(h => h.Item2))).ToList();
            var values = histogram.SelectMany(h => Enumerable.Repeat(h.Key, (int)h.Item2)).Order().ToList();
            var expected = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2.0;
            Assert.Equal(expected, Median.FromHistogram(histogram));
        }
    }
}
