using PrivacyDesk.Domain.Documents;

namespace PrivacyDesk.Web.Intake;

/// <summary>
/// A document a member has uploaded to a form that is not submitted yet: checked, sanitised and encrypted like a
/// filed document, so that a form shown again with errors, or the confirmation step, never asks for it twice. Drafts
/// live in the database (not on one instance's disk) and expire after a day.
/// </summary>
public sealed class UploadDraft
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>SHA-256 of the form's secret draft key; the key itself only travels in the member's form.</summary>
    public string DraftKeyHash { get; set; } = string.Empty;

    public DocumentRole Role { get; set; }
    public string ContentType { get; set; } = string.Empty;
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = string.Empty;
    public string KeyId { get; set; } = string.Empty;
    public byte[] Ciphertext { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
