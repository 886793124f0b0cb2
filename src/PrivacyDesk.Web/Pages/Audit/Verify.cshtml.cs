using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>
/// /audit/verify: the chain check's state. The check runs in the background (<see cref="AuditVerificationRunner"/>), so
/// the page answers at once with its progress, or the last result in this instance: the first broken link, or that the
/// chain is whole, and who ran it. The auditor starts a check with <c>?handler=Start</c>; its result is recorded in the
/// audit trail (audit.chain_verified) when it ends, under that auditor. Starting is a GET: it changes no business data
/// (auditors are read-only, <c>AuditorReadOnlyTests</c>), and while a check runs it only shows that one.
/// </summary>
public sealed class VerifyModel(AuditVerificationRunner runner, AuditActor actor) : PageModel
{
    /// <summary>Seconds between reloads of the page while a check runs.</summary>
    public const int RefreshSeconds = 2;

    public AuditVerificationRun? Running { get; private set; }

    public AuditVerificationRun? Last { get; private set; }

    public void OnGet() => (Running, Last) = runner.Status;

    public IActionResult OnGetStart()
    {
        var (id, role) = actor.Current;
        runner.Start(id, role);
        return RedirectToPage();
    }
}
