using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Staff.Requests;

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
    AuditTrail audit,
    TimeProvider clock,
    LetterIssuer letters,
    IValidator<DeadlineInput> validator) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public DeadlineInput Extend { get; set; } = new();

    public DeadlineState Deadline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Version = PrivacyRequest.Version;
        await OnShowingAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Extend, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(validation, nameof(Extend));
            return await InvalidAsync(cancellationToken);
        }

        var before = PrivacyRequest.DueAt;
        try
        {
            PrivacyRequest.ExtendDeadline(Extend.NewDueDate!.Value, Extend.Reason!, Actor, clock.GetUtcNow());
        }
        catch (DomainRuleException ex)
        {
            return await ShowAgainAsync(WorkOutcome.Refused(ex), cancellationToken);
        }

        audit.Record(AuditActions.DeadlineExtended, PrivacyRequest.Id, new
        {
            from = before is { } b ? Domain.Text.JapaneseText.JstDate(b).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            to = Extend.NewDueDate.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            days = PrivacyRequest.DeadlineExtensionDays,
        });

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
