using System.Security.Claims;
using System.Text.Json;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Who is acting, for the audit rows of the current scope: the signed-in staff user of the request (id and roles), an
/// anonymous visitor, or "system" outside any request; a command, a job or a page that acts for someone else (the
/// member on the status page, a staff user during sign-in) says so with <see cref="Use"/>.
/// </summary>
public sealed class AuditActor(IHttpContextAccessor httpContextAccessor)
{
    private readonly Stack<(string Id, string? Role)> overrides = new();

    public (string Id, string? Role) Current
    {
        get
        {
            if (overrides.TryPeek(out var set))
            {
                return set;
            }

            var user = httpContextAccessor.HttpContext?.User;
            if (httpContextAccessor.HttpContext is null)
            {
                return (Domain.Requests.PrivacyRequest.SystemActor, null);
            }

            return user?.Identity?.IsAuthenticated == true
                ? (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", string.Join(",", user.FindAll(ClaimTypes.Role).Select(c => c.Value)))
                : ("anonymous", null);
        }
    }

    public string? IpAddress => httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Until the result is disposed, audit rows of this scope name <paramref name="id"/> as the actor.</summary>
    public IDisposable Use(string id, string? role = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        overrides.Push((id, string.IsNullOrEmpty(role) ? null : role));
        return new Restore(overrides);
    }

    private sealed class Restore(Stack<(string, string?)> overrides) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                overrides.Pop();
            }
        }
    }
}

/// <summary>
/// The audit trail of the current unit of work. Changes are audited through domain events: an aggregate's change
/// method raises one, and <see cref="AuditRecorder"/> turns it into a row when the change is saved. What no aggregate
/// raises (a letter issued, a purge, an anchor, a sign-in of an unknown address) is <see cref="Raise"/>d here, to the
/// same recorder. <see cref="Record"/> appends a row as given: it is for tools (seeders, imports) and tests, which
/// write through the same hash chain; the product's code raises events instead.
/// </summary>
public sealed class AuditTrail(PrivacyDeskDbContext db, AuditActor actor)
{
    /// <summary>Queues an event that belongs to no tracked aggregate; it becomes a row at the next SaveChanges.</summary>
    public void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);

        // Mapped now, so that an event without an audit code fails where it is raised, not later in a save.
        _ = AuditActions.Entry(domainEvent);
        db.UnattachedEvents.Add(domainEvent);
    }

    /// <summary>Acts as <paramref name="actorId"/> for the rows of this scope until disposed.</summary>
    public IDisposable UseActor(string actorId, string? actorRole = null) => actor.Use(actorId, actorRole);

    /// <summary>Appends one row as given (tools and tests); the actor defaults to the current one.</summary>
    public AuditEvent Record(string action, Guid? requestId, object? details = null, string? actorId = null, string? actorRole = null)
    {
        var current = actor.Current;
        return AuditRecorder.Append(db, action, requestId, details, actorId ?? current.Id, actorId is null ? current.Role : actorRole,
            actor.IpAddress, AuditRecorder.Clock(db));
    }
}

/// <summary>
/// The one place audit rows are made (ADR 0014). Called by <see cref="PrivacyDeskDbContext"/>'s SaveChanges before the
/// hash chain (<see cref="AuditChain"/>): it takes the events raised by every tracked <see cref="IEventSource"/> (the
/// request, its notes, staff accounts) and those raised through <see cref="AuditTrail.Raise"/>, and adds one row per
/// event, named by <see cref="AuditActions.Entry"/>, with the actor of the scope (<see cref="AuditActor"/>).
/// </summary>
public static class AuditRecorder
{
    private static long recorded;

    public static void RecordEvents(PrivacyDeskDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var events = new List<IDomainEvent>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is IEventSource source)
            {
                events.AddRange(source.TakeEvents());
            }
        }

        events.AddRange(db.UnattachedEvents.Take());
        if (events.Count == 0)
        {
            return;
        }

        var services = ApplicationServices(db);
        var actor = services?.GetService<AuditActor>();
        var (actorId, actorRole) = actor?.Current ?? (Domain.Requests.PrivacyRequest.SystemActor, null);
        var clock = Clock(db);
        foreach (var domainEvent in events)
        {
            var entry = AuditActions.Entry(domainEvent);
            Append(db, entry.Action, entry.RequestId, entry.Details, actorId, actorRole, actor?.IpAddress, clock);
        }
    }

    internal static AuditEvent Append(
        PrivacyDeskDbContext db, string action, Guid? requestId, object? details, string actorId, string? actorRole, string? ipAddress, TimeProvider clock)
    {
        var auditEvent = new AuditEvent
        {
            RecordedOrder = Interlocked.Increment(ref recorded),
            OccurredAt = AuditCanonicalForm.Truncate(clock.GetUtcNow()),
            ActorId = actorId,
            ActorRole = string.IsNullOrEmpty(actorRole) ? null : actorRole,
            Action = action,
            RequestId = requestId,
            Details = details is null ? null : JsonSerializer.Serialize(details),
            IpAddress = ipAddress,
        };
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }

    internal static TimeProvider Clock(PrivacyDeskDbContext db) => ApplicationServices(db)?.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>The scope the context was made in (AddDbContext passes it to EF); null for a context made by hand.</summary>
    private static IServiceProvider? ApplicationServices(PrivacyDeskDbContext db) =>
        Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(db)
            .FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider;
}
