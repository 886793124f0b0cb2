using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>/audit: the auditors' menu. Every page under /Audit needs the Audit policy (folder convention) and only reads.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
