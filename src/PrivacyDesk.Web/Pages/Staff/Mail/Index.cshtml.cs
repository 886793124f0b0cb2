using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Mail;

/// <summary>
/// 送信できなかったメール (ADR 0024): mail the outbox gave up on after Smtp:MaxAttempts attempts, newest first, with the
/// recipient and the last error, never the body. Staff resend it (after the server or the address is put right) or
/// switch the request to postal delivery, which withdraws the mail and leads to the letters page to print. It shows
/// recipients' addresses, so it is for staff who work on requests (who see them on the request anyway), and each view is
/// audited. Both actions are replay-safe: a second post finds nothing failed and says so.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.MailFailuresViewed)]
public sealed class IndexModel(FailedMail failed, IOptions<SmtpOptions> smtp) : PageModel, IAuditedRead
{
    public IReadOnlyList<FailedMailRow> Messages { get; private set; } = [];
    public int Total { get; private set; }
    public int MaxAttempts => smtp.Value.MaxAttempts;
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    /// <summary>After a switch to post: the request whose letters are to be printed.</summary>
    public Guid? PostRequestId { get; private set; }

    public async Task OnGetAsync(string? done, Guid? request, CancellationToken cancellationToken)
    {
        (Done, PostRequestId) = done switch
        {
            "resent" => (Localized.Text("メールを送信待ちに戻しました。まもなく送信されます。", "The mail is queued again and will be sent shortly."), null),
            "post" when request is not null => (Localized.Text(
                "回答の方法を郵送に切り替え、このメールの送信を取りやめました。通知書の画面で印刷して郵送してください。",
                "Delivery was switched to post and this mail withdrawn. Print the letter from the letters page and post it."), request),
            _ => (null, null),
        };
        await LoadAsync(cancellationToken);
    }

    public AuditedRead? AuditedRead(string action) => new(null, new { shown = Messages.Count, total = Total });

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await failed.ResendAsync(id, cancellationToken);
        return result == FailedMailResult.Done ? Redirect("/staff/mail?done=resent") : await RefusedAsync(result, cancellationToken);
    }

    public async Task<IActionResult> OnPostPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var (result, requestId) = await failed.SwitchToPostAsync(id, RequestWorkbench.ActorOf(User), cancellationToken);
        return result == FailedMailResult.Done ? Redirect($"/staff/mail?done=post&request={requestId}") : await RefusedAsync(result, cancellationToken);
    }

    private async Task<IActionResult> RefusedAsync(FailedMailResult result, CancellationToken cancellationToken)
    {
        Error = result switch
        {
            FailedMailResult.NoRequest => Localized.Text(
                "このメールは請求に結び付いていないため、郵送には切り替えられません。何も変更していません。",
                "This mail belongs to no request, so it cannot be switched to post. Nothing was changed."),
            FailedMailResult.Overtaken => Localized.Text(
                "この請求は、操作の間に他の職員が変更しました。何も変更していません。もう一度操作してください。",
                "The request was changed by someone else meanwhile. Nothing was changed; please try again."),
            _ => Localized.Text(
                "このメールは、すでに再送または郵送への切り替えの手続きが済んでいるか、送信済みです。何も変更していません。",
                "This mail has already been resent, switched to post or sent. Nothing was changed."),
        };
        failed.Forget();
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Messages = await failed.ListAsync(cancellationToken);
        Total = await failed.CountAsync(cancellationToken);
    }
}
