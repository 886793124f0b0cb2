using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Foundation;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// The auditor pages over HTTP with a real sign-in (password + TOTP): reachable from the staff menu, closed to other
/// roles, searches with masked names, the timeline and exports recorded as events, Excel-safe CSV, verification and
/// statistics, and a clear message for a bad date.
/// </summary>
public abstract class AuditorPagesTests(AppFixture app)
{
    private async Task<PrivacyRequest> StoredRequestAsync() => await app.WithDbAsync(async db =>
    {
        var request = await StoreTests.NewRequestAsync(db, RequestFamily.Disclosure, [RequestKind.Disclosure], RequesterType.Principal);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request;
    });

    [Fact]
    public async Task An_auditor_signs_in_with_a_second_factor_and_reaches_the_audit_pages_from_the_staff_menu()
    {
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var home = await auditor.Client.GetDocumentAsync("/staff");
        Assert.Equal("/audit", home.QuerySelector("#audit-link")?.GetAttribute("href"));
        foreach (var url in new[] { "/audit", "/audit/requests", "/audit/events", "/audit/statistics", "/audit/verify" })
        {
            await auditor.Client.GetDocumentAsync(url);
        }

        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Assert.Null((await staff.Client.GetDocumentAsync("/staff")).QuerySelector("#audit-link"));
        using var refused = await staff.Client.GetAsync(new Uri("/audit/events", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("access-denied", StaffSignIn.Location(refused) ?? string.Empty, StringComparison.Ordinal);

        using var anonymous = app.Factory.CreateBrowserClient();
        using var challenged = await anonymous.GetAsync(new Uri("/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.StartsWith("/staff/account/sign-in", StaffSignIn.Location(challenged), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_search_masks_names_and_the_timeline_view_is_itself_recorded()
    {
        var request = await StoredRequestAsync();
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var list = await auditor.Client.GetDocumentAsync("/audit/requests?family=Disclosure&from=2026-11-01&to=2026-11-30");
        var row = list.QuerySelector($"#history tr[data-reference='{request.ReferenceNumber}']");
        Assert.NotNull(row);
        Assert.Contains("山田 *", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("花子", list.Text(), StringComparison.Ordinal);

        Assert.Null((await auditor.Client.GetDocumentAsync("/audit/requests?family=Correction&from=2026-11-01&to=2026-11-30"))
            .QuerySelector($"#history tr[data-reference='{request.ReferenceNumber}']"));

        var timeline = await auditor.Client.GetDocumentAsync($"/audit/requests/{request.Id}");
        Assert.Contains(timeline.QuerySelectorAll("#timeline tr"), r => r.GetAttribute("data-kind") == "Status");
        Assert.DoesNotContain("花子", timeline.Text(), StringComparison.Ordinal);
        var viewed = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "audit.timeline_viewed" && e.RequestId == request.Id));
        Assert.Equal(auditor.UserId, viewed.ActorId);
        Assert.Equal(StaffRoles.Auditor, viewed.ActorRole);
    }

    [Fact]
    public async Task Event_log_csv_opens_cleanly_in_excel_and_the_export_is_recorded()
    {
        var request = await StoredRequestAsync();
        await app.WithScopeAsync(async services =>
        {
            services.GetRequiredService<AuditTrail>().Record("test.csv", request.Id, new { note = "a,b \"c\"\nd" }, actorId: "=HYPERLINK(\"http://evil\")");
            await services.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
        });

        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var page = await auditor.Client.GetDocumentAsync($"/audit/events?reference={request.ReferenceNumber}");
        Assert.Contains(page.QuerySelectorAll("#events tr"), r => r.GetAttribute("data-action") == "test.csv");

        using var response = await auditor.Client.GetAsync(new Uri($"/audit/events?handler=Csv&reference={request.ReferenceNumber}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("\"連番\",\"日時（JST）\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Replace("\\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains(request.ReferenceNumber, text, StringComparison.Ordinal);

        var exported = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "audit.events_exported" && e.ActorId == auditor.UserId));
        Assert.Contains(request.ReferenceNumber, exported.Details, StringComparison.Ordinal);

        using var history = await auditor.Client.GetAsync(new Uri("/audit/requests?handler=Csv", UriKind.Relative));
        var historyText = Encoding.UTF8.GetString(await history.Content.ReadAsByteArrayAsync());
        Assert.Contains(request.ReferenceNumber, historyText, StringComparison.Ordinal);
        Assert.DoesNotContain("花子", historyText, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "audit.history_exported" && e.ActorId == auditor.UserId)));
    }

    [Fact]
    public async Task Verification_page_confirms_the_chain_and_statistics_count_the_period()
    {
        await StoredRequestAsync();
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        (await auditor.Client.GetAsync(new Uri("/audit/verify?handler=Start", UriKind.Relative))).Dispose();
        var runner = app.Factory.Services.GetRequiredService<AuditVerificationRunner>();
        await (runner.Status.Running ?? runner.Status.Last)!.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        var verify = await auditor.Client.GetDocumentAsync("/audit/verify");
        Assert.NotNull(verify.QuerySelector("#verify-whole"));
        Assert.True(long.Parse(verify.QuerySelector("#verify-whole")!.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture) > 0);

        var stats = await auditor.Client.GetDocumentAsync("/audit/statistics?from=2026-11-01&to=2026-11-30");
        Assert.True(int.Parse(stats.QuerySelector("#received")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.NotNull(stats.QuerySelector("#by-kind tr[data-kind='Disclosure']"));
    }

    [Fact]
    public async Task A_bad_date_gets_a_clear_message_in_japanese()
    {
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var page = await auditor.Client.GetDocumentAsync("/audit/events?from=2026-13-45");
        Assert.Contains("開始日は 2026-04-01、2026/4/1、令和8年4月1日 のように", page.QuerySelector("#errors")?.TextContent, StringComparison.Ordinal);
        var reversed = await auditor.Client.GetDocumentAsync("/audit/requests?from=2026-12-01&to=2026-11-01");
        Assert.Contains("開始日は終了日以前", reversed.QuerySelector("#errors")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-01", "2026-12-31")]
    [InlineData("2026/12/1", "2026/12/31")]
    [InlineData("令和8年12月1日", "令和８年１２月３１日")]
    public async Task Periods_are_accepted_as_people_write_them(string from, string to)
    {
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        foreach (var url in new[] { "/audit/events", "/audit/requests" })
        {
            var page = await auditor.Client.GetDocumentAsync($"{url}?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");
            Assert.Null(page.QuerySelector("#errors"));
        }
    }

    [Fact]
    public async Task The_event_log_reads_in_japanese_with_codes_beside_and_actors_chosen_by_name()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff, displayName: "記録 五郎");
        await staff.Client.GetDocumentAsync("/staff/queue");
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);

        var log = await auditor.Client.GetDocumentAsync("/audit/events");
        var option = log.QuerySelectorAll("#actor option").SingleOrDefault(o => o.TextContent.Trim() == "記録 五郎");
        Assert.NotNull(option);
        Assert.Equal(staff.UserId, option.GetAttribute("value"));
        Assert.Contains(log.QuerySelectorAll("#actor option"), o => o.GetAttribute("value") == "member" && o.TextContent.Trim() == "請求者");

        var mine = await auditor.Client.GetDocumentAsync($"/audit/events?actor={Uri.EscapeDataString(staff.UserId)}");
        var rows = mine.QuerySelectorAll("#events tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("記録 五郎", r.TextContent, StringComparison.Ordinal));
        var viewed = rows.First(r => r.GetAttribute("data-action") == "queue.viewed");
        Assert.Contains("請求の一覧を表示", viewed.TextContent, StringComparison.Ordinal);
        Assert.Equal("queue.viewed", viewed.QuerySelector("code.pd-secondary")?.TextContent.Trim());
        Assert.Equal("担当者", viewed.QuerySelector(".pd-role")?.TextContent.Trim());
        Assert.DoesNotContain("{\"", viewed.TextContent, StringComparison.Ordinal);
        Assert.Contains(viewed.QuerySelectorAll(".pd-audit-details dt"), dt => dt.TextContent == "references");
    }
}

public sealed class AuditorPagesTestsOnSqlite(StaffSqliteAppFixture app) : AuditorPagesTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class AuditorPagesTestsOnPostgres(StaffPostgresAppFixture app) : AuditorPagesTests(app), IClassFixture<StaffPostgresAppFixture>;
