namespace PrivacyDesk.Web.Audit;

/// <summary>
/// One thing someone did: who, when (UTC), what, on which request, from where. Personal data is referenced by id,
/// never copied into the event. Events are append-only and hash-chained (<see cref="AuditChain"/>, ADR 0008): each
/// carries its place in the chain (<see cref="Sequence"/>), the hash of the event before it and its own hash.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    /// <summary>Position in the chain, 1, 2, 3, … without gaps; assigned when the event is saved.</summary>
    public long Sequence { get; set; }

    /// <summary>UTC, truncated to whole milliseconds when saved so that every provider stores (and hashes) the same value.</summary>
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

    /// <summary>The <see cref="Hash"/> of the event with the previous sequence number (32 zero bytes for the first).</summary>
    public byte[] PreviousHash { get; set; } = [];

    /// <summary>
    /// HMAC-SHA-256, under the chain key <see cref="ChainKeyId"/>, of <see cref="PreviousHash"/> followed by this event's
    /// canonical content (<see cref="AuditCanonicalForm"/>); plain SHA-256 for events of the legacy (unkeyed) prefix.
    /// </summary>
    public byte[] Hash { get; set; } = [];

    /// <summary>The id of the chain key (<see cref="AuditKeyStore"/>) the hash was made with; null only in the legacy prefix.</summary>
    public string? ChainKeyId { get; set; }

    /// <summary>Order of recording within one unit of work (not stored): events saved together are chained in this order.</summary>
    internal long RecordedOrder { get; set; }
}

/// <summary>
/// The one row that holds the end of the chain: the last sequence number and its hash. Every append updates it under
/// its row lock, which serialises appends across instances; verification compares the chain's end with it, so that
/// deleting the last event is detected too.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long LastSequence { get; set; }
    public byte[] LastHash { get; set; } = new byte[AuditCanonicalForm.HashSize];
}
