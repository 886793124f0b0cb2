namespace PrivacyDesk.Domain.Events;

// Events about queued mail that failed for good (Pages/Staff/Mail, ADR 0024). The outbox row is no aggregate: these are
// raised through the audit trail. Identifiers and codes only: never the address, subject, body or server reply.

/// <summary>Staff put a mail that had failed for good back in the queue, to be sent again from its first attempt.</summary>
public sealed record FailedMailResent(Guid MessageId, Guid? RequestId, string Kind, int AttemptsBefore) : IDomainEvent;

/// <summary>Staff withdrew a mail that had failed for good because the answer goes by post instead; the row is deleted.</summary>
public sealed record FailedMailWithdrawn(Guid MessageId, Guid? RequestId, string Kind, int AttemptsBefore) : IDomainEvent;
