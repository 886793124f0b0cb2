using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Approvals;

/// <summary>
/// /staff/approvals (承認待ち): the decisions a supervisor has to approve or send back. Supervisors and administrators
/// only. The list shows members' names, so each view is a <c>approvals.viewed</c> audit event with the reference
/// numbers listed (as the queue's <c>queue.viewed</c>).
/// </summary>
[Authorize(Policy = StaffPolicies.ApproveDecisions)]
public sealed class IndexModel(PendingApprovalsQuery query, AuditTrail audit, PrivacyDeskDbContext db) : PageModel
{
    public IReadOnlyList<PendingApproval> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await query.ListAsync(cancellationToken);
        Names = await query.StaffNamesAsync(Rows.Select(r => r.DecidedBy), cancellationToken);
        audit.Record(AuditActions.ApprovalsViewed, null, new { references = Rows.Select(r => r.ReferenceNumber) });
        await db.SaveChangesAsync(cancellationToken);
    }
}
