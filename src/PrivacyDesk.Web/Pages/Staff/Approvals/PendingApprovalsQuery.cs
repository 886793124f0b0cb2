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
}
