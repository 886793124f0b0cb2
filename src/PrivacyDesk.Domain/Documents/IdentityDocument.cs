namespace PrivacyDesk.Domain.Documents;

/// <summary>
/// An uploaded or scanned document, as metadata. Its bytes live elsewhere, encrypted; once the retention period after
/// closing has passed they are purged and this record stays as a tombstone (type, hash, purge date).
/// </summary>
public sealed class IdentityDocument
{
    private IdentityDocument()
    {
        ContentType = Sha256 = StoredFileName = string.Empty;
    }

    public IdentityDocument(
        DocumentRole role,
        DocumentType type,
        string contentType,
        long sizeBytes,
        string sha256,
        DateTimeOffset uploadedAt,
        DateOnly? issuedOn = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        Id = Guid.CreateVersion7();
        Role = role;
        Type = type;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        UploadedAt = uploadedAt;
        IssuedOn = issuedOn;

        // The uploader's file name is never kept: it can carry personal data and path tricks.
        StoredFileName = $"{Id:N}{ExtensionFor(contentType)}";
    }

    public Guid Id { get; private set; }
    public DocumentRole Role { get; private set; }
    public DocumentType Type { get; private set; }
    public string ContentType { get; private set; }
    public long SizeBytes { get; private set; }

    /// <summary>SHA-256 of the stored (sanitised) content, hex. Kept in the tombstone after purge.</summary>
    public string Sha256 { get; private set; }

    public string StoredFileName { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>Issue date, for documents that must be recent (戸籍謄本, 登記事項証明書).</summary>
    public DateOnly? IssuedOn { get; private set; }

    public DateTimeOffset? PurgedAt { get; private set; }

    public bool IsPurged => PurgedAt is not null;

    /// <summary>
    /// The document that replaced this one (a resubmission online or a scan that came by post), or null while it is
    /// current. A superseded document is kept, and shown marked, until retention purges it with the rest (ADR 0022).
    /// </summary>
    public Guid? SupersededBy { get; private set; }

    /// <summary>When it was replaced. UTC.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsSuperseded => SupersededBy is not null;

    /// <summary>Part of the set the ID check looks at: neither replaced nor purged.</summary>
    public bool IsCurrent => !IsSuperseded && !IsPurged;

    /// <summary>For a paper document scanned by staff: the day (JST) it arrived by post; null for uploads.</summary>
    public DateOnly? ArrivedOn { get; private set; }

    internal void MarkSuperseded(Guid by, DateTimeOffset at)
    {
        SupersededBy ??= by;
        SupersededAt ??= at.ToUniversalTime();
    }

    internal void RecordArrival(DateOnly arrivedOn) => ArrivedOn = arrivedOn;

    public void MarkPurged(DateTimeOffset at) => PurgedAt ??= at;

    private static string ExtensionFor(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "application/pdf" => ".pdf",
        _ => ".bin",
    };
}
