using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.Detail;

/// <summary>
/// 請求の詳細: everything about one request, its documents, fee, decision and timeline, with the small changes made
/// in place (assignment, notes); withdrawal and rejection have their own page, which issues the notice. Every view of it is an audit event, because it shows the
/// member's personal data. Auditors read it; only staff who work requests can change anything.
/// </summary>
[AuditsPersonalDataRead(AuditActions.RequestViewed)]
public sealed class IndexModel(
    RequestWorkbench workbench,
    IAuthorizationService authorization,
    PrivacyDeskDbContext db,
    TimeProvider clock) : StaffRequestPage(workbench, authorization)
{
    [BindProperty]
    public AssignInput Assign { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    public DeadlineState Deadline { get; private set; } = null!;

    public IReadOnlyList<RequestNote> Notes { get; private set; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Assignable { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<LetterSummary> Letters { get; private set; } = [];

    public void OnGet() => Assign.AssignTo = PrivacyRequest.AssignedTo;

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        if (!await ValidateAsync(Assign, nameof(Assign), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        var assignable = await Workbench.AssignableStaffAsync(cancellationToken);
        var target = string.IsNullOrWhiteSpace(Assign.AssignTo) ? null : Assign.AssignTo;
        if (target is not null && assignable.All(a => a.Id != target))
        {
            ModelState.AddModelError($"{nameof(Assign)}.{nameof(AssignInput.AssignTo)}",
                Localized.Text("担当者に選べない職員です。", "That staff member cannot be put in charge."));
            return await InvalidAsync(cancellationToken);
        }

        return await ChangeAsync(() => PrivacyRequest.AssignTo(target, Actor, clock.GetUtcNow()), new("担当者を変更しました。", "The assignment was changed."), cancellationToken);
    }

    /// <summary>Notes do not change the request, so they never conflict with a colleague's change.</summary>
    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        if (!await ValidateAsync(Note, nameof(Note), cancellationToken))
        {
            return await InvalidAsync(cancellationToken);
        }

        var note = new RequestNote(PrivacyRequest.Id, Note.Text!, Actor, clock.GetUtcNow());
        db.RequestNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        Done = Localized.Text("メモを追加しました。", "The note was added.");
        return Redirect($"/staff/requests/{RequestId}#notes");
    }

    protected override async Task OnShowingAsync(CancellationToken cancellationToken)
    {
        Deadline = PrivacyRequest.DeadlineAt(clock.GetUtcNow());
        Notes = await db.RequestNotes.AsNoTracking().Where(n => n.RequestId == PrivacyRequest.Id).OrderByDescending(n => n.At).ToListAsync(cancellationToken);
        Letters = await db.Letters.AsNoTracking().Where(l => l.RequestId == PrivacyRequest.Id).OrderBy(l => l.IssuedAt)
            .Select(l => new LetterSummary(l.Id, l.Kind, l.IssuedAt, l.IssuedBy, l.Sha256)).ToListAsync(cancellationToken);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.RequestId == PrivacyRequest.Id).OrderByDescending(e => e.Id).Take(500)
            .Select(e => new { e.OccurredAt, e.ActorId, e.Action }).ToListAsync(cancellationToken);
        Assignable = CanWork ? await Workbench.AssignableStaffAsync(cancellationToken) : [];
        Names = await Workbench.NamesAsync(
            events.Select(e => e.ActorId)
                .Concat(PrivacyRequest.StatusHistory.Select(c => c.Actor))
                .Concat(Notes.Select(n => n.AuthorId))
                .Concat(PrivacyRequest.Payments.Select(p => p.RecordedBy))
                .Concat(Letters.Select(l => l.IssuedBy))
                .Append(PrivacyRequest.AssignedTo)
                .Append(PrivacyRequest.Decision?.DecidedBy)
                .Append(PrivacyRequest.Decision?.ApprovedBy),
            cancellationToken);

        var timeline = new List<TimelineEntry>();
        timeline.AddRange(PrivacyRequest.StatusHistory.Select(c => new TimelineEntry(c.At, TimelineEntryKind.Status,
            c.From is null
                ? new Label($"状態：{Labels.Status(c.To).Japanese}", $"Status: {Labels.Status(c.To).English}")
                : new Label($"状態：{Labels.Status(c.From.Value).Japanese} → {Labels.Status(c.To).Japanese}",
                    $"Status: {Labels.Status(c.From.Value).English} → {Labels.Status(c.To).English}"),
            c.Actor, c.Reason)));
        timeline.AddRange(events.Select(e => new TimelineEntry(e.OccurredAt, TimelineEntryKind.Event,
            AuditActions.Describe(e.Action) ?? new Label(e.Action, e.Action), e.ActorId, null)));
        timeline.AddRange(Notes.Select(n => new TimelineEntry(n.At, TimelineEntryKind.Note, new("メモ", "Note"), n.AuthorId, n.Text)));
        Timeline = timeline.OrderByDescending(t => t.At).ThenBy(t => t.Kind).ToList();
    }

    public string NameOf(string? actorId) => actorId switch
    {
        null => "—",
        PrivacyRequest.MemberActor => Localized.Text("請求者", "Requester"),
        PrivacyRequest.SystemActor or "system" => Localized.Text("システム", "System"),
        "anonymous" => Localized.Text("（匿名）", "(anonymous)"),
        _ => Names.GetValueOrDefault(actorId) ?? Localized.Text("（不明な職員）", "(unknown staff)"),
    };
}

public sealed record LetterSummary(Guid Id, string Kind, DateTimeOffset IssuedAt, string IssuedBy, string Sha256);
