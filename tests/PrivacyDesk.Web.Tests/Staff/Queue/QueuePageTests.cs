using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Foundation;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Staff.Queue;

/// <summary>The queue page over HTTP: signed-in staff see masked names, search, and follow the next-page link.</summary>
public abstract class QueuePageFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["AbuseProtection:PostsPerMinute"] = "100000",
        ["StaffQueue:PageSize"] = "2",
    };
}

public sealed class SqliteQueuePageFixture : QueuePageFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresQueuePageFixture : QueuePageFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}

public abstract class QueuePageTests(QueuePageFixture app)
{
    [Fact]
    public async Task Staff_and_auditors_read_the_queue_with_masked_names_search_and_paging()
    {
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            references.Add(await app.WithDbAsync(async db =>
            {
                var request = await StoreTests.NewRequestAsync(db, RequestFamily.Disclosure, [RequestKind.Disclosure], RequesterType.Principal);
                db.Requests.Add(request);
                await db.SaveChangesAsync();
                return request.ReferenceNumber;
            }));
        }

        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var first = await auditor.Client.GetDocumentAsync("/staff/queue");
        var rows = first.QuerySelectorAll("#queue tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.DoesNotContain("花子", first.QuerySelector("#queue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("山田", first.QuerySelector("#queue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(first.QuerySelectorAll("#queue tbody tr"), r => r.TextContent.Contains("重複の可能性", StringComparison.Ordinal));

        var next = first.QuerySelector("#next-page")?.GetAttribute("href");
        Assert.NotNull(next);
        var second = await auditor.Client.GetDocumentAsync(next);
        var seen = rows.Concat(second.QuerySelectorAll("#queue tbody tr")).Select(r => r.GetAttribute("data-reference")).ToList();
        Assert.Equal(references.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var found = await staff.Client.GetDocumentAsync($"/staff/queue?q={Uri.EscapeDataString("ｐｄ－" + references[1][3..])}");
        Assert.Equal([references[1]], found.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-reference")));

        // Every page shown is on the audit trail with the references listed and how staff searched, never the name.
        var byName = await staff.Client.GetDocumentAsync($"/staff/queue?q={Uri.EscapeDataString("山田 花子")}");
        Assert.Equal(2, byName.QuerySelectorAll("#queue tbody tr").Length);
        var viewed = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "queue.viewed").OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(4, viewed.Count);
        Assert.Equal([auditor.UserId, auditor.UserId, staff.UserId, staff.UserId], viewed.Select(e => e.ActorId));
        Assert.All(viewed, e => Assert.Null(e.RequestId));
        Assert.Contains($"\"references\":[\"{references[1]}\"]", viewed[2].Details, StringComparison.Ordinal);
        Assert.Contains("\"search\":\"reference\"", viewed[2].Details, StringComparison.Ordinal);
        Assert.Contains("\"search\":\"name\"", viewed[3].Details, StringComparison.Ordinal);
        Assert.Contains("\"nextPage\":true", viewed[1].Details, StringComparison.Ordinal);
        Assert.All(viewed, e => Assert.DoesNotContain("山田", e.Details, StringComparison.Ordinal));

        using var anonymous = app.Factory.CreateBrowserClient();
        using var refused = await anonymous.GetAsync(new Uri("/staff/queue", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}

public sealed class QueuePageTestsOnSqlite(SqliteQueuePageFixture app) : QueuePageTests(app), IClassFixture<SqliteQueuePageFixture>;

[Trait("Provider", "Postgres")]
public sealed class QueuePageTestsOnPostgres(PostgresQueuePageFixture app) : QueuePageTests(app), IClassFixture<PostgresQueuePageFixture>;
