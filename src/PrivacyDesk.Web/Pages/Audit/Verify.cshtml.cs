using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>/audit/verify: walks the whole hash chain and shows the first broken link, or that it is whole. The check is itself recorded.</summary>
[AuditsPersonalDataRead(AuditActions.ChainVerified)]
public sealed class VerifyModel(AuditChainVerifier verifier) : PageModel, IAuditedRead
{
    public AuditVerification Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Result = await verifier.VerifyAsync(cancellationToken);

    public AuditedRead? AuditedRead(string action) => new(null, new
    {
        whole = Result.IsWhole,
        verified = Result.VerifiedCount,
        brokenAt = Result.FirstBreak?.Sequence,
        kind = Result.FirstBreak?.Kind.ToString(),
        anchors = Result.AnchorsCompared,
        anchorDate = Result.FirstBreak?.AnchorDate ?? Result.LatestAnchor?.Date,
    });
}
