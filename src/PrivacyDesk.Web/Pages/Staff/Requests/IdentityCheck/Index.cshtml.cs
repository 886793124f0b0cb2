using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Requests.IdentityCheck;

/// <summary>
/// 本人確認: the documents side by side with the checklist for the requester type. Staff accept when every point is
/// confirmed, or return the request with reasons, which sends the member a deficiency notice and stops the clock.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.IdentityCheckViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    DeficiencyNotice notice,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Hosting.OrganizationOptions> organization,
    IdentityDocumentCatalogue catalogue) : StaffRequestPage(workbench, authorization)
{
    /// <summary>The configured ID documents: each document's own checklist points, and the names the texts list.</summary>
    public IdentityDocumentCatalogue Catalogue => catalogue;

    public int AuthorityMaxAgeMonths => organization.Value.RelationshipDocumentMaxAgeMonths;

    public DateOnly TodayJst => Domain.Text.JapaneseText.JstDate(clock.GetUtcNow());

    [BindProperty]
    public IdentityCheckInput Input { get; set; } = new();

    public IReadOnlyList<IdentityCheckItem> Checklist { get; private set; } = [];

    /// <summary>Set when the return could not be emailed: the member has no address, so a letter must go by post.</summary>
    [TempData]
    public bool NeedsPostalNotice { get; set; }

    public bool CanCheck => PrivacyRequest.AllowsIdentityCheck;

    public void OnGet() =>
        Input.Confirmed = PrivacyRequest.IdentityChecks.Count > 0 ? [.. PrivacyRequest.IdentityChecks[^1].Confirmed] : [];

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        Input.Decision = IdentityCheckDecision.Accept;
        Input.Checklist = PrivacyRequest.IdentityChecklistFor(catalogue);
        return ChangeAsync(Input, nameof(Input), () =>
        {
            var now = clock.GetUtcNow();
            StartCheckIfNeeded(now);
            PrivacyRequest.AcceptIdentity(Actor, now, Input.Confirmed, catalogue);
        }, new("本人確認書類を受理しました。", "The ID documents were accepted."), cancellationToken);
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken)
    {
        Input.Decision = IdentityCheckDecision.Return;
        Input.Checklist = PrivacyRequest.IdentityChecklistFor(catalogue);
        var emailed = false;
        var result = await ChangeAsync(Input, nameof(Input), () =>
        {
            var now = clock.GetUtcNow();
            var reason = DeficiencyReason();
            StartCheckIfNeeded(now);
            PrivacyRequest.ReturnForDeficiency(reason, Actor, now, Input.Confirmed, Input.Failed);
            emailed = notice.Enqueue(PrivacyRequest, reason, now);
        }, new("不備により返戻し、請求者にメールでお知らせしました。", "Returned for deficiency; the requester was told by email."), cancellationToken);
        if (result is RedirectResult && !emailed)
        {
            Done = Hosting.Localized.Text(
                "不備により返戻しました。請求者のメールアドレスがないため、「通知書」から不備のお知らせを発行して郵送してください。",
                "Returned for deficiency. The requester has no email address: issue the deficiency letter from \"Letters\" and post it.");
            NeedsPostalNotice = true;
        }

        return result;
    }

    protected override Task OnShowingAsync(CancellationToken cancellationToken)
    {
        Checklist = PrivacyRequest.IdentityChecklistFor(catalogue);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The reason the member reads: for each point marked deficient, what to send (in plain, positive words), then
    /// what staff added. Points left unticked are not deficiencies and are not mentioned.
    /// </summary>
    private string DeficiencyReason() =>
        IdentityChecklist.DeficiencyReason(PrivacyRequest.IdentityChecklistFor(catalogue), Input.Failed, Input.Reason, AuthorityMaxAgeMonths, catalogue, TodayJst);

    private void StartCheckIfNeeded(DateTimeOffset now)
    {
        if (!PrivacyRequest.IsIdentityCheckUnderWay)
        {
            PrivacyRequest.StartIdentityCheck(Actor, now);
        }
    }
}
