using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Letters;

namespace PrivacyDesk.Web.Pages.Staff.Requests.StatusCode;

/// <summary>
/// 確認用コードの再発行 (ADR 0024): after checking the caller's identity (how, required and confirmed), staff issue a
/// new status code. Only its SHA-256 replaces the old one, so the old code stops working at once. The code goes by mail
/// through the outbox, or by post: the 確認用コードのお知らせ is stored with the code masked and the printed copy is the
/// response, to print and post. Saved against the version shown, so a replayed form issues nothing (409). The page
/// shows the requester's name and where the code would go, so every view is an audited read.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.StatusCodeViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    PrivacyDeskDbContext db,
    IOptions<OrganizationOptions> organization,
    LetterIssuer letters,
    TimeProvider clock) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public StatusCodeInput Reissue { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(Reissue, nameof(Reissue), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        var code = AccessToken.CreateStatusCode();
        var via = Reissue.Via!.Value;
        var now = clock.GetUtcNow();
        try
        {
            // Raises StatusCodeReissued (via and how the caller was checked; never the code).
            PrivacyRequest.ReissueStatusCode(AccessToken.HashStatusCode(code), via, Reissue.VerifiedBy!.Value, Actor, now);
        }
        catch (DomainRuleException ex)
        {
            return await ShowAgainAsync(WorkOutcome.Refused(ex), cancellationToken);
        }

        if (via == StatusCodeDelivery.Mail)
        {
            StatusCodeMail.Enqueue(db, organization.Value, PrivacyRequest, code, now);
            var outcome = await Workbench.SaveAsync(PrivacyRequest, Version, cancellationToken);
            if (!outcome.Saved)
            {
                return await ShowAgainAsync(outcome, cancellationToken);
            }

            Done = Localized.Text(new Label(
                "確認用コードを再発行し、メールで送りました。これまでのコードは使えなくなりました。",
                "A new status code was issued and mailed. The old code no longer works."));
            return Redirect($"/staff/requests/{RequestId}");
        }

        return await PrintedAsync(LetterKind.StatusCodeNotice, code, Version, cancellationToken);
    }

    /// <summary>
    /// The acknowledgement of a request just keyed in from the post, with its status code printed (ADR 0024). The code
    /// was carried from the intake, encrypted in the TempData cookie, and is read once here: a second press, another
    /// request or an online request gets nothing.
    /// </summary>
    public async Task<IActionResult> OnPostAcknowledgementAsync(CancellationToken cancellationToken)
    {
        var carried = TempData[Intake.PostalIntakeModel.AcknowledgementKey] as string;
        if (carried?.Split('|') is not [var id, var code] || !Guid.TryParse(id, out var requestId) || requestId != RequestId
            || PrivacyRequest.Channel != Channel.Post || !AccessToken.Matches(code, PrivacyRequest.AccessTokenHash))
        {
            return await ShowAgainAsync(new WorkOutcome(false, Localized.Text(new Label(
                "確認用コードを印字した受付のお知らせは、郵送受付の直後に一度だけ発行できます。コードが必要な場合は、ここで再発行してください。",
                "The acknowledgement with the status code printed can be issued once, right after postal intake. Reissue the code here if one is needed.")), null), cancellationToken);
        }

        return await PrintedAsync(LetterKind.Acknowledgement, code, PrivacyRequest.Version, cancellationToken);
    }

    private async Task<IActionResult> PrintedAsync(LetterKind kind, string code, int shownVersion, CancellationToken cancellationToken)
    {
        var (result, printed) = await letters.IssueWithStatusCodeAsync(PrivacyRequest, kind, code, shownVersion, Actor, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return await ShowAgainAsync(refusal.Conflict
                ? WorkOutcome.Overtaken(await Workbench.ExplainAsync(RequestId, cancellationToken))
                : new WorkOutcome(false, Localized.Text(refusal.Message), null), cancellationToken);
        }

        // The only copy with the code: printed by the staff member and posted. Never cached.
        Response.Headers.CacheControl = "no-store";
        return File(printed!, "application/pdf", $"{PrivacyRequest.ReferenceNumber}-{LetterKinds.Code(kind)}.pdf");
    }
}
