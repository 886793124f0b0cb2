using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Staff.Requests;
using DomainDecision = PrivacyDesk.Domain.Decisions.Decision;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Decision;

/// <summary>
/// 決定: the outcome per requested kind, the grounds ①–④ and reasons where the answer is not what was asked, what
/// was done, and for disclosure the content disclosed. With four-eyes on (the default), a Supervisor approves it
/// before any letter goes out.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[AuditsPersonalDataRead(AuditActions.DecisionViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    TimeProvider clock,
    IOptions<DecisionOptions> options) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public bool RequiresApproval => options.Value.RequireApproval;

    public bool CanDecide => PrivacyRequest.Status == RequestStatus.InReview;

    public void OnGet() => Input.Outcomes = PrivacyRequest.Kinds.Select(k => new KindDecisionInput { Kind = k }).ToList();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var valid = await ValidateAsync(Input, nameof(Input), cancellationToken);

        // Ground ④ contradicts an accepted ID check (the form does not offer it then; a replayed or crafted post
        // might): said at the field, with the path to take instead. The domain refuses it again in Decide.
        var identityGroundRows = PrivacyRequest.IsIdentityConfirmed
            ? Enumerable.Range(0, Input.Outcomes.Count).Where(i => Input.Outcomes[i].Grounds.Contains(NonDisclosureGround.IdentityNotConfirmed)).ToArray()
            : [];
        if (!valid || identityGroundRows.Length > 0)
        {
            if (valid)
            {
                ModelState.Clear();
            }

            foreach (var i in identityGroundRows)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Outcomes)}[{i}].{nameof(KindDecisionInput.Grounds)}", Localized.Text(DecisionRules.IdentityGroundRefused));
            }

            return await InvalidAsync(cancellationToken);
        }

        return await ChangeAsync(() =>
        {
            var now = clock.GetUtcNow();
            var decision = new DomainDecision(
                Input.Outcomes.Select(o => new KindDecision(o.Kind, o.Outcome!.Value, o.Grounds, o.Reason, o.Detail)),
                Actor,
                now,
                Input.DisclosedContent);
            PrivacyRequest.Decide(decision, RequiresApproval);
        }, RequiresApproval
            ? new("決定を入力しました。責任者の承認を待っています。", "The decision was entered and awaits a supervisor's approval.")
            : new("決定を入力しました。", "The decision was entered."), cancellationToken);
    }
}
