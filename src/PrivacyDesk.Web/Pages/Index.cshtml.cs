using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
