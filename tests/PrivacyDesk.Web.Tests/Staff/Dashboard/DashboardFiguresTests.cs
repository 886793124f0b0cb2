using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Pages.Staff.Dashboard;
using PrivacyDesk.Web.Pages.Staff.Requests;
using PrivacyDesk.Web.Tests.Infrastructure;
using static PrivacyDesk.Web.Tests.Staff.Dashboard.TestRequests;

namespace PrivacyDesk.Web.Tests.Staff.Dashboard;

/// <summary>
/// The dashboard's counters (ADR 0027) against a full count of the rows: after random operations through the domain,
/// after two contexts saving at once, after a save that fails, and after drift put in behind the app's back.
/// </summary>
public abstract class DashboardFiguresTests(AppFixture app)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>The counters equal the full count, and the page's snapshot from them equals the one counted from the rows, on several days.</summary>
    private async Task AssertFiguresMatchRowsAsync()
    {
        var drift = await app.WithDbAsync(db => new DashboardFiguresRecount(db).RunAsync(rebuild: false, CancellationToken.None));
        Assert.Empty(drift);
        foreach (var days in new[] { -30, 0, 2, 15, 60 })
        {
            var clock = new FakeTimeProvider(Now.AddDays(days));
            var maintained = await app.WithDbAsync(db => new DashboardQuery(db, clock).GetAsync());
            var counted = await app.WithDbAsync(db => new DashboardQuery(db, clock).CountFromRowsAsync());
            Assert.Equal(Describe(counted), Describe(maintained));
        }
    }

    private static string Describe(DashboardSnapshot s) => string.Join("\n",
    [
        string.Join(",", s.Counts.Where(c => c.Count != 0).OrderBy(c => c.Status).ThenBy(c => c.Family).Select(c => $"{c.Status}/{c.Family}={c.Count}")),
        $"median {s.CloseTimes.MedianDays} over {s.CloseTimes.Closed}: " + string.Join(",", s.CloseTimes.ByFamily.Select(f => $"{f.Family}={f.MedianDays}/{f.Closed}")),
        $"overdue {s.OverdueTotal} [{string.Join(",", s.Overdue.Select(o => o.ReferenceNumber))}], due soon {s.DueSoon}, awaiting {s.AwaitingApproval}",
        string.Join(",", s.FeeIncome.Select(m => $"{m.Year}-{m.Month}:{m.AmountYen}/{m.Payments}")),
    ]);

    private async Task<Guid> FileAsync(RequestFamily family, DateTimeOffset receivedAt) =>
        await app.WithDbAsync(async db =>
        {
            var request = await NewAsync(db, family, receivedAt, Now);
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

    /// <summary>Loads the request as the back office does, applies <paramref name="change"/> and saves; false when the domain refused it.</summary>
    private Task<bool> ChangeAsync(Guid id, Action<PrivacyRequest> change) =>
        app.WithScopeAndReturnAsync(async services =>
        {
            var request = (await services.GetRequiredService<RequestWorkbench>().LoadAsync(id, CancellationToken.None))!;
            try
            {
                change(request);
            }
            catch (DomainRuleException)
            {
                return false;
            }

            await services.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
            return true;
        });

    [Fact]
    public async Task Random_operations_keep_every_figure_equal_to_a_full_count()
    {
        var random = new Random(17);
        var families = Enum.GetValues<RequestFamily>();
        var ids = new List<Guid>();
        var applied = 0;
        for (var step = 0; step < 160; step++)
        {
            // Instants spread over five months before now, at any hour (JST day boundaries included).
            var at = Now.AddDays(-random.Next(0, 150)).AddMinutes(-random.Next(0, 24 * 60));
            if (ids.Count < 5 || random.Next(4) == 0)
            {
                ids.Add(await FileAsync(families[random.Next(families.Length)], at));
                continue;
            }

            var id = ids[random.Next(ids.Count)];
            var later = at.AddDays(random.Next(0, 40));
            var paidOn = Domain.Text.JapaneseText.JstDate(later);
            Action<PrivacyRequest> operation = random.Next(10) switch
            {
                0 => r => r.StartIdentityCheck("staff", later),
                1 => r => r.Accept(later),
                2 => r => r.Pay(1000, paidOn, later),
                3 => r => r.Pay(-1000, paidOn.AddMonths(-random.Next(0, 3)), later),
                4 => r => r.Decide(later),
                5 => r => r.Close("staff", later),
                6 => r => r.Withdraw("member", later),
                7 => r => r.ReturnForDeficiency("書類が不鮮明です。", "staff", later),
                8 => r => r.ExtendDeadline(paidOn.AddDays(random.Next(20, 60)), "複雑な請求のため。", "staff", later),
                _ => r => r.Reject("本人確認ができません。", "staff", later),
            };
            if (await ChangeAsync(id, operation))
            {
                applied++;
            }

            if (step % 40 == 39)
            {
                await AssertFiguresMatchRowsAsync();
            }
        }

        // About a fifth of the random steps are refused by the status machine (and change nothing); the rest must be enough.
        Assert.True(applied > 25, $"only {applied} operations were allowed by the domain");
        await AssertFiguresMatchRowsAsync();
    }

    [Fact]
    public async Task Two_contexts_saving_at_once_both_count()
    {
        var first = await FileAsync(RequestFamily.Correction, Now.AddDays(-20));
        var second = await FileAsync(RequestFamily.Correction, Now.AddDays(-20));

        // Two instances at once: each files requests and moves another along; every change touches the same counters.
        async Task Work(Guid existing)
        {
            for (var i = 0; i < 8; i++)
            {
                await FileAsync(RequestFamily.StopUse, Now.AddDays(-3));
            }

            Assert.True(await ChangeAsync(existing, r => r.Accept(Now.AddDays(-19))));
            Assert.True(await ChangeAsync(existing, r => r.Decide(Now.AddDays(-2))));
            Assert.True(await ChangeAsync(existing, r => r.Close("staff", Now.AddDays(-1))));
        }

        await Task.WhenAll(Task.Run(() => Work(first)), Task.Run(() => Work(second)));
        await AssertFiguresMatchRowsAsync();
    }

    [Fact]
    public async Task A_save_that_fails_moves_no_counter()
    {
        var id = await FileAsync(RequestFamily.StopUse, Now.AddDays(-5));

        // Two editors load the same version; the second save is refused (optimistic concurrency) and must leave nothing behind.
        await app.WithScopeAndReturnAsync(async services =>
        {
            await using var otherScope = services.CreateAsyncScope();
            var mine = (await services.GetRequiredService<RequestWorkbench>().LoadAsync(id, CancellationToken.None))!;
            var theirs = (await otherScope.ServiceProvider.GetRequiredService<RequestWorkbench>().LoadAsync(id, CancellationToken.None))!;
            theirs.Withdraw("member", Now);
            await otherScope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();

            mine.Reject("本人確認ができません。", "staff", Now);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => services.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync());
            return 0;
        });

        await AssertFiguresMatchRowsAsync();
    }

    [Fact]
    public async Task Recount_reports_drift_and_rebuilds_the_counters_from_the_rows()
    {
        await FileAsync(RequestFamily.Disclosure, Now.AddDays(-1));
        await app.WithDbAsync(db => db.DashboardFigures
            .Where(f => f.Figure == DashboardFigureKind.StatusFamily && f.KeyA == (int)RequestStatus.Received && f.KeyB == (int)RequestFamily.Disclosure)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Count, f => f.Count + 5)));

        var drift = await app.WithDbAsync(db => new DashboardFiguresRecount(db).RunAsync(rebuild: false, CancellationToken.None));
        var found = Assert.Single(drift);
        Assert.Equal((DashboardFigureKind.StatusFamily, (int)RequestStatus.Received, (int)RequestFamily.Disclosure), (found.Figure, found.KeyA, found.KeyB));
        Assert.Equal(found.CountedCount + 5, found.StoredCount);

        // Checking changed nothing; rebuilding does.
        Assert.Single(await app.WithDbAsync(db => new DashboardFiguresRecount(db).RunAsync(rebuild: false, CancellationToken.None)));
        Assert.Single(await app.WithDbAsync(db => new DashboardFiguresRecount(db).RunAsync(rebuild: true, CancellationToken.None)));
        await AssertFiguresMatchRowsAsync();
    }
}

public sealed class DashboardFiguresTestsOnSqlite(SqliteAppFixture app) : DashboardFiguresTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class DashboardFiguresTestsOnPostgres(PostgresAppFixture app) : DashboardFiguresTests(app), IClassFixture<PostgresAppFixture>;
