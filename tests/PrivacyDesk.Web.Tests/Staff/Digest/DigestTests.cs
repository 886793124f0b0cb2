using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Staff.Digest;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Mail;
using PrivacyDesk.Web.Tests.Staff.Dashboard;
using static PrivacyDesk.Web.Tests.Staff.Dashboard.TestRequests;

namespace PrivacyDesk.Web.Tests.Staff.Digest;

/// <summary>The app with a real SMTP server; the digest's own timer is off, the tests run it for chosen days.</summary>
public abstract class DigestAppFixture : MailAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Digest:Enabled"] = "false",
        ["Organization:PublicBaseUrl"] = "https://privacydesk.example.jp/",
    };
}

public sealed class DigestSqliteFixture : DigestAppFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class DigestPostgresFixture : DigestAppFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}

/// <summary>
/// The daily digest end to end: requests in the database, the digest queued for a day, the outbox delivering to the test
/// SMTP server. Each test uses its own day and its own users, so that tests sharing the database do not interfere.
/// </summary>
public abstract class DigestTests(DigestAppFixture app)
{
    private const string BaseUrl = "https://privacydesk.example.jp";

    private Task<DigestRunResult> RunAsync(DateOnly day, WebApplicationFactory<Program>? host = null) =>
        WithScopeAsync(host ?? app.MailHost, services => services.GetRequiredService<DailyDigest>().SendAsync(day));

    private static async Task<T> WithScopeAsync<T>(WebApplicationFactory<Program> host, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task<List<PrivacyRequest>> SaveAsync(Func<PrivacyDeskDbContext, Task<PrivacyRequest[]>> build) =>
        await app.WithDbAsync(async db =>
        {
            var requests = await build(db);
            db.Requests.AddRange(requests);
            await db.SaveChangesAsync();
            return requests.ToList();
        });

    private async Task DeliverAllAsync()
    {
        while ((await app.ProcessAsync()).Claimed > 0)
        {
        }
    }

    private List<ReceivedMail> MailsTo(string email, DateOnly day) => app.Smtp.Received
        .Where(m => m.EnvelopeTo.Contains(email, StringComparer.OrdinalIgnoreCase)
                    && (m.Message.Subject ?? string.Empty).Contains(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        .ToList();

    private Task<(string UserId, string Email, string? Key)> UserAsync(string role, string? name = null) =>
        StaffSignIn.CreateUserAsync(app, role, displayName: name);

    [Fact]
    public async Task Each_working_staff_member_receives_the_due_soon_and_overdue_requests_with_their_own_first_and_no_personal_data()
    {
        var day = new DateOnly(2031, 3, 10);
        var now = Jst(day, 8, 30);
        var staff = await UserAsync(StaffRoles.Staff, "担当 一郎");
        var supervisor = await UserAsync(StaffRoles.Supervisor, "責任 花代");
        var admin = await UserAsync(StaffRoles.Admin);
        var auditor = await UserAsync(StaffRoles.Auditor);
        var locked = await UserAsync(StaffRoles.Staff);
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(locked.UserId);
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue);
        });

        var requests = await SaveAsync(async db =>
        {
            var overdueMine = (await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-17), 10), now)).Accept(Jst(day.AddDays(-17), 11));
            overdueMine.AssignTo(staff.UserId, "supervisor", now);
            var overdueSupervisor = await NewAsync(db, RequestFamily.StopUse, Jst(day.AddDays(-15), 10), now);
            overdueSupervisor.AssignTo(supervisor.UserId, "supervisor", now);
            var dueIn2 = await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-12), 10), now);
            var dueIn3 = await NewAsync(db, RequestFamily.StopUse, Jst(day.AddDays(-11), 23, 59), now);
            var dueIn4 = await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-10), 0, 1), now);
            var far = await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-1), 10), now);
            var closed = (await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-20), 10), now)).CloseAt(Jst(day.AddDays(-2), 10));
            var paused = (await NewAsync(db, RequestFamily.Disclosure, Jst(day.AddDays(-30), 10), now)).Accept(Jst(day.AddDays(-30), 11));

            // A decision waiting for approval has not been sent: still overdue (ADR 0016), and marked as such.
            var awaiting = (await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-30), 10), now)).Accept(Jst(day.AddDays(-30), 11));
            awaiting.Decide(new Domain.Decisions.Decision(
                [new Domain.Decisions.KindDecision(RequestKind.Correction, Domain.Decisions.KindOutcome.Done, null, null, "実施しました。")],
                "staff", Jst(day.AddDays(-1), 10)), requiresApproval: true);
            return [overdueMine, overdueSupervisor, dueIn2, dueIn3, awaiting, dueIn4, far, closed, paused];
        });
        var (overdueMine, overdueSupervisor, dueIn2, dueIn3, awaiting) = (requests[0], requests[1], requests[2], requests[3], requests[4]);
        var outside = requests.Skip(5).ToList();

        var result = await RunAsync(day);
        Assert.Equal(0, result.Failed);
        Assert.True(result.Queued >= 3, $"queued {result.Queued}");
        await DeliverAllAsync();

        var staffMail = Assert.Single(MailsTo(staff.Email, day));
        var body = staffMail.Message.TextBody ?? string.Empty;
        foreach (var expected in new[] { overdueMine, overdueSupervisor, dueIn2, dueIn3 })
        {
            Assert.Contains(expected.ReferenceNumber, body, StringComparison.Ordinal);
            Assert.Contains($"{BaseUrl}/staff/requests/{expected.Id}", body, StringComparison.Ordinal);
        }

        foreach (var left in outside)
        {
            Assert.DoesNotContain(left.ReferenceNumber, body, StringComparison.Ordinal);
        }

        // The staff member's own request comes first, in the "yours" section; the others name their assignee.
        var othersSection = body.IndexOf("■ その他", StringComparison.Ordinal);
        Assert.True(body.IndexOf(overdueMine.ReferenceNumber, StringComparison.Ordinal) < othersSection);
        Assert.True(body.IndexOf(overdueSupervisor.ReferenceNumber, StringComparison.Ordinal) > othersSection);
        Assert.Contains($"{overdueMine.ReferenceNumber}　訂正・追加・削除の請求　3日超過　担当：あなた", body, StringComparison.Ordinal);
        Assert.Contains($"{overdueSupervisor.ReferenceNumber}　利用停止・第三者提供停止の請求　1日超過　担当：責任 花代", body, StringComparison.Ordinal);
        Assert.Contains($"{dueIn2.ReferenceNumber}　訂正・追加・削除の請求　残り2日　担当：未割当", body, StringComparison.Ordinal);
        Assert.Contains($"{dueIn3.ReferenceNumber}　利用停止・第三者提供停止の請求　残り3日", body, StringComparison.Ordinal);
        Assert.Contains($"{awaiting.ReferenceNumber}　訂正・追加・削除の請求　16日超過　【承認待ち】　担当：未割当", body, StringComparison.Ordinal);
        Assert.Contains("/staff/queue?approval=true", body, StringComparison.Ordinal);

        // No personal data of the member: name, kana, address, phone, email.
        var whole = staffMail.Message.Subject + body;
        foreach (var personal in new[] { GivenName, FamilyName, "ヤマダ", "新宿区", TestRequests.Phone, TestRequests.Email })
        {
            Assert.DoesNotContain(personal, whole, StringComparison.Ordinal);
        }

        var supervisorBody = Assert.Single(MailsTo(supervisor.Email, day)).Message.TextBody ?? string.Empty;
        var supervisorOthers = supervisorBody.IndexOf("■ その他", StringComparison.Ordinal);
        Assert.True(supervisorBody.IndexOf(overdueSupervisor.ReferenceNumber, StringComparison.Ordinal) < supervisorOthers);
        Assert.Contains($"{overdueMine.ReferenceNumber}　訂正・追加・削除の請求　3日超過　担当：担当 一郎", supervisorBody, StringComparison.Ordinal);

        Assert.Single(MailsTo(admin.Email, day));
        Assert.Empty(MailsTo(auditor.Email, day));
        Assert.Empty(MailsTo(locked.Email, day));
    }

    [Fact]
    public async Task Running_twice_queues_one_digest_per_user_and_day()
    {
        var day = new DateOnly(2031, 5, 12);
        var now = Jst(day, 8, 30);
        var first = await UserAsync(StaffRoles.Staff);
        var second = await UserAsync(StaffRoles.Supervisor);
        await SaveAsync(async db => [await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-15), 10), now)]);

        var once = await RunAsync(day);
        var again = await RunAsync(day);

        Assert.True(once.Queued >= 2);
        Assert.Equal(0, again.Queued);
        Assert.Equal(once.Queued + once.AlreadySent, again.AlreadySent);
        await DeliverAllAsync();
        Assert.Single(MailsTo(first.Email, day));
        Assert.Single(MailsTo(second.Email, day));
    }

    [Fact]
    public async Task Two_instances_running_at_once_queue_one_digest_per_user_and_day()
    {
        var day = new DateOnly(2031, 7, 14);
        var now = Jst(day, 8, 30);
        var users = new List<(string UserId, string Email, string? Key)>();
        for (var i = 0; i < 4; i++)
        {
            users.Add(await UserAsync(i % 2 == 0 ? StaffRoles.Staff : StaffRoles.Admin));
        }

        await SaveAsync(async db => [await NewAsync(db, RequestFamily.StopUse, Jst(day.AddDays(-13), 10), now)]);
        await using var other = MailAppFixture.WithMail(app.Factory);
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => RunAsync(day, i % 2 == 0 ? app.MailHost : other))));

        Assert.All(runs, r => Assert.Equal(0, r.Failed));
        var recipients = await app.WithDbAsync(db => db.DigestDeliveries.Where(d => d.Date == day).Select(d => d.UserId).ToListAsync());
        Assert.Equal(recipients.Count, recipients.Distinct().Count());
        Assert.Equal(recipients.Count, runs.Sum(r => r.Queued));
        Assert.All(users, u => Assert.Contains(u.UserId, recipients));
        var messages = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == DailyDigest.MailKind).Select(m => new { m.ToAddress, m.Subject }).ToListAsync());
        foreach (var user in users)
        {
            Assert.Single(messages, m => m.ToAddress == user.Email && m.Subject.Contains("2031-07-14", StringComparison.Ordinal));
        }

        await DeliverAllAsync();
        Assert.All(users, u => Assert.Single(MailsTo(u.Email, day)));
    }

    [Fact]
    public async Task A_day_with_nothing_due_sends_nothing()
    {
        var day = new DateOnly(2020, 1, 6);
        await UserAsync(StaffRoles.Staff);

        var result = await RunAsync(day);

        Assert.Equal(0, result.Queued);
        Assert.True(result.NothingDue >= 1);
        Assert.False(await app.WithDbAsync(db => db.DigestDeliveries.AnyAsync(d => d.Date == day)));
    }

    [Fact]
    public async Task The_send_digest_command_queues_the_digest_of_the_given_day()
    {
        var day = new DateOnly(2031, 9, 15);
        var user = await UserAsync(StaffRoles.Staff);
        await SaveAsync(async db => [await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-14), 9), Jst(day, 8))]);
        var command = AdminCommands.Find(["send-digest"]);
        Assert.NotNull(command);

        var status = await WithScopeAsync(app.MailHost, services => command.ExecuteAsync(services, ["send-digest", "--date", "2031-09-15"], CancellationToken.None));

        Assert.Equal(0, status);
        Assert.True(await app.WithDbAsync(db => db.DigestDeliveries.AnyAsync(d => d.Date == day && d.UserId == user.UserId)));
        await Assert.ThrowsAsync<CommandUsageException>(() =>
            WithScopeAsync(app.MailHost, services => command.ExecuteAsync(services, ["send-digest", "--date", "15/09/2031"], CancellationToken.None)));
    }

    [Fact]
    public async Task The_worker_started_after_the_send_time_catches_up_the_same_day()
    {
        var day = new DateOnly(2031, 11, 17);
        var user = await UserAsync(StaffRoles.Staff);
        await SaveAsync(async db => [await NewAsync(db, RequestFamily.Correction, Jst(day.AddDays(-14), 9), Jst(day, 8))]);
        var worker = new DigestWorker(app.MailHost.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new DigestOptions { Enabled = true, SendAtJst = new TimeOnly(8, 30) }),
            new ManualTime(Jst(day, 9, 15)), NullLogger<DigestWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Wait.UntilAsync(
                () => app.WithDbAsync(db => db.DigestDeliveries.AnyAsync(d => d.Date == day && d.UserId == user.UserId)),
                TimeSpan.FromSeconds(60), "the worker to queue the digest");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}

public sealed class DigestTestsOnSqlite(DigestSqliteFixture app) : DigestTests(app), IClassFixture<DigestSqliteFixture>;

[Trait("Provider", "Postgres")]
public sealed class DigestTestsOnPostgres(DigestPostgresFixture app) : DigestTests(app), IClassFixture<DigestPostgresFixture>;

public sealed class DigestScheduleTests
{
    private static readonly TimeOnly SendAt = new(8, 30);
    private static readonly DateOnly Day = new(2026, 11, 30);

    [Fact]
    public void The_send_instant_is_the_configured_time_in_Japan()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero), DigestSchedule.SendInstant(Day, SendAt));
    }

    [Fact]
    public void Before_the_send_time_nothing_is_due_and_the_worker_wakes_at_the_send_time()
    {
        var now = Jst(Day, 8, 29);
        Assert.Null(DigestSchedule.DueDay(now, SendAt, lastCompleted: null));
        Assert.Equal(Jst(Day, 8, 30), DigestSchedule.NextWake(now, SendAt));
    }

    [Fact]
    public void After_the_send_time_today_is_due_once_then_tomorrow()
    {
        var now = Jst(Day, 8, 30);
        Assert.Equal(Day, DigestSchedule.DueDay(now, SendAt, lastCompleted: Day.AddDays(-1)));
        Assert.Null(DigestSchedule.DueDay(now, SendAt, lastCompleted: Day));
        Assert.Equal(Jst(Day.AddDays(1), 8, 30), DigestSchedule.NextWake(Jst(Day, 23, 59), SendAt));

        // Just after midnight JST (still the previous day in UTC) the new day is not yet due.
        Assert.Null(DigestSchedule.DueDay(Jst(Day.AddDays(1), 0, 5), SendAt, lastCompleted: Day));
    }
}
