using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters;

namespace PrivacyDesk.Web.Pages.Forms;

/// <summary>
/// The blank request forms (所定の請求書) at the addresses the landing page links to (<see cref="SiteLinks.PostalForm"/>).
/// Anonymous and free of personal data; generated once per process and then served from memory.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(LetterEngine engine) : PageModel
{
    public IActionResult OnGet(string form)
    {
        var family = Enum.GetValues<RequestFamily>().Cast<RequestFamily?>()
            .FirstOrDefault(f => string.Equals(SiteLinks.PostalForm(f!.Value), $"/forms/{form}", StringComparison.Ordinal));
        if (family is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "public, max-age=3600";
        Response.Headers.ContentDisposition = $"inline; filename=\"{form}\"";
        return File(engine.BlankForm(family.Value), "application/pdf");
    }
}
