using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Requests.Form;

namespace PrivacyDesk.Web.Pages.Staff.Intake;

/// <summary>
/// 郵送受付: staff key in a paper request with the same fields, validator and intake as the online form, attach the
/// scans, and give the day the letter arrived. No email or consent box is required (the paper form is signed).
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
public sealed class PostalIntakeModel(
    IValidator<RequestFormInput> validator,
    IDataProtectionProvider dataProtection,
    IOptions<OrganizationOptions> organization,
    AttachmentPreview preview,
    ILogger<RequestFormPageModel> logger)
    : RequestFormPageModel(validator, dataProtection, organization, preview, logger)
{
    public override Channel Channel => Channel.Post;

    protected override string Actor => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "staff";

    /// <summary>The start of the arrival day in Japan, as an instant.</summary>
    protected override DateTimeOffset ReceivedAt() =>
        Input.ReceivedOn.ToDate() is { } day
            ? PrivacyDesk.Domain.Text.JapaneseText.JstDayStart(day)
            : throw new InvalidOperationException("Validate the arrival date before filing.");

    /// <summary>Where the new request's id and status code wait, encrypted in the TempData cookie, for the one print of its acknowledgement.</summary>
    public const string AcknowledgementKey = "PrivacyDesk.PostalAcknowledgement";

    protected override IActionResult Filed(IntakeReceipt receipt)
    {
        // A postal requester gets the status code on the acknowledgement letter (ADR 0024). The code is never stored:
        // it is carried to the print, once, and the stored copy of the letter has it masked.
        TempData[AcknowledgementKey] = $"{receipt.RequestId:N}|{receipt.AccessToken}";
        return RedirectToPage("/Staff/Intake/Index", new { filed = receipt.ReferenceNumber });
    }
}
