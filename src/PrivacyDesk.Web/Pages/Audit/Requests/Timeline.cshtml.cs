using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit.Requests;

/// <summary>/audit/requests/{id}: a request's whole history. Viewing it is an audit event.</summary>
[AuditsPersonalDataRead(AuditActions.TimelineViewed)]
public sealed class TimelineModel(AuditTimelineQuery timelines) : PageModel, IAuditedRead
{
    public RequestTimeline Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var timeline = await timelines.LoadAsync(id, cancellationToken);
        if (timeline is null)
        {
            return NotFound();
        }

        Timeline = timeline;
        return Page();
    }

    public AuditedRead? AuditedRead(string action) => new(Timeline.Id, new { reference = Timeline.ReferenceNumber });

    /// <summary>A staff member's display name; the requester, the system and anonymous visitors in words (never a raw id).</summary>
    public string ActorName(string? actor) =>
        actor is null ? string.Empty
        : Timeline.StaffNames.TryGetValue(actor, out var name) ? name
        : Hosting.Localized.Text(Staff.StaffRoleNames.Of(actor));
}
