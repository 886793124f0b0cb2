using PrivacyDesk.Domain;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// What a line of a request's history is. The order of the values is the order of entries at the same instant on the
/// staff request page (status, then note, then event); the auditor's timeline orders by audit sequence instead.
/// </summary>
public enum TimelineEntryKind
{
    Status = 1,
    Note = 2,
    Event = 3,
    Payment = 4,
    Letter = 5,
    Document = 6,
    Decision = 7,
}

/// <summary>One line of a request's history, on the staff request page and on the auditor's timeline.</summary>
/// <param name="What">What happened, in both languages (codes and identifiers only, never personal data).</param>
/// <param name="Actor">The staff user id or "member" / "system".</param>
/// <param name="Detail">Extra text: a status reason, a note, JSON details of an event, a hash, a letter kind.</param>
/// <param name="Sequence">The audit sequence number of an event entry, when the view shows it.</param>
public sealed record TimelineEntry(DateTimeOffset At, TimelineEntryKind Kind, Label What, string? Actor, string? Detail, long? Sequence = null);
