namespace PrivacyDesk.Domain.Events;

// The register of third-party provision records (APPI Arts. 29-30, ADR 0020). Identifiers and counts only: the
// records themselves are personal data.

/// <summary>A CSV file was imported into the register: all its rows, or (refused) none.</summary>
public sealed record ProvisionRecordsImported(Guid ImportId, string Sha256, string Encoding, int Rows, int Added, int AlreadyRecorded) : IDomainEvent;

/// <summary>A record's retention period (施行規則第14条) ended: its personal data was emptied, the row kept as the tombstone.</summary>
public sealed record ProvisionRecordPurged(Guid RecordId, string Direction, DateOnly RetainedUntil, int RetentionYears) : IDomainEvent;
