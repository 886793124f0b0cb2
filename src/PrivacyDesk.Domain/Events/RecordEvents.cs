namespace PrivacyDesk.Domain.Events;

// Events that belong to no request aggregate: staff accounts, letters, retention, the audit chain itself, and reads
// of personal data. Identifiers and codes only.

/// <summary>
/// Someone was shown personal data (a request, a document, a letter, a list of requesters): the page filter raises it
/// for every page marked as showing such data. <see cref="Action"/> is one of the catalogue's read codes.
/// </summary>
public sealed record PersonalDataRead(string Action, Guid? RequestId, object? Details) : IDomainEvent;

public sealed record LetterIssued(Guid RequestId, Guid LetterId, string Kind, string Sha256, bool Closes, bool Mailed) : IRequestEvent;

public sealed record DocumentPurged(
    Guid RequestId, Guid DocumentId, string Type, string Role, string Sha256, DateTimeOffset? ClosedAt, int RetentionDays) : IRequestEvent;

public sealed record LetterPurged(Guid RequestId, Guid LetterId, string Kind, string Sha256, DateTimeOffset IssuedAt, int RetentionYears) : IRequestEvent;

public sealed record AuditAnchored(DateOnly Date, long Sequence, string? KeyId, int Recipients) : IDomainEvent;

// Staff accounts (raised by StaffUser's methods; the account is changed through ASP.NET Core Identity).

public sealed record AccountCreated(string UserId, IReadOnlyList<string> Roles, string? Via) : IDomainEvent;

public sealed record AccountRolesChanged(string UserId, IReadOnlyList<string> Before, IReadOnlyList<string> After) : IDomainEvent;

public sealed record AccountLocked(string UserId, DateTimeOffset? LockedUntilBefore) : IDomainEvent;

public sealed record AccountUnlocked(string UserId, DateTimeOffset? LockedUntilBefore) : IDomainEvent;

public sealed record AccountSignInLimitsCleared(string UserId, DateTimeOffset? LockedUntilBefore, DateTimeOffset? LockedUntilAfter) : IDomainEvent;

public sealed record AccountAuthenticatorReset(string UserId, bool TwoFactorBefore) : IDomainEvent;

public sealed record StaffSignedIn(string UserId, string Method) : IDomainEvent;

/// <summary>A failed password step; <see cref="UserId"/> is null when no account matched the address.</summary>
public sealed record StaffSignInFailed(string? UserId, string Reason) : IDomainEvent;

public sealed record StaffLockedOut(string UserId) : IDomainEvent;

public sealed record StaffSignInThrottled(string? UserId) : IDomainEvent;

public sealed record StaffSecondFactorFailed(string UserId, string Method) : IDomainEvent;

public sealed record StaffTwoFactorEnabled(string UserId) : IDomainEvent;

public sealed record StaffSignedOut(string UserId) : IDomainEvent;
