using System.Security.Claims;
using System.Text.Json;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Adds audit events to the current unit of work, so that an event is committed with the change it describes, or
/// not at all. Details hold identifiers and codes only: personal data is referenced, never copied.
/// </summary>
public sealed class AuditTrail(PrivacyDeskDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider clock)
{
    private static long recorded;

    public AuditEvent Record(string action, Guid? requestId, object? details = null, string? actorId = null, string? actorRole = null)
    {
        var http = httpContextAccessor.HttpContext;
        var user = http?.User;
        var isStaff = user?.Identity?.IsAuthenticated == true;
        var auditEvent = new AuditEvent
        {
            RecordedOrder = Interlocked.Increment(ref recorded),
            OccurredAt = AuditCanonicalForm.Truncate(clock.GetUtcNow()),
            ActorId = actorId ?? (isStaff ? user!.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown" : "anonymous"),
            ActorRole = actorRole ?? (isStaff ? string.Join(",", user!.FindAll(ClaimTypes.Role).Select(c => c.Value)) : null),
            Action = action,
            RequestId = requestId,
            Details = details is null ? null : JsonSerializer.Serialize(details),
            IpAddress = http?.Connection.RemoteIpAddress?.ToString(),
        };
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }
}

/// <summary>
/// The before and after of one changed field, for an event's details:
/// <c>audit.Record("request.assigned", id, new { assignedTo = AuditChange.Of(old, now) })</c> gives
/// <c>{"assignedTo":{"before":"…","after":"…"}}</c>. Identifiers and codes only, never personal data.
/// </summary>
public sealed record AuditChange<T>(
    [property: System.Text.Json.Serialization.JsonPropertyName("before")] T Before,
    [property: System.Text.Json.Serialization.JsonPropertyName("after")] T After);

public static class AuditChange
{
    public static AuditChange<T> Of<T>(T before, T after) => new(before, after);
}
