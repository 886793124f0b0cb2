using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

namespace PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>職員アカウントの管理: every staff account with its roles, two-factor and lockout state and last sign-in. Admin only.</summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class IndexModel(AccountAdministration accounts) : PageModel
{
    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Accounts = await accounts.ListAsync(cancellationToken);
    }
}
