namespace PrivacyDesk.Web.Staff.Digest;

/// <summary>
/// That one staff user's digest for one JST day has been queued. The primary key (UserId, Date) is what makes the digest
/// exactly-once across app instances: the row is written in the same SaveChanges as the outbox message, so a second
/// instance racing for the same user and day fails on the key and queues nothing.
/// </summary>
public sealed class DigestDelivery
{
    public string UserId { get; set; } = string.Empty;

    /// <summary>The JST day the digest is for.</summary>
    public DateOnly Date { get; set; }

    public Guid OutboxMessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many requests the mail listed (for the operator; no request ids are kept here).</summary>
    public int Items { get; set; }
}
