using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;

using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Audit.Events;

public sealed record EventLogFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>The actor's id exactly (a staff user id, "member", "system", "anonymous").</summary>
    public string? ActorId { get; init; }

    /// <summary>An action code, or its beginning ("staff." for every sign-in event).</summary>
    public string? Action { get; init; }

    /// <summary>A reference number, in any width or case.</summary>
    public string? Reference { get; init; }
}

public sealed record EventLogRow(
    long Sequence, DateTimeOffset OccurredAt, string ActorId, string? ActorName, string? ActorRole, string Action,
    Guid? RequestId, string? ReferenceNumber, string? Details, string? IpAddress);

public sealed record EventLogPage(IReadOnlyList<EventLogRow> Rows, long? NextBefore);

/// <summary>The event log for auditors: newest first, keyset-paged by sequence number.</summary>
public sealed class AuditEventLogQuery(PrivacyDeskDbContext db, StaffDirectory staff)
{
    public const int PageSize = 100;

    public async Task<EventLogPage> GetPageAsync(EventLogFilter filter, long? before, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await FilterAsync(filter, cancellationToken);
        if (query is null)
        {
            return new EventLogPage([], null);
        }

        if (before is { } b)
        {
            query = query.Where(e => e.Sequence < b);
        }

        var events = await query.OrderByDescending(e => e.Sequence).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = events.Take(pageSize).ToList();
        var requestIds = page.Where(e => e.RequestId != null).Select(e => e.RequestId!.Value).Distinct().ToList();
        var references = await db.Requests.AsNoTracking().Where(r => requestIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.ReferenceNumber, cancellationToken);
        var names = await staff.NamesAsync(page.Select(e => e.ActorId), cancellationToken);
        var rows = page.Select(e => new EventLogRow(e.Sequence, e.OccurredAt, e.ActorId, names.GetValueOrDefault(e.ActorId), e.ActorRole, e.Action,
            e.RequestId, e.RequestId is { } id ? references.GetValueOrDefault(id) : null, e.Details, e.IpAddress)).ToList();
        return new EventLogPage(rows, events.Count > pageSize ? page[^1].Sequence : null);
    }

    public async IAsyncEnumerable<EventLogRow> AllAsync(EventLogFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long? before = null;
        do
        {
            var page = await GetPageAsync(filter, before, 1_000, cancellationToken);
            foreach (var row in page.Rows)
            {
                yield return row;
            }

            before = page.NextBefore;
        }
        while (before is not null);
    }

    public async Task<int> CountAsync(EventLogFilter filter, CancellationToken cancellationToken = default) =>
        await FilterAsync(filter, cancellationToken) is { } query ? await query.CountAsync(cancellationToken) : 0;

    /// <summary>The filtered events, or null when the reference number names no request (nothing can match).</summary>
    private async Task<IQueryable<AuditEvent>?> FilterAsync(EventLogFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        var (from, to) = AuditTime.Range(filter.From, filter.To);
        if (from is { } f)
        {
            query = query.Where(e => e.OccurredAt >= f);
        }

        if (to is { } t)
        {
            query = query.Where(e => e.OccurredAt < t);
        }

        if (!string.IsNullOrWhiteSpace(filter.ActorId))
        {
            var actor = filter.ActorId.Trim();
            query = query.Where(e => e.ActorId == actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(filter.Reference))
        {
            var reference = ReferenceNumber.Normalize(filter.Reference);
            var requestId = reference is null ? null
                : await db.Requests.AsNoTracking().Where(r => r.ReferenceNumber == reference).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
            if (requestId is null)
            {
                return null;
            }

            query = query.Where(e => e.RequestId == requestId);
        }

        return query;
    }
}
