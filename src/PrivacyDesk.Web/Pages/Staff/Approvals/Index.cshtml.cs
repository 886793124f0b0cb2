using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Approvals;

/// <summary>
/// /staff/approvals (承認待ち): the decisions a supervisor has to approve or send back, and the restatements of
/// third-party provision records waiting for a second person (ADR 0020). Supervisors and administrators
/// only. The list shows members' names, so each view is a <c>approvals.viewed</c> audit event with the reference
/// numbers listed (as the queue's <c>queue.viewed</c>).
/// </summary>
[Authorize(Policy = StaffPolicies.ApproveDecisions)]
[AuditsPersonalDataRead(AuditActions.ApprovalsListed)]
public sealed class IndexModel(PendingApprovalsQuery query, StaffDirectory staff) : PageModel, IAuditedRead
{
    public IReadOnlyList<PendingApproval> Rows { get; private set; } = [];

    public IReadOnlyList<PendingRestatement> Restatements { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await query.ListAsync(cancellationToken);
        Restatements = await query.ListRestatementsAsync(cancellationToken);
        Names = await staff.NamesAsync(Rows.Select(r => r.DecidedBy).Concat(Restatements.Select(r => r.RestatedBy)), cancellationToken);
    }

    public AuditedRead? AuditedRead(string action) => new(null, new
    {
        references = Rows.Select(r => r.ReferenceNumber).Concat(Restatements.Select(r => r.ReferenceNumber)).Distinct().ToArray(),
    });
}
