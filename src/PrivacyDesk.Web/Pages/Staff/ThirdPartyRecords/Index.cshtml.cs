using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.ProvisionRecords;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

/// <summary>
/// 第三者提供記録: the register of provisions to and from third parties (APPI Arts. 29-30), searchable, with the
/// retention each record has, and the decided requests whose records content needs a look since content per kind
/// (ADR 0020). Read by everyone who reads requests (auditors included); importing is a separate page for those who
/// work on requests.
/// </summary>
[Authorize(Policy = StaffPolicies.ReadRequests)]
[AuditsPersonalDataRead(AuditActions.ProvisionRecordsViewed)]
public sealed class IndexModel(ProvisionRecordQuery query, PrivacyDeskDbContext db, IOptions<ProvisionRecordOptions> options) : PageModel
{
    public IReadOnlyList<ProvisionRecord> Records { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Reference)> NeedsReview { get; private set; } = [];

    public ProvisionRetention Retention => options.Value.Retention;

    public string? Search { get; private set; }

    public ProvisionDirection? Direction { get; private set; }

    public async Task OnGetAsync(string? q, ProvisionDirection? direction, CancellationToken cancellationToken)
    {
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 100)];
        Direction = direction is ProvisionDirection.Provided or ProvisionDirection.Received ? direction : null;
        Records = await query.ListAsync(Direction, Search, cancellationToken);
        NeedsReview = (await db.Requests.AsNoTracking()
                .Where(r => r.Decision != null && r.Decision.Outcomes.Any(o => o.ContentNeedsReview))
                .OrderBy(r => r.ReferenceNumber)
                .Select(r => new { r.Id, r.ReferenceNumber })
                .Take(200)
                .ToListAsync(cancellationToken))
            .Select(r => (r.Id, r.ReferenceNumber)).ToList();
    }
}
