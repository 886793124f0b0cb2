using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages.Staff.Account;

/// <summary>Where a signed-in staff member lands when their role does not allow a page (answered with 403).</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
