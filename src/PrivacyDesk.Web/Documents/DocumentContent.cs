namespace PrivacyDesk.Web.Documents;

/// <summary>
/// The encrypted bytes of an identity document. The key is not in the database, so a copy of the database alone
/// reveals no document. Kept apart from the metadata so that lists never load it, and so that purging deletes it.
/// </summary>
public sealed class DocumentContent
{
    public Guid DocumentId { get; set; }

    /// <summary>Which master key encrypted it, so that keys can be rotated.</summary>
    public string KeyId { get; set; } = string.Empty;

    public byte[] Ciphertext { get; set; } = [];
}
