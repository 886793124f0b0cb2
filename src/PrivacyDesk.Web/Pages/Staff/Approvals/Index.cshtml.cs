using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Approvals;

/// <summary>
/// /staff/approvals (承認待ち): the decisions a supervisor has to approve or send back. Supervisors and administrators
/// only. The list shows members' names, so each view is a <c>approvals.viewed</c> audit event with the reference
/// numbers listed (as the queue's <c>queue.viewed</c>).
/// </summary>
[Authorize(Policy = StaffPolicies.ApproveDecisions)]
[AuditsPersonalDataRead(AuditActions.ApprovalsListed)]
public sealed class IndexModel(PendingApprovalsQuery query, StaffDirectory staff) : PageModel, IAuditedRead
{
    public IReadOnlyList<PendingApproval> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await query.ListAsync(cancellationToken);
        Names = await staff.NamesAsync(Rows.Select(r => r.DecidedBy), cancellationToken);
    }

    public AuditedRead? AuditedRead(string action) => new(null, new { references = Rows.Select(r => r.ReferenceNumber).ToArray() });
}
