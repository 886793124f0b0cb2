using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Audit.Requests;

/// <summary>/audit/requests/{id}: a request's whole history. Viewing it is an audit event.</summary>
public sealed class TimelineModel(AuditTimelineQuery timelines, AuditTrail audit, PrivacyDeskDbContext db) : PageModel
{
    public const string ViewedAction = "audit.timeline_viewed";

    public RequestTimeline Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var timeline = await timelines.LoadAsync(id, cancellationToken);
        if (timeline is null)
        {
            return NotFound();
        }

        Timeline = timeline;
        audit.Record(ViewedAction, id, new { reference = timeline.ReferenceNumber });
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    /// <summary>A staff member's display name; the requester, the system and anonymous visitors in words (never a raw id).</summary>
    public string ActorName(string? actor) =>
        actor is null ? string.Empty
        : Timeline.StaffNames.TryGetValue(actor, out var name) ? name
        : Hosting.Localized.Text(Staff.StaffRoleNames.Of(actor));
}
