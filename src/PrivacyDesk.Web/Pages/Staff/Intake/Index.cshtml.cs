using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Intake;

[Authorize(Policy = StaffPolicies.WorkRequests)]
public sealed class IndexModel : PageModel
{
    public string? Filed { get; private set; }

    public void OnGet(string? filed) => Filed = ReferenceNumber.Normalize(filed);
}
