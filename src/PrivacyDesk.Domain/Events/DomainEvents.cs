namespace PrivacyDesk.Domain.Events;

/// <summary>
/// Something that happened to the co-op's records, raised by the method that made it happen. Events are plain
/// records of identifiers and codes (never personal data); the web layer turns each into one audit row when the change
/// is saved (ADR 0014), so no change can be saved without its audit event.
/// </summary>
public interface IDomainEvent;

/// <summary>An event about one request; its audit row is filed under <see cref="RequestId"/>.</summary>
public interface IRequestEvent : IDomainEvent
{
    Guid RequestId { get; }
}

/// <summary>An object whose change methods raise events; whoever saves it takes them, once.</summary>
public interface IEventSource
{
    /// <summary>The events raised since the last call, oldest first; the source forgets them.</summary>
    IReadOnlyList<IDomainEvent> TakeEvents();
}

/// <summary>The events one object raised and nobody has taken yet (a helper for <see cref="IEventSource"/>).</summary>
public sealed class RaisedEvents
{
    private readonly List<IDomainEvent> raised = [];

    public void Add(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        raised.Add(domainEvent);
    }

    public IReadOnlyList<IDomainEvent> Take()
    {
        var taken = raised.ToArray();
        raised.Clear();
        return taken;
    }
}

/// <summary>
/// Marks a public method of an event source that changes nothing a person did (e.g. bumping a concurrency token), so
/// that the test which demands an event from every change method leaves it out. Say why.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RaisesNoEventAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}
