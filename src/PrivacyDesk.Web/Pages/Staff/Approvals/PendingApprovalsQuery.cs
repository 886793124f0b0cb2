using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.Approvals;

/// <summary>One decision waiting for a supervisor: the request, who entered the decision and when.</summary>
public sealed record PendingApproval(
    Guid RequestId,
    string ReferenceNumber,
    RequestFamily Family,
    IReadOnlyList<RequestKind> Kinds,
    string PrincipalName,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    DateTimeOffset? DueAt);

/// <summary>
/// One restatement of third-party provision records waiting for a second person (ADR 0020): the request, who restated
/// the records and when. The decision itself is already approved, so it is not among the decisions above.
/// </summary>
public sealed record PendingRestatement(
    Guid RequestId,
    string ReferenceNumber,
    string PrincipalName,
    string RestatedBy,
    DateTimeOffset RestatedAt);

/// <summary>
/// 承認待ち: the open requests whose decision is entered and not yet approved (four-eyes, ADR 0010), oldest decision
/// first, so that the supervisor clears the longest wait first.
/// </summary>
public sealed class PendingApprovalsQuery(PrivacyDeskDbContext db)
{
    /// <summary>At most this many rows on the page; a supervisor's backlog is never this long in practice.</summary>
    public const int Limit = 200;

    public async Task<IReadOnlyList<PendingApproval>> ListAsync(CancellationToken cancellationToken)
    {
        var open = true;
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.IsOpen == open && r.Decision != null && r.Decision.ApprovedAt == null)
            .OrderBy(r => r.Decision!.DecidedAt)
            .Take(Limit)
            .Select(r => new
            {
                r.Id,
                r.ReferenceNumber,
                r.Family,
                r.Kinds,
                r.Principal.FullName,
                r.Decision!.DecidedBy,
                r.Decision.DecidedAt,
                r.DueAt,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PendingApproval(r.Id, r.ReferenceNumber, r.Family, r.Kinds, r.FullName, r.DecidedBy, r.DecidedAt, r.DueAt)).ToList();
    }

    /// <summary>
    /// Restatements of records awaiting approval, oldest first. The request may already be closed: a restatement corrects
    /// an approved decision, and its letter cannot be issued until it is approved.
    /// </summary>
    public async Task<IReadOnlyList<PendingRestatement>> ListRestatementsAsync(CancellationToken cancellationToken)
    {
        // Correlated scalar subqueries rather than a join of the outcomes: SQLite cannot run the APPLY that EF needs for
        // the latter. A request has one records outcome, so "the first awaiting" is that one.
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.Decision!.Outcomes.Any(o => o.RestatedAt != null && o.RestatementApprovedAt == null))
            .Select(r => new
            {
                r.Id,
                r.ReferenceNumber,
                r.PrincipalName,
                RestatedAt = r.Decision!.Outcomes.Where(o => o.RestatedAt != null && o.RestatementApprovedAt == null).Min(o => o.RestatedAt),
                RestatedBy = r.Decision!.Outcomes.Where(o => o.RestatedAt != null && o.RestatementApprovedAt == null)
                    .OrderBy(o => o.RestatedAt).Select(o => o.RestatedBy).FirstOrDefault(),
            })
            .OrderBy(r => r.RestatedAt)
            .Take(Limit)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PendingRestatement(r.Id, r.ReferenceNumber, r.PrincipalName, r.RestatedBy ?? string.Empty, r.RestatedAt!.Value)).ToList();
    }
}
