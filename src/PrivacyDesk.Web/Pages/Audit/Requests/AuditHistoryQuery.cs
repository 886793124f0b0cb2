using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Pages.Staff.Queue;

using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit.Requests;

/// <summary>What an auditor searches the request history by. Periods are JST days on the date of receipt.</summary>
public sealed record HistoryFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public RequestFamily? Family { get; init; }

    /// <summary>Requests with at least one kind decided with this outcome.</summary>
    public KindOutcome? Outcome { get; init; }

    /// <summary>A staff user id: assigned, changed the status, decided, recorded a payment, or has an audit event on it.</summary>
    public string? StaffId { get; init; }

    /// <summary>Overdue now, or answered after the due day.</summary>
    public bool OverdueOnly { get; init; }
}

/// <param name="Late">Overdue now (unanswered past the due day) or answered after the due day (the domain's deadline clock).</param>
public sealed record HistoryRow(
    Guid Id,
    string ReferenceNumber,
    RequestFamily Family,
    IReadOnlyList<RequestKind> Kinds,
    RequestStatus Status,
    DateTimeOffset ReceivedAt,
    DateOnly DueDate,
    DateTimeOffset? AnsweredAt,
    bool Late,
    IReadOnlyList<KindOutcome> Outcomes,
    string MaskedPrincipalName,
    string? AssignedTo);

public sealed record HistoryPage(IReadOnlyList<HistoryRow> Rows, string? NextCursor);

/// <summary>
/// The auditors' request-history search: newest first, keyset-paged on (ReceivedAt, Id), names masked as in the staff
/// queue. Lateness is the deadline clock's own rule (JST days), applied to the rows SQL narrows down.
/// </summary>
public sealed class AuditHistoryQuery(PrivacyDeskDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<HistoryPage> GetPageAsync(HistoryFilter filter, string? cursor, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        var after = QueueCursor.Parse(cursor);
        var rows = new List<HistoryRow>(pageSize + 1);
        while (rows.Count <= pageSize)
        {
            var query = Filter(filter, now);
            if (after?.DueAt is { } afterReceived)
            {
                var afterId = after.Id;
                query = query.Where(r => r.ReceivedAt < afterReceived || (r.ReceivedAt == afterReceived && r.Id.CompareTo(afterId) < 0));
            }

            var chunk = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
                .Select(r => new Candidate
                {
                    Id = r.Id,
                    ReferenceNumber = r.ReferenceNumber,
                    Family = r.Family,
                    Kinds = r.Kinds,
                    Status = r.Status,
                    ReceivedAt = r.ReceivedAt,
                    ResponseTargetDays = r.ResponseTargetDays,
                    DeadlineExtensionDays = r.DeadlineExtensionDays,
                    Outcomes = r.Decision == null ? new List<KindOutcome>() : r.Decision.Outcomes.Select(o => o.Outcome).ToList(),
                    PrincipalName = r.Principal.FullName,
                    AssignedTo = r.AssignedTo,
                })
                .Take(pageSize + 1)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            rows.AddRange((await ToRowsAsync(chunk, now, cancellationToken)).Where(r => !filter.OverdueOnly || r.Late));
            if (chunk.Count <= pageSize)
            {
                break;
            }

            after = new QueueCursor(chunk[^1].ReceivedAt, chunk[^1].Id);
        }

        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? new QueueCursor(page[^1].ReceivedAt, page[^1].Id).Format() : null;
        return new HistoryPage(page, next);
    }

    /// <summary>Every matching row, page by page, for the CSV export.</summary>
    public async IAsyncEnumerable<HistoryRow> AllAsync(HistoryFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await GetPageAsync(filter, cursor, 500, cancellationToken);
            foreach (var row in page.Rows)
            {
                yield return row;
            }

            cursor = page.NextCursor;
            db.ChangeTracker.Clear();
        }
        while (cursor is not null);
    }

    private IQueryable<PrivacyRequest> Filter(HistoryFilter filter, DateTimeOffset now)
    {
        var query = db.Requests.AsNoTracking();
        var (from, to) = AuditTime.Range(filter.From, filter.To);
        if (from is { } f)
        {
            query = query.Where(r => r.ReceivedAt >= f);
        }

        if (to is { } t)
        {
            query = query.Where(r => r.ReceivedAt < t);
        }

        if (filter.Family is { } family)
        {
            query = query.Where(r => r.Family == family);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(r => r.Decision != null && r.Decision.Outcomes.Any(o => o.Outcome == outcome));
        }

        if (!string.IsNullOrWhiteSpace(filter.StaffId))
        {
            var staff = filter.StaffId.Trim();
            query = query.Where(r => r.AssignedTo == staff
                || r.StatusHistory.Any(c => c.Actor == staff)
                || (r.Decision != null && r.Decision.DecidedBy == staff)
                || r.Payments.Any(p => p.RecordedBy == staff)
                || db.AuditEvents.Any(e => e.RequestId == r.Id && e.ActorId == staff));
        }

        if (filter.OverdueOnly)
        {
            // A superset in SQL (unanswered and past the due instant's day, or answered after the due instant); the
            // clock's JST-day rule then decides each row.
            var startOfToday = AuditTime.StartOfJstDay(JapaneseText.JstDate(now));
            query = query.Where(r => r.DueAt != null
                && ((r.DueAt < startOfToday && r.Status != RequestStatus.Closed
                     && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Rejected)
                    || r.StatusHistory.Any(c => (c.To == RequestStatus.Closed
                                                 || c.To == RequestStatus.Withdrawn || c.To == RequestStatus.Rejected) && c.At > r.DueAt)));
        }

        return query;
    }

    private async Task<List<HistoryRow>> ToRowsAsync(List<Candidate> chunk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = chunk.Select(c => c.Id).ToList();
        var histories = (await db.StatusChanges.AsNoTracking()
                .Where(c => ids.Contains(EF.Property<Guid>(c, "RequestId")))
                .Select(c => new { RequestId = EF.Property<Guid>(c, "RequestId"), Change = c })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.RequestId, x => x.Change);
        return chunk.Select(c =>
        {
            var state = DeadlineClock.For(c.ResponseTargetDays, c.DeadlineExtensionDays).Evaluate(c.ReceivedAt, histories[c.Id].OrderBy(h => h.At).ToList(), now);
            return new HistoryRow(c.Id, c.ReferenceNumber, c.Family, c.Kinds, c.Status, c.ReceivedAt, state.DueDate, state.AnsweredAt,
                state.IsOverdue || state.AnsweredLate, c.Outcomes, StaffQueueQuery.MaskName(c.PrincipalName), c.AssignedTo);
        }).ToList();
    }

    private sealed class Candidate
    {
        public Guid Id { get; init; }
        public string ReferenceNumber { get; init; } = string.Empty;
        public RequestFamily Family { get; init; }
        public List<RequestKind> Kinds { get; init; } = [];
        public RequestStatus Status { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public int ResponseTargetDays { get; init; }
        public int DeadlineExtensionDays { get; init; }
        public List<KindOutcome> Outcomes { get; init; } = [];
        public string PrincipalName { get; init; } = string.Empty;
        public string? AssignedTo { get; init; }
    }
}
