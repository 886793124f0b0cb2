using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Approval;

/// <summary>
/// 決定の承認 (four-eyes): a Supervisor other than the person who entered the decision approves it, so its letter may
/// go out, or sends it back to review with a reason.
/// </summary>
[Authorize(Policy = StaffPolicies.ApproveDecisions)]
[AuditsPersonalDataRead(AuditActions.ApprovalViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    TimeProvider clock) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public SendBackInput SendBack { get; set; } = new();

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        ChangeAsync(() => PrivacyRequest.ApproveDecision(Actor, clock.GetUtcNow()),
            new("決定を承認しました。通知書を発行できます。", "The decision was approved; its letter can now be issued."), cancellationToken);

    public Task<IActionResult> OnPostApproveRestatementAsync(CancellationToken cancellationToken) =>
        ChangeAsync(() => PrivacyRequest.ApproveRecordsRestatement(Actor, clock.GetUtcNow()),
            new("第三者提供記録の再記載を承認しました。通知書を発行できます。", "The restated provision records were approved; the letter can now be issued."),
            cancellationToken, redirectTo: $"/staff/requests/{RequestId}/letters");

    public Task<IActionResult> OnPostSendBackAsync(CancellationToken cancellationToken) =>
        ChangeAsync(SendBack, nameof(SendBack), () => PrivacyRequest.SendBackForRevision(SendBack.Reason!, Actor, clock.GetUtcNow()),
            new("決定を差し戻しました。", "The decision was sent back."), cancellationToken);

    protected override async Task OnShowingAsync(CancellationToken cancellationToken) =>
        Names = await Workbench.NamesAsync([PrivacyRequest.Decision?.DecidedBy], cancellationToken);
}
