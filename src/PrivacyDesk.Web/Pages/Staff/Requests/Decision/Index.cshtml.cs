using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;
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
    IOptions<DecisionOptions> options,
    ProvisionRecordQuery provisionRecords,
    PrivacyDesk.Letters.Composition.LetterSettings letterSettings) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public bool RequiresApproval => options.Value.RequireApproval;

    public bool CanDecide => PrivacyRequest.Status == RequestStatus.InReview;

    /// <summary>For a 第三者提供記録の開示: the register's records about the requester (member number, or kana and birth date).</summary>
    public IReadOnlyList<Domain.ProvisionRecords.ProvisionRecord> MatchingRecords { get; private set; } = [];

    public bool AsksForRecords => PrivacyRequest.Kinds.Contains(RequestKind.ThirdPartyProvisionRecordDisclosure);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The purposes are filled in with the configured ones, for staff to adjust (ADR 0020).
        var purposes = string.Join("\n", letterSettings.PurposesOfUse);
        Input.Outcomes = PrivacyRequest.Kinds
            .Select(k => new KindDecisionInput { Kind = k, Content = k == RequestKind.PurposeOfUseNotice ? purposes : null })
            .ToList();
        await LoadRecordsAsync(cancellationToken);
    }

    private async Task LoadRecordsAsync(CancellationToken cancellationToken)
    {
        if (AsksForRecords)
        {
            MatchingRecords = await provisionRecords.MatchingAsync(PrivacyRequest, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadRecordsAsync(cancellationToken);
        var valid = await ValidateAsync(Input, nameof(Input), cancellationToken);

        // Only the requester's own records can be disclosed: an id from a replayed or crafted post that is not among
        // the matches is refused at the field, and nothing is stored.
        var matching = MatchingRecords.ToDictionary(r => r.Id);
        var foreignRows = Enumerable.Range(0, Input.Outcomes.Count)
            .Where(i => Input.Outcomes[i].ProvisionRecordIds.Any(id => !matching.ContainsKey(id)))
            .ToArray();
        foreach (var i in foreignRows)
        {
            if (valid)
            {
                ModelState.Clear();
                valid = false;
            }

            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Outcomes)}[{i}].{nameof(KindDecisionInput.ProvisionRecordIds)}",
                Localized.Text("選んだ記録は、この請求者の第三者提供記録ではありません。一覧から選び直してください。",
                    "A selected record is not one of this requester's provision records. Select again from the list."));
        }

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
            // Each kind its own content; the records' content is the text of exactly the records selected (ADR 0020).
            var decision = new DomainDecision(
                Input.Outcomes.Select(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure
                    ? new KindDecision(o.Kind, o.Outcome!.Value, o.Grounds, o.Reason, o.Detail,
                        ProvisionRecordQuery.DisclosureText(MatchingRecords.Where(r => o.ProvisionRecordIds.Contains(r.Id))), o.ProvisionRecordIds)
                    : new KindDecision(o.Kind, o.Outcome!.Value, o.Grounds, o.Reason, o.Detail, o.Content)),
                Actor,
                now);
            PrivacyRequest.Decide(decision, RequiresApproval);
        }, RequiresApproval
            ? new("決定を入力しました。責任者の承認を待っています。", "The decision was entered and awaits a supervisor's approval.")
            : new("決定を入力しました。", "The decision was entered."), cancellationToken);
    }
}
