using System.Security.Cryptography;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// Encrypts document bytes for the database and decrypts them for staff, with AES-256-GCM under a master key that is
/// not in the database (<see cref="DocumentKeyStore"/>), through the shared primitive of <see cref="MasterKeySealer"/>.
/// </summary>
/// <remarks>
/// <para><see cref="DocumentContent.Ciphertext"/> is <c>nonce (12 bytes) || tag (16 bytes) || ciphertext</c> (as long as
/// the plaintext). The nonce is random for every seal. The associated data is the document id as 16 bytes in RFC 4122
/// (big-endian) order, so a ciphertext copied onto another document's row does not open.
/// <see cref="DocumentContent.KeyId"/> names the master key, so that keys can rotate: new documents are sealed with
/// the current key, and any key still in the ring opens the documents sealed with it.</para>
/// <para>Logs document ids, sizes and key ids only.</para>
/// </remarks>
public sealed class DocumentVault(DocumentKeyStore keys, ILogger<DocumentVault> logger)
{
    public const int NonceSize = MasterKeySealer.NonceSize;
    public const int TagSize = MasterKeySealer.TagSize;
    public const int Overhead = MasterKeySealer.Overhead;

    /// <summary>Encrypts <paramref name="plaintext"/> for the document; add the result to the DbContext with the document.</summary>
    public DocumentContent Seal(Guid documentId, byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (documentId == Guid.Empty)
        {
            throw new ArgumentException("A document id is required.", nameof(documentId));
        }

        var key = keys.CurrentKey;
        var sealedBytes = new byte[Overhead + plaintext.Length];
        MasterKeySealer.Encrypt(key.Material, plaintext, sealedBytes, AssociatedData(documentId));

        logger.LogInformation("Sealed document {DocumentId}: {SizeBytes} bytes with key {KeyId}", documentId, plaintext.LongLength, key.Id);
        return new DocumentContent { DocumentId = documentId, KeyId = key.Id, Ciphertext = sealedBytes };
    }

    /// <summary>
    /// Decrypts a sealed document. Throws <see cref="CryptographicException"/> when the key is not available, or the
    /// ciphertext, its document id or its key id were altered.
    /// </summary>
    public byte[] Open(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Ciphertext is null || content.Ciphertext.Length < Overhead)
        {
            logger.LogWarning("Document {DocumentId} has no valid ciphertext", content.DocumentId);
            throw new CryptographicException($"Document {content.DocumentId} has no valid ciphertext.");
        }

        if (!keys.TryGetKey(content.KeyId, out var key))
        {
            logger.LogWarning("Document {DocumentId} was sealed with key {KeyId}, which is not in the key ring", content.DocumentId, content.KeyId);
            throw new CryptographicException($"The key '{content.KeyId}' of document {content.DocumentId} is not available.");
        }

        byte[] plaintext;
        try
        {
            plaintext = MasterKeySealer.Decrypt(key.Material, content.Ciphertext, AssociatedData(content.DocumentId));
        }
        catch (CryptographicException)
        {
            logger.LogWarning("Document {DocumentId} failed authentication with key {KeyId}: altered or wrong key", content.DocumentId, content.KeyId);
            throw;
        }

        return plaintext;
    }

    /// <summary>True when the document was sealed with a key other than the current one (a candidate for <see cref="Reseal"/>).</summary>
    public bool NeedsResealing(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.KeyId != keys.CurrentKeyId;
    }

    /// <summary>Re-encrypts a document in place under the current key (after a rotation), with a fresh nonce.</summary>
    public void Reseal(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var plaintext = Open(content);
        try
        {
            var resealed = Seal(content.DocumentId, plaintext);
            content.KeyId = resealed.KeyId;
            content.Ciphertext = resealed.Ciphertext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(Guid documentId) => documentId.ToByteArray(bigEndian: true);
}
