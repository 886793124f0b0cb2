using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff;

/// <summary>/staff: the back-office menu (needs <see cref="StaffPolicies.ReadRequests"/>, from the /Staff folder convention).</summary>
public sealed class IndexModel(UserManager<StaffUser> users, IAuthorizationService authorization) : PageModel
{
    public string DisplayName { get; private set; } = string.Empty;
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>The pages this user's roles may open (<see cref="StaffMenu"/>): auditors get /audit, not postal intake.</summary>
    public IReadOnlyList<StaffMenuItem> Menu { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        DisplayName = user.DisplayName;
        Menu = await StaffMenu.VisibleAsync(authorization, User);
        Roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(StaffRoles.All.Contains).ToArray();
        return Page();
    }
}
