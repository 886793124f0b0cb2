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
    PrivacyDesk.Letters.Composition.LetterSettings letterSettings,
    PrivacyDesk.Web.Pages.Staff.Letters.LetterIssuer letters) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    [BindProperty]
    public RestateRecordsInput Restate { get; set; } = new() { MemberReason = Localized.Text(RestateRecordsInputValidator.DefaultMemberReason) };

    /// <summary>
    /// An approved decision whose records outcome the migration flagged, still open: staff restate its records here
    /// before the records letter goes out (the domain refuses it once that letter was issued).
    /// </summary>
    public bool CanRestate => CanWork && PrivacyRequest.Status == RequestStatus.Decided
        && PrivacyRequest.Decision is { IsApproved: true } d
        && d.Outcomes.Any(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure && o.ContentNeedsReview);

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
        if (AsksForRecords && MatchingRecords.Count == 0)
        {
            MatchingRecords = await provisionRecords.MatchingAsync(PrivacyRequest, cancellationToken);
        }
    }

    /// <summary>Restates the records of an approved, migrated decision (ADR 0020); then the letters page shows what is next.</summary>
    public async Task<IActionResult> OnPostRestateAsync(CancellationToken cancellationToken)
    {
        await LoadRecordsAsync(cancellationToken);
        if (!await ValidateAsync(Restate, nameof(Restate), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        // As on the decision: only the requester's own records, else refused at the field with nothing stored.
        var matching = MatchingRecords.ToDictionary(r => r.Id);
        if (Restate.ProvisionRecordIds.Any(id => !matching.ContainsKey(id)))
        {
            ModelState.AddModelError($"{nameof(Restate)}.{nameof(RestateRecordsInput.ProvisionRecordIds)}",
                Localized.Text("選んだ記録は、この請求者の第三者提供記録ではありません。一覧から選び直してください。",
                    "A selected record is not one of this requester's provision records. Select again from the list."));
            return await InvalidAsync(cancellationToken);
        }

        var issued = (await letters.IssuedAsync(RequestId, cancellationToken))
            .Select(l => PrivacyDesk.Letters.Composition.LetterKinds.TryParse(l.Kind, out var k) ? (PrivacyDesk.Letters.Composition.LetterKind?)k : null)
            .OfType<PrivacyDesk.Letters.Composition.LetterKind>()
            .ToHashSet();
        var ids = Restate.NoRecord ? [] : Restate.ProvisionRecordIds.Distinct().ToList();
        return await ChangeAsync(() =>
        {
            // The letter that carries the records answer, before and after: either one issued means the member has
            // had an answer on paper (e.g. a 該当なし would share the non-disclosure letter already sent).
            var outcome = PrivacyRequest.Decision?.Outcomes.FirstOrDefault(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure);
            var answered = outcome is not null
                && (issued.Contains(PrivacyDesk.Letters.Composition.LetterKinds.ResultLetter(outcome.Kind, outcome.Outcome))
                    || issued.Contains(PrivacyDesk.Letters.Composition.LetterKinds.ResultLetter(outcome.Kind, ids.Count == 0 ? KindOutcome.NoDataHeld : outcome.Outcome)));
            PrivacyRequest.RestateRecordsContent(
                ids, ProvisionRecordQuery.DisclosureText(MatchingRecords.Where(r => ids.Contains(r.Id))), Restate.NoRecord ? Restate.MemberReason : null,
                Restate.Reason!, Actor, clock.GetUtcNow(), answered, RequiresApproval);
        }, RequiresApproval
            ? new("第三者提供記録を再記載しました。責任者の承認を待っています。", "The provision records were restated and await a supervisor's approval.")
            : new("第三者提供記録を再記載しました。通知書を発行できます。", "The provision records were restated; the letter can now be issued."),
            cancellationToken, redirectTo: $"/staff/requests/{RequestId}/letters");
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
