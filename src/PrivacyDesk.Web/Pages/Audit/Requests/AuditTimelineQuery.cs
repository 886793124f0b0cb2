using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Pages.Staff.Queue;

using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Audit.Requests;

public sealed record RequestTimeline(
    Guid Id,
    string ReferenceNumber,
    RequestFamily Family,
    IReadOnlyList<RequestKind> Kinds,
    RequestStatus Status,
    DateTimeOffset ReceivedAt,
    DeadlineState Deadline,
    string MaskedPrincipalName,
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyDictionary<string, string> StaffNames);

/// <summary>A request's whole history in time order: status changes, audit events, payments, documents, decision, letters.</summary>
public sealed class AuditTimelineQuery(PrivacyDeskDbContext db, TimeProvider clock, StaffDirectory staff)
{
    public async Task<RequestTimeline?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var request = await db.Requests.AsNoTracking()
            .Include(r => r.Principal)
            .Include(r => r.StatusHistory)
            .Include(r => r.Payments)
            .Include(r => r.Documents)
            .Include(r => r.Decision).ThenInclude(d => d!.Outcomes)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var entries = new List<TimelineEntry>();
        entries.AddRange(request.StatusHistory.Select(c => new TimelineEntry(c.At, TimelineEntryKind.Status,
            new Label(
                $"状態：{(c.From is { } f ? Labels.Status(f).Japanese + " → " : string.Empty)}{Labels.Status(c.To).Japanese}",
                $"Status: {(c.From is { } g ? Labels.Status(g).English + " → " : string.Empty)}{Labels.Status(c.To).English}"),
            c.Actor, c.Reason)));
        entries.AddRange(request.Payments.Select(p => new TimelineEntry(p.RecordedAt, TimelineEntryKind.Payment,
            new Label($"手数料の記録：{p.AmountYen:N0}円（{p.PaidOn:yyyy-MM-dd}）", $"Fee recorded: ¥{p.AmountYen:N0} ({p.PaidOn:yyyy-MM-dd})"),
            p.RecordedBy, p.Method.ToString())));
        foreach (var d in request.Documents)
        {
            var type = Labels.DocumentType(d.Type);
            entries.Add(new TimelineEntry(d.UploadedAt, TimelineEntryKind.Document,
                new Label($"書類の受領：{type.Japanese}", $"Document received: {type.English}"), null, $"sha256 {d.Sha256}"));
            if (d.PurgedAt is { } purged)
            {
                entries.Add(new TimelineEntry(purged, TimelineEntryKind.Document,
                    new Label($"書類の廃棄（保存期間経過）：{type.Japanese}", $"Document purged (retention): {type.English}"), PrivacyRequest.SystemActor, $"sha256 {d.Sha256}"));
            }
        }

        if (request.Decision is { } decision)
        {
            entries.Add(new TimelineEntry(decision.DecidedAt, TimelineEntryKind.Decision,
                new Label("決定：" + string.Join("、", decision.Outcomes.Select(o => $"{Labels.Kind(o.Kind).Japanese}＝{Labels.Outcome(o.Outcome).Japanese}")),
                    "Decision: " + string.Join("; ", decision.Outcomes.Select(o => $"{Labels.Kind(o.Kind).English} = {Labels.Outcome(o.Outcome).English}"))),
                decision.DecidedBy, null));
        }

        var letters = await db.Letters.AsNoTracking().Where(l => l.RequestId == id)
            .Select(l => new { l.Kind, l.IssuedAt, l.IssuedBy, l.Sha256, l.PurgedAt }).ToListAsync(cancellationToken);
        foreach (var l in letters)
        {
            entries.Add(new TimelineEntry(l.IssuedAt, TimelineEntryKind.Letter, new Label($"通知書の発行：{l.Kind}", $"Letter issued: {l.Kind}"), l.IssuedBy, $"sha256 {l.Sha256}"));
            if (l.PurgedAt is { } purged)
            {
                entries.Add(new TimelineEntry(purged, TimelineEntryKind.Letter,
                    new Label($"通知書PDFの廃棄（保存期間経過）：{l.Kind}", $"Letter PDF purged (retention): {l.Kind}"), PrivacyRequest.SystemActor, $"sha256 {l.Sha256}"));
            }
        }

        var events = await db.AuditEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        entries.AddRange(events.Select(e => new TimelineEntry(e.OccurredAt, TimelineEntryKind.Event, new Label(e.Action, e.Action),
            e.ActorId, $"{e.Details}{(e.IpAddress is null ? string.Empty : $" IP {e.IpAddress}")}".Trim(), e.Sequence)));

        var names = await staff.NamesAsync(entries.Select(e => e.Actor), cancellationToken);
        var deadline = request.DeadlineAt(clock.GetUtcNow());
        return new RequestTimeline(request.Id, request.ReferenceNumber, request.Family, request.Kinds, request.Status, request.ReceivedAt, deadline,
            StaffQueueQuery.MaskName(request.Principal.FullName),
            entries.OrderBy(e => e.At).ThenBy(e => e.Sequence ?? 0).ToList(), names);
    }
}
