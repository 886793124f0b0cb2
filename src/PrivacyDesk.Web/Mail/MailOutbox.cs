using MimeKit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Mail;

/// <summary>
/// Queues mail as part of the caller's unit of work. The message is only added to the context: it is written by the
/// caller's own SaveChanges, in the same transaction as the change that causes it, so a rolled-back change sends
/// nothing and a committed one always sends. Delivery is the <see cref="OutboxWorker"/>'s job; an SMTP outage never
/// fails the caller.
/// </summary>
public static class MailOutbox
{
    /// <summary>Column sizes of the Outbox table (see OutboxMessageConfiguration).</summary>
    public const int MaxKindLength = 64;

    public const int MaxAddressLength = 254;
    public const int MaxSubjectLength = 300;

    /// <summary>
    /// Adds a mail to <paramref name="db"/> (no SaveChanges). <paramref name="kind"/> is a stable ASCII code such as
    /// "request.acknowledgement", logged in place of the address. Throws <see cref="ArgumentException"/> for a bad
    /// argument; the exception text never repeats the address or subject.
    /// </summary>
    public static OutboxMessage Enqueue(
        PrivacyDeskDbContext db, string kind, Guid? requestId, string to, string subject, string textBody, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(textBody);

        if (kind.Length > MaxKindLength || !kind.All(char.IsAscii))
        {
            throw new ArgumentException($"The kind must be ASCII and at most {MaxKindLength} characters.", nameof(kind));
        }

        to = to.Trim();
        if (to.Length > MaxAddressLength || !MailboxAddress.TryParse(to, out var parsed) || parsed.Address.Length == 0
            || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("The recipient is not a single valid mail address.", nameof(to));
        }

        if (subject.Length > MaxSubjectLength || subject.Contains('\r', StringComparison.Ordinal) || subject.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The subject must be one line of at most {MaxSubjectLength} characters.", nameof(subject));
        }

        // SQLite stores instants as sortable numbers of local ticks: everything in the outbox is UTC so that the
        // worker's "due" comparisons are right on every provider.
        var utc = now.ToUniversalTime();
        var message = new OutboxMessage
        {
            CreatedAt = utc,
            Kind = kind,
            RequestId = requestId,
            ToAddress = to,
            Subject = subject,
            TextBody = textBody,
            Attempts = 0,
            NextAttemptAt = utc,
        };
        db.Outbox.Add(message);
        return message;
    }
}
