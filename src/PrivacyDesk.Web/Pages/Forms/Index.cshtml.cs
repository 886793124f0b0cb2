using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters;

namespace PrivacyDesk.Web.Pages.Forms;

/// <summary>
/// The blank request forms (所定の請求書) and the 委任状 template at the addresses the landing page links to (<see cref="SiteLinks.PostalForm"/>).
/// Anonymous and free of personal data; generated once per process and then served from memory.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(LetterEngine engine, TimeProvider clock) : PageModel
{
    public IActionResult OnGet(string form)
    {
        if (string.Equals($"/forms/{form}", SiteLinks.PowerOfAttorney, StringComparison.Ordinal))
        {
            return Pdf(engine.PowerOfAttorneyForm(), form);
        }

        var family = Enum.GetValues<RequestFamily>().Cast<RequestFamily?>()
            .FirstOrDefault(f => string.Equals(SiteLinks.PostalForm(f!.Value), $"/forms/{form}", StringComparison.Ordinal));
        if (family is null)
        {
            return NotFound();
        }

        return Pdf(engine.BlankForm(family.Value, PrivacyDesk.Domain.Text.JapaneseText.JstDate(clock.GetUtcNow())), form);
    }

    private FileContentResult Pdf(byte[] pdf, string fileName)
    {
        Response.Headers.CacheControl = "public, max-age=3600";
        Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return File(pdf, "application/pdf");
    }
}
