using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PrivacyDesk.Domain;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff;

/// <summary>One entry of the back-office menu: where it goes, what it says and the policy of the page it opens.</summary>
public sealed record StaffMenuItem(string Id, string Href, Label Text, string Policy);

/// <summary>
/// The back-office menu of the staff layout (Pages/Shared/_StaffLayout.cshtml). Each entry carries the policy of the
/// page it opens, and the menu shows only the entries whose policy the signed-in user passes, so that no role is offered
/// a page that answers 403 (an auditor is not shown 郵送受付).
/// </summary>
public static class StaffMenu
{
    public static readonly IReadOnlyList<StaffMenuItem> Items =
    [
        new("nav-queue", "/staff/queue", new("請求の一覧", "Requests"), StaffPolicies.ReadRequests),
        new("nav-approvals", "/staff/approvals", new("承認待ち", "Awaiting approval"), StaffPolicies.ApproveDecisions),
        new("nav-intake", "/staff/intake", new("郵送受付", "Postal intake"), StaffPolicies.WorkRequests),
        new("nav-fees", "/staff/fees", new("手数料・入金", "Fees"), StaffPolicies.WorkRequests),
        new("nav-mail", "/staff/mail", new("送信できなかったメール", "Failed mail"), StaffPolicies.WorkRequests),
        new("nav-third-party-records", "/staff/third-party-records", new("第三者提供記録", "Provision records"), StaffPolicies.ReadRequests),
        new("nav-dashboard", "/staff/dashboard", new("業務状況", "Dashboard"), StaffPolicies.ReadRequests),
        new("nav-audit", "/audit", new("監査", "Audit"), StaffPolicies.Audit),
        new("nav-accounts", "/staff/admin/accounts", new("職員アカウント", "Staff accounts"), StaffPolicies.Administer),
    ];

    /// <summary>The entries <paramref name="user"/> may open, in menu order (empty before sign-in completes).</summary>
    public static async Task<IReadOnlyList<StaffMenuItem>> VisibleAsync(IAuthorizationService authorization, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var visible = new List<StaffMenuItem>();
        foreach (var item in Items)
        {
            if ((await authorization.AuthorizeAsync(user, item.Policy)).Succeeded)
            {
                visible.Add(item);
            }
        }

        return visible;
    }

    /// <summary>True for the entry whose section <paramref name="path"/> is in (the queue also owns the request pages).</summary>
    public static bool IsCurrent(StaffMenuItem item, string path)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith(item.Href, StringComparison.OrdinalIgnoreCase)
            || (item.Href == "/staff/queue" && path.StartsWith("/staff/requests", StringComparison.OrdinalIgnoreCase) && !path.EndsWith("/approval", StringComparison.OrdinalIgnoreCase))
            || (item.Href == "/staff/approvals" && path.EndsWith("/approval", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Role names as staff read them: Japanese first (担当者, 責任者, 監査担当者, 管理者), English available.</summary>
public static class StaffRoleNames
{
    public static Label Of(string role) => role switch
    {
        StaffRoles.Staff => new("担当者", "Staff"),
        StaffRoles.Supervisor => new("責任者", "Supervisor"),
        StaffRoles.Auditor => new("監査担当者", "Auditor"),
        StaffRoles.Admin => new("管理者", "Administrator"),
        "member" => new("請求者", "Requester"),
        "system" => new("システム", "System"),
        "anonymous" => new("未ログイン", "Anonymous"),
        _ => new(role, role),
    };

    /// <summary>A comma-separated role list as stored on audit rows ("Staff,Supervisor"), read as 担当者・責任者.</summary>
    public static string Describe(string? roles) =>
        string.IsNullOrWhiteSpace(roles)
            ? string.Empty
            : string.Join("・", roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => PrivacyDesk.Web.Hosting.Localized.Text(Of(r))));
}
