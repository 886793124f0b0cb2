using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Audit.Events;

/// <summary>/audit/events: the event log by period, actor, action and request reference, newest first; CSV export (an audit event).</summary>
public sealed class IndexModel(AuditEventLogQuery log, StaffDirectory staff, IValidator<PeriodInput> periodValidator)
    : AuditPageModel(periodValidator), IAuditedRead
{
    private object? exported;

    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? ActorId { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "reference")]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public EventLogPage Results { get; private set; } = new([], null);

    /// <summary>The actor filter's choices, by name (<see cref="AuditActorChoices"/>).</summary>
    public IReadOnlyList<AuditActorChoice> Actors { get; private set; } = [];

    private EventLogFilter Filter => new() { From = Period.FromDate, To = Period.ToDate, ActorId = ActorId, Action = ActionCode, Reference = Reference };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Actors = await AuditActorChoices.ListAsync(staff, cancellationToken);
        if (await ValidatePeriodAsync(cancellationToken))
        {
            Results = await log.GetPageAsync(Filter, Before, cancellationToken: cancellationToken);
        }
    }

    /// <summary>The export is recorded before the file is sent (by the read filter), even if the download breaks off.</summary>
    [AuditsPersonalDataRead(AuditActions.EventsExported)]
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await ValidatePeriodAsync(cancellationToken))
        {
            return Page();
        }

        var filter = Filter;
        var count = await log.CountAsync(filter, cancellationToken);
        exported = new
        {
            filter = new { from = filter.From, to = filter.To, actor = filter.ActorId, action = filter.Action, reference = filter.Reference },
            rows = count,
        };
        return await CsvAsync("audit-events", async csv =>
        {
            await csv.WriteRowAsync(
                Localized.Text("連番", "Sequence"), Localized.Text("日時（JST）", "Time (JST)"), Localized.Text("実施者ID", "Actor id"),
                Localized.Text("実施者", "Actor"), Localized.Text("役割", "Role"), Localized.Text("操作", "Action"),
                Localized.Text("受付番号", "Reference"), Localized.Text("詳細", "Details"), Localized.Text("IPアドレス", "IP address"),
                Localized.Text("日時（UTC）", "Time (UTC)"));
            await foreach (var row in log.AllAsync(filter, cancellationToken))
            {
                await csv.WriteRowAsync(row.Sequence, AuditTime.Jst(row.OccurredAt), row.ActorId, row.ActorName, row.ActorRole, row.Action,
                    row.ReferenceNumber, row.Details, row.IpAddress, row.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            }
        });
    }

    public AuditedRead? AuditedRead(string action) => exported is null ? null : new(null, exported);
}
