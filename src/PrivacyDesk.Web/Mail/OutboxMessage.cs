namespace PrivacyDesk.Web.Mail;

/// <summary>
/// A mail waiting to be sent. It is written in the same transaction as the change that causes it, and a background
/// worker delivers it, so an SMTP outage never fails or loses anything.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A stable code of what the mail is, e.g. "request.acknowledgement"; logged instead of the address.</summary>
    public string Kind { get; set; } = string.Empty;

    public Guid? RequestId { get; set; }
    public string ToAddress { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;
    public string TextBody { get; set; } = string.Empty;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Which worker holds the message, and until when; lets several app instances share one outbox.</summary>
    public string? LockedBy { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
