using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Foundation;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Staff.Queue;

/// <summary>
/// The queue's default view hides ended requests but says how many and offers them in one click; a reference number
/// finds a request whatever its state; staff read full names, auditors the family name only (ADR 0017).
/// </summary>
public abstract class QueueFiltersTests(AppFixture app)
{
    [Fact]
    public async Task Hidden_requests_are_counted_offered_in_one_click_and_found_by_reference()
    {
        var open = await NewAsync(withdraw: false);
        var withdrawn = await NewAsync(withdraw: true);

        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync("/staff/queue");
        Assert.Equal([open], page.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-reference")));
        Assert.Contains("山田 花子", page.QuerySelector("#queue tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("完了・取下げ・却下の請求 1件を表示していません", page.QuerySelector("#hidden-ended")!.TextContent, StringComparison.Ordinal);

        var showEnded = page.QuerySelector("#show-ended")!.GetAttribute("href")!;
        Assert.Contains("ended=true", showEnded, StringComparison.Ordinal);
        var all = await staff.Client.GetDocumentAsync(showEnded);
        Assert.Equal(new[] { open, withdrawn }.Order(), all.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-reference")!).Order());
        Assert.Null(all.QuerySelector("#hidden-ended"));
        Assert.True(all.QuerySelector("#ended")!.HasAttribute("checked"));

        // A reference number finds the withdrawn request without ticking anything.
        var found = await staff.Client.GetDocumentAsync($"/staff/queue?q={Uri.EscapeDataString(withdrawn)}");
        Assert.Equal([withdrawn], found.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-reference")));
        Assert.Null(found.QuerySelector("#queue-empty"));

        // Auditors read the family name only.
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var audited = await auditor.Client.GetDocumentAsync("/staff/queue");
        Assert.Contains("山田 *", audited.QuerySelector("#queue tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("花子", audited.QuerySelector("#queue")!.TextContent, StringComparison.Ordinal);
    }

    private Task<string> NewAsync(bool withdraw) => app.WithDbAsync(async db =>
    {
        var request = await StoreTests.NewRequestAsync(db, RequestFamily.Correction, [RequestKind.Correction], RequesterType.Principal);
        if (withdraw)
        {
            request.Withdraw("member", DateTimeOffset.UtcNow, "テスト");
        }

        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request.ReferenceNumber;
    });
}

public sealed class QueueFiltersTestsOnSqlite(StaffSqliteAppFixture app) : QueueFiltersTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class QueueFiltersTestsOnPostgres(StaffPostgresAppFixture app) : QueueFiltersTests(app), IClassFixture<StaffPostgresAppFixture>;
