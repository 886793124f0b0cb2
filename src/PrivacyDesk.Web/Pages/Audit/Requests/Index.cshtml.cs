using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Audit.Requests;

/// <summary>
/// /audit/requests: the request history by period, family, outcome, staff member and lateness, newest first, names
/// masked; CSV export of the same search. Each search and each export is an audit event.
/// </summary>
[AuditsPersonalDataRead(AuditActions.HistorySearched)]
public sealed class IndexModel(AuditHistoryQuery history, StaffDirectory staff, IValidator<PeriodInput> periodValidator)
    : AuditPageModel(periodValidator), IAuditedRead
{
    private bool searched;

    [BindProperty(SupportsGet = true, Name = "family")]
    public RequestFamily? Family { get; set; }

    [BindProperty(SupportsGet = true, Name = "outcome")]
    public KindOutcome? Outcome { get; set; }

    [BindProperty(SupportsGet = true, Name = "staff")]
    public string? StaffId { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool OverdueOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? Cursor { get; set; }

    public HistoryPage Results { get; private set; } = new([], null);

    public IReadOnlyList<(string Id, string Name)> StaffMembers { get; private set; } = [];

    public IReadOnlyDictionary<string, string> StaffNames => StaffMembers.ToDictionary(s => s.Id, s => s.Name);

    private HistoryFilter Filter => new()
    {
        From = Period.FromDate,
        To = Period.ToDate,
        Family = Family,
        Outcome = Outcome,
        StaffId = string.IsNullOrWhiteSpace(StaffId) ? null : StaffId,
        OverdueOnly = OverdueOnly,
    };

    private object FilterDetails => new { from = Period.FromDate, to = Period.ToDate, family = Family?.ToString(), outcome = Outcome?.ToString(), staff = Filter.StaffId, overdue = OverdueOnly };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        StaffMembers = await LoadStaffAsync(cancellationToken);
        if (!await ValidatePeriodAsync(cancellationToken))
        {
            return;
        }

        Results = await history.GetPageAsync(Filter, Cursor, cancellationToken: cancellationToken);
        searched = true;
    }

    /// <summary>Recorded before the file is sent: the export is logged even if the download breaks off.</summary>
    [AuditsPersonalDataRead(AuditActions.HistoryExported)]
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        StaffMembers = await LoadStaffAsync(cancellationToken);
        if (!await ValidatePeriodAsync(cancellationToken))
        {
            return Page();
        }

        searched = true;
        var names = StaffNames;
        return await CsvAsync("request-history", async csv =>
        {
            await csv.WriteRowAsync(
                Localized.Text("受付番号", "Reference"), Localized.Text("請求の種類", "Family"), Localized.Text("請求内容", "Kinds"),
                Localized.Text("状態", "Status"), Localized.Text("受付日時（JST）", "Received (JST)"), Localized.Text("回答期限", "Due"),
                Localized.Text("回答日時（JST）", "Answered (JST)"), Localized.Text("期限超過", "Late"), Localized.Text("決定", "Outcomes"),
                Localized.Text("請求者", "Requester"), Localized.Text("担当者", "Assigned to"));
            await foreach (var row in history.AllAsync(Filter, cancellationToken))
            {
                await csv.WriteRowAsync(row.ReferenceNumber, Localized.Text(Labels.Family(row.Family)),
                    string.Join(" / ", row.Kinds.Select(k => Localized.Text(Labels.Kind(k)))), Localized.Text(Labels.Status(row.Status)),
                    AuditTime.Jst(row.ReceivedAt), AuditTime.Day(row.DueDate), row.AnsweredAt is { } a ? AuditTime.Jst(a) : null,
                    row.Late ? Localized.Text("超過", "late") : string.Empty,
                    string.Join(" / ", row.Outcomes.Select(o => Localized.Text(Labels.Outcome(o)))), row.MaskedPrincipalName,
                    row.AssignedTo is { } s ? names.GetValueOrDefault(s, s) : null);
            }
        });
    }

    /// <summary>Only a search that ran (a valid period) is recorded: an invalid one showed no requests.</summary>
    public AuditedRead? AuditedRead(string action) => !searched ? null
        : action == AuditActions.HistorySearched
            ? new(null, new { filter = FilterDetails, rows = Results.Rows.Count })
            : new(null, new { filter = FilterDetails });

    private async Task<IReadOnlyList<(string Id, string Name)>> LoadStaffAsync(CancellationToken cancellationToken) =>
        (await staff.AllAsync(cancellationToken)).Select(u => (u.Id, u.Name)).ToList();
}
