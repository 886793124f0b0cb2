using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Letters;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Deadline;

/// <summary>
/// 回答期限の延長: staff set a later answer date with a reason (ADR 0016). The extension, its audit event, the delay
/// notice letter (stored with its hash) and, where the member gave an email address, the mail telling them the new
/// date are saved in one SaveChanges, against the version the staff member saw: all or nothing.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    TimeProvider clock,
    LetterIssuer letters) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public DeadlineInput Extend { get; set; } = new();

    public DeadlineState Deadline { get; private set; } = null!;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(Extend, nameof(Extend), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        try
        {
            // Raises DeadlineExtended: the audit row is written with the letter, in the same SaveChanges.
            PrivacyRequest.ExtendDeadline(Extend.NewDueDate!.Value, Extend.Reason!, Actor, clock.GetUtcNow());
        }
        catch (DomainRuleException ex)
        {
            return await ShowAgainAsync(WorkOutcome.Refused(ex), cancellationToken);
        }

        // The issue saves everything above with the letter, against the version shown (a colleague's change in between
        // refuses the whole).
        var result = await letters.IssueAsync(PrivacyRequest, LetterKind.DelayNotice, Version, Actor, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return await ShowAgainAsync(refusal.Conflict
                ? WorkOutcome.Overtaken(await Workbench.ExplainAsync(RequestId, cancellationToken))
                : new WorkOutcome(false, Localized.Text(refusal.Message), null), cancellationToken);
        }

        Done = Localized.Text(new Label(
            "回答予定日を延長し、延長のお知らせを発行しました。",
            "The answer date was extended and the delay notice issued."));
        return Redirect($"/staff/requests/{RequestId}");
    }

    protected override Task OnShowingAsync(CancellationToken cancellationToken)
    {
        Deadline = PrivacyRequest.DeadlineAt(clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
