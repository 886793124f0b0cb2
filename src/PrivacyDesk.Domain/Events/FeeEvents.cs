namespace PrivacyDesk.Domain.Events;

// Fee reconciliation (ADR 0018). Details are identifiers, amounts and codes only: the payer name (personal data) stays
// on the credit row, never in an event.

/// <summary>A bank file or CSV statement was imported, whole: its format, SHA-256 and what became of its credits.</summary>
public sealed record BankFileImported(
    Guid ImportId, string Format, string Sha256, int Credits, int Imported, int AlreadyImported, int Matched, int Unmatched, int SkippedRecords)
    : IDomainEvent;

/// <summary>An imported credit paid (part of) one request's fee: automatically, or by hand with a reason.</summary>
public sealed record CreditMatched(
    Guid RequestId, Guid CreditId, Guid PaymentId, string? Basis, int AmountYen, long OverpaidYen, bool ByHand) : IRequestEvent;

/// <summary>An imported credit matched no request and is left for staff, with the reason.</summary>
public sealed record CreditLeftUnmatched(Guid CreditId, Guid ImportId, long AmountYen, DateOnly BookedOn, string? Reason, int Candidates) : IDomainEvent;
