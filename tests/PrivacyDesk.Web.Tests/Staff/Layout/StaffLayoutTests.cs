using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Layout;

/// <summary>
/// The back office's own layout: each role's menu offers exactly the pages that role may open, every one of them
/// answers 200 (no 403 or 404 behind a menu link), and every page shows the signed-in user and sign-out without the
/// member site's header, menu or footer. The 承認待ち list shows the decisions a supervisor must look at.
/// </summary>
public abstract class StaffLayoutTests(AppFixture app)
{
    public static TheoryData<string, string[]> MenuByRole() => new()
    {
        { StaffRoles.Staff, ["/staff/queue", "/staff/intake", "/staff/fees", "/staff/mail", "/staff/third-party-records", "/staff/dashboard"] },
        { StaffRoles.Supervisor, ["/staff/queue", "/staff/approvals", "/staff/intake", "/staff/fees", "/staff/mail", "/staff/third-party-records", "/staff/dashboard"] },
        { StaffRoles.Auditor, ["/staff/queue", "/staff/third-party-records", "/staff/dashboard", "/audit"] },
        { StaffRoles.Admin, ["/staff/queue", "/staff/approvals", "/staff/intake", "/staff/fees", "/staff/mail", "/staff/third-party-records", "/staff/dashboard", "/audit", "/staff/admin/accounts"] },
    };

    [Theory]
    [MemberData(nameof(MenuByRole))]
    public async Task Each_role_is_offered_only_pages_it_can_open_and_each_shows_the_user_and_sign_out(string role, string[] expected)
    {
        using var staff = await StaffSignIn.SignInAsync(app, role, displayName: "画面 確認");
        var home = await staff.Client.GetDocumentAsync("/staff");
        var menu = home.QuerySelectorAll("#staff-nav a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal(expected, menu);
        Assert.Equal(expected, home.QuerySelectorAll("#staff-menu a").Select(a => a.GetAttribute("href")!).ToArray());

        foreach (var href in menu.Prepend("/staff"))
        {
            using var response = await staff.Client.GetAsync(new Uri(href, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: menu link {href} answered {(int)response.StatusCode} {StaffSignIn.Location(response)}");
            var page = await Html.ParseAsync(response);
            AssertStaffChrome(page, href);
            Assert.Equal("page", page.QuerySelector($"#staff-nav a[href='{href}']")?.GetAttribute("aria-current") ?? (href == "/staff" ? "page" : null));
        }
    }

    [Fact]
    public async Task The_sign_in_page_wears_the_staff_layout_without_a_menu()
    {
        using var client = app.Factory.CreateBrowserClient();
        var page = await client.GetDocumentAsync(StaffSignIn.SignInUrl);
        Assert.NotNull(page.QuerySelector("#staff-header"));
        Assert.Null(page.QuerySelector("#staff-nav"));
        Assert.Null(page.QuerySelector("#signed-in-as"));
        Assert.Null(page.QuerySelector(".site-footer"));
    }

    [Fact]
    public async Task A_supervisor_sees_the_decisions_awaiting_approval_with_the_requester_and_who_entered_them()
    {
        var (id, reference) = await FileAsync(app, RequestFamily.Correction);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff, displayName: "入力 一郎");
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor, displayName: "承認 花子");
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "Done"), ("Detail", "住所を訂正しました。")]));

        var list = await supervisor.Client.GetDocumentAsync("/staff/approvals");
        var row = list.QuerySelector($"#approvals tr[data-reference='{reference}']");
        Assert.NotNull(row);
        Assert.Contains(ValidForm.PrincipalName, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("入力 一郎", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/staff/requests/{id}/approval", row.QuerySelector("a.pd-button")?.GetAttribute("href"));
        Assert.Contains(Web.Audit.AuditActions.ApprovalsListed, await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()));

        // A staff member (not a supervisor) is refused the list; once approved, the decision leaves it.
        using (var refused = await staff.Client.GetAsync(new Uri("/staff/approvals", UriKind.Relative)))
        {
            Assert.Contains("access-denied", StaffSignIn.Location(refused), StringComparison.Ordinal);
        }

        // The approval page: the requester, what was asked, the decision with its reason, and the letters' previews.
        var approval = await supervisor.Client.GetDocumentAsync($"/staff/requests/{id}/approval");
        Assert.Contains(ValidForm.PrincipalName, approval.QuerySelector(".pd-person-name")!.TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(approval.QuerySelector("#approval-data-description")?.TextContent));
        Assert.Contains("住所を訂正しました。", approval.QuerySelector("#decision-outcomes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("入力 一郎", approval.QuerySelector("#decided-by")!.TextContent, StringComparison.Ordinal);
        var preview = approval.QuerySelector("#letter-previews a")?.GetAttribute("href");
        Assert.NotNull(preview);
        using (var pdf = await supervisor.Client.GetAsync(new Uri(preview, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        }

        Redirected(await ApproveAsync(supervisor.Client, id));
        var after = await supervisor.Client.GetDocumentAsync("/staff/approvals");
        Assert.Null(after.QuerySelector($"#approvals tr[data-reference='{reference}']"));
    }

    /// <summary>The staff layout, not the member site's: user, roles, sign-out; no site header, menu or footer.</summary>
    internal static void AssertStaffChrome(IDocument page, string url)
    {
        Assert.True(page.QuerySelector("#signed-in-name") is { } name && name.TextContent.Trim().Length > 0, $"{url}: no signed-in user");
        Assert.True(page.QuerySelector("form[action='/staff/account/sign-out'] #nav-sign-out") is not null, $"{url}: no sign-out");
        Assert.True(page.QuerySelector(".site-header, .site-nav, .site-footer") is null, $"{url}: member-site chrome on a staff page");
        Assert.DoesNotContain("お問い合わせ窓口", page.Body!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class StaffLayoutTestsOnSqlite(StaffSqliteAppFixture app) : StaffLayoutTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class StaffLayoutTestsOnPostgres(StaffPostgresAppFixture app) : StaffLayoutTests(app), IClassFixture<StaffPostgresAppFixture>;
