namespace PrivacyDesk.Web.Audit;

/// <summary>
/// One thing someone did: who, when (UTC), what, on which request, from where. Personal data is referenced by id,
/// never copied into the event.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Staff user id, or "member" / "system" / "anonymous".</summary>
    public string ActorId { get; set; } = string.Empty;

    public string? ActorRole { get; set; }

    /// <summary>A stable action code such as "request.submitted" or "document.viewed".</summary>
    public string Action { get; set; } = string.Empty;

    public Guid? RequestId { get; set; }

    /// <summary>What changed, as JSON of field names with before and after values (identifiers and codes only).</summary>
    public string? Details { get; set; }

    public string? IpAddress { get; set; }
}
