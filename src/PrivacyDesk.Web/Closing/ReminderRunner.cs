using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Closing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Pages.Staff.Letters;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Closing;

public sealed record ReminderRunResult(int Reminded, int Abandoned, int Overtaken);

/// <summary>
/// One pass of the reminder job (ADR 0023): every request waiting for the member whose next step is due
/// (<see cref="ReminderSchedule"/>) gets it: a reminder (letter, and mail where an email exists) or, after two, the
/// close as abandoned with its notice. Each step is the domain change, its audit event, the letter and the mail in
/// one SaveChanges against the version this pass loaded: a second instance doing the same step at the same moment
/// finds the version moved and saves nothing (counted as overtaken), and a pass after a restart finds the step done.
/// </summary>
public sealed partial class ReminderRunner(
    PrivacyDeskDbContext db,
    RequestWorkbench workbench,
    LetterIssuer letters,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    ILogger<ReminderRunner> logger)
{
    public async Task<ReminderRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        using var actor = audit.UseActor(PrivacyRequest.SystemActor, PrivacyRequest.SystemActor);
        var now = clock.GetUtcNow();
        var settings = options.Value.Settings;
        var waitingSince = (now - TimeSpan.FromDays(settings.FirstAfterDays)).ToUniversalTime();
        var candidates = await db.Requests.AsNoTracking()
            .Where(r => (r.Status == RequestStatus.AwaitingFee || r.Status == RequestStatus.ReturnedForDeficiency)
                        && r.ClockPausedSince != null && r.ClockPausedSince <= waitingSince)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

        int reminded = 0, abandoned = 0, overtaken = 0;
        foreach (var id in candidates)
        {
            workbench.Forget();
            var request = await workbench.LoadAsync(id, cancellationToken);
            var step = request is null ? ReminderStep.None : ReminderSchedule.Due(request, now, settings);
            if (request is null || step == ReminderStep.None)
            {
                continue;
            }

            var version = request.Version;
            LetterKind kind;
            try
            {
                if (step == ReminderStep.Abandon)
                {
                    request.Abandon(now);
                    kind = LetterKind.AbandonmentNotice;
                }
                else
                {
                    request.RecordReminder(step, ReminderSchedule.ClosesOn(request, step, now, settings), now);
                    kind = LetterKind.Reminder;
                }
            }
            catch (DomainRuleException ex)
            {
                LogRefused(logger, id, step, ex.Code);
                continue;
            }

            var result = await letters.IssueAsync(request, kind, version, PrivacyRequest.SystemActor, cancellationToken);
            if (result.Refusal is not null)
            {
                // Another instance (or a member's payment, a staff change) got there first: nothing of this step is saved.
                overtaken++;
                LogOvertaken(logger, id, step);
                continue;
            }

            if (step == ReminderStep.Abandon)
            {
                abandoned++;
            }
            else
            {
                reminded++;
            }
        }

        workbench.Forget();
        LogRun(logger, reminded, abandoned, overtaken);
        return new ReminderRunResult(reminded, abandoned, overtaken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run: {Reminded} reminded, {Abandoned} closed as abandoned, {Overtaken} overtaken")]
    private static partial void LogRun(ILogger logger, int reminded, int abandoned, int overtaken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder step {Step} for request {RequestId} was overtaken by another change; nothing saved")]
    private static partial void LogOvertaken(ILogger logger, Guid requestId, ReminderStep step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder step {Step} for request {RequestId} refused by the domain ({Code})")]
    private static partial void LogRefused(ILogger logger, Guid requestId, ReminderStep step, string code);
}
