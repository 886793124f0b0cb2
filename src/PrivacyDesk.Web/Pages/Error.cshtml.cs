using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int? Code { get; private set; }

    /// <summary>
    /// Also runs re-executed by the exception handler, for any method: a store failure arrives here as 503 (see
    /// PrivacyDeskHost), whose page says that nothing was stored.
    /// </summary>
    public void OnGet(int? code) => Code = code ?? (Response.StatusCode == StatusCodes.Status503ServiceUnavailable ? Response.StatusCode : null);

    public void OnPost(int? code) => OnGet(code);
}
