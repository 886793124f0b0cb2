using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>/audit/verify: walks the whole hash chain and shows the first broken link, or that it is whole. The check is itself recorded.</summary>
public sealed class VerifyModel(AuditChainVerifier verifier, AuditTrail audit, PrivacyDeskDbContext db) : PageModel
{
    public const string Action = "audit.chain_verified";

    public AuditVerification Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await verifier.VerifyAsync(cancellationToken);
        audit.Record(Action, null, new
        {
            whole = Result.IsWhole,
            verified = Result.VerifiedCount,
            brokenAt = Result.FirstBreak?.Sequence,
            kind = Result.FirstBreak?.Kind.ToString(),
            anchors = Result.AnchorsCompared,
            anchorDate = Result.FirstBreak?.AnchorDate ?? Result.LatestAnchor?.Date,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
