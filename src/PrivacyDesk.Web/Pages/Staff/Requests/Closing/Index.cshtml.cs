using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Closing;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Letters;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Closing;

/// <summary>
/// 取下げ・却下 (ADR 0023): staff reject a request with a ground and reason, or record a withdrawal that reached them by
/// phone, post or at the counter. Either way the closing notice (却下通知書 or 取下げ確認書) is issued, stored with its
/// hash, and mailed wherever the member gave an address, in the same SaveChanges as the change and against the version
/// the staff member saw: all or nothing.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    TimeProvider clock,
    LetterIssuer letters) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public RejectInput Reject { get; set; } = new();

    [BindProperty]
    public WithdrawInput Withdraw { get; set; } = new();

    public static Label ChannelLabel(WithdrawalChannel channel) => channel switch
    {
        WithdrawalChannel.Phone => new("電話", "Phone"),
        WithdrawalChannel.Post => new("郵送（書面）", "Post (in writing)"),
        WithdrawalChannel.Counter => new("窓口", "At the counter"),
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(Reject, nameof(Reject), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        return await CloseAsync(
            () => PrivacyRequest.Reject(Reject.Reason!, Actor, clock.GetUtcNow(), Reject.Ground!.Value),
            new("請求を却下し、却下通知書を発行しました。", "The request was rejected and the notice issued."),
            cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(Withdraw, nameof(Withdraw), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        // The channel is kept in the status change's reason (in Japanese, as the confirmation prints it).
        var how = $"{ChannelLabel(Withdraw.Channel!.Value).Japanese}による取下げのお申し出";
        var note = string.IsNullOrWhiteSpace(Withdraw.Note) ? how : $"{how}：{Withdraw.Note.Trim()}";
        return await CloseAsync(
            () => PrivacyRequest.Withdraw(Actor, clock.GetUtcNow(), note),
            new("取下げを記録し、取下げ確認書を発行しました。", "The withdrawal was recorded and the confirmation issued."),
            cancellationToken);
    }

    /// <summary>Runs the change, then issues its closing notice, which saves both (and the audit rows and mail) at once.</summary>
    private async Task<IActionResult> CloseAsync(Action change, Label done, CancellationToken cancellationToken)
    {
        try
        {
            change();
        }
        catch (DomainRuleException ex)
        {
            return await ShowAgainAsync(WorkOutcome.Refused(ex), cancellationToken);
        }

        var result = await letters.IssueAsync(PrivacyRequest, LetterKinds.ClosingNotice(PrivacyRequest)!.Value, Version, Actor, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return await ShowAgainAsync(refusal.Conflict
                ? WorkOutcome.Overtaken(await Workbench.ExplainAsync(RequestId, cancellationToken))
                : new WorkOutcome(false, Localized.Text(refusal.Message), null), cancellationToken);
        }

        Done = Localized.Text(done);
        return Redirect($"/staff/requests/{RequestId}");
    }
}
