using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Pages.Requests.Form;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// Shown once after filing: the reference number, the secret status link, the fee instructions for family (a) and
/// what happens next. The token is not stored anywhere, so reloading this page cannot show it again.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ReceiptModel(IOptions<OrganizationOptions> organization) : PageModel
{
    public const string TempDataKey = "PrivacyDesk.Receipt";

    public IntakeReceipt? Receipt { get; private set; }

    public OrganizationOptions Organization => organization.Value;

    /// <summary>Built from Organization:PublicBaseUrl, never from the request's Host header (which a client chooses).</summary>
    public string StatusUrl => Receipt is null ? string.Empty : StatusLink.For(
        organization.Value.PublicBaseUrl, Receipt.ReferenceNumber, Receipt.AccessToken);

    public string ReferenceDigits => Receipt is null ? string.Empty : PrivacyDesk.Domain.Requests.ReferenceNumber.TransferDigits(Receipt.ReferenceNumber);

    public void OnGet()
    {
        if (TempData[TempDataKey] is string json)
        {
            Receipt = JsonSerializer.Deserialize<IntakeReceipt>(json);
        }

        Response.Headers.CacheControl = "no-store";
    }
}
