using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Intake;

[Authorize(Policy = StaffPolicies.WorkRequests)]
public sealed class IndexModel : PageModel
{
    public string? Filed { get; private set; }

    /// <summary>The request just keyed in whose acknowledgement (with its status code) can be printed once, if any.</summary>
    public Guid? Acknowledgement { get; private set; }

    public void OnGet(string? filed)
    {
        Filed = ReferenceNumber.Normalize(filed);

        // Peek: the code stays in the cookie for the print, which reads it once.
        Acknowledgement = Filed is not null && TempData.Peek(PostalIntakeModel.AcknowledgementKey) is string carried
            && carried.Split('|') is [var id, _] && Guid.TryParse(id, out var requestId) ? requestId : null;
    }
}
