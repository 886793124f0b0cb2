namespace PrivacyDesk.Web.Letters;

/// <summary>A response letter as issued: the exact PDF the member receives, never changed after issue.</summary>
public sealed class IssuedLetter
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }

    /// <summary>A stable code of the letter kind, e.g. "acknowledgement" or "non-disclosure".</summary>
    public string Kind { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }
    public string IssuedBy { get; set; } = string.Empty;

    /// <summary>SHA-256 of <see cref="Pdf"/>, hex, so that anyone can check a printed or downloaded copy.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>The PDF; empty once the retention period has passed and it was purged (see <see cref="PurgedAt"/>).</summary>
    public byte[] Pdf { get; set; } = [];

    /// <summary>
    /// When the PDF bytes were purged after the retention period (<c>Retention:LetterYears</c>); the row stays as the
    /// tombstone: kind, SHA-256, issue and purge dates.
    /// </summary>
    public DateTimeOffset? PurgedAt { get; set; }

    public bool IsPurged => PurgedAt is not null;
}
