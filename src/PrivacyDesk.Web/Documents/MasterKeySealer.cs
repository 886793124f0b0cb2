using System.Security.Cryptography;
using System.Text;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// The one AES-256-GCM implementation of PrivacyDesk: it seals identity documents (<see cref="DocumentVault"/>), issued
/// letters, queued mail bodies, staff authenticator secrets and recovery codes, and the Data Protection key ring, all
/// under the master keys of <see cref="DocumentKeyStore"/>, which are never in the database.
/// </summary>
/// <remarks>
/// <para>Values kept in columns that have no key-id column of their own are self-describing envelopes, so that no
/// schema change was needed and a sealed value is told from a legacy plain one by its first bytes:</para>
/// <code>
/// binary:  "PDS1" | key id length (1 byte) | key id (ASCII) | nonce (12) | tag (16) | ciphertext
/// text:    "pds1:" + base64(binary envelope)
/// </code>
/// <para>The associated data is the envelope header, a purpose ("issued-letter", "outbox-body", "user-token",
/// "dataprotection-key") and the row's identity (its id, or user id, provider and token name), so that a sealed value
/// moved to another row, another column or another purpose does not open. The key id names the master key: after a
/// rotation (a new <c>Documents:MasterKey</c>, the old one moved to <c>Documents:PreviousMasterKeys</c>) values sealed
/// with the old key still open, and new values are sealed with the new one.</para>
/// </remarks>
public sealed class MasterKeySealer(DocumentKeyStore keys)
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    /// <summary>The first bytes of a binary envelope. A PDF starts with "%PDF", so a legacy plain letter never matches.</summary>
    public static ReadOnlySpan<byte> Magic => "PDS1"u8;

    /// <summary>The start of a text envelope. Authenticator keys (base32), recovery codes and mail text never start so.</summary>
    public const string TextPrefix = "pds1:";

    /// <summary>The id of the master key new values are sealed with.</summary>
    public string CurrentKeyId => keys.CurrentKeyId;

    /// <summary>True when <paramref name="value"/> is a binary envelope (as opposed to a legacy plain value).</summary>
    public static bool IsSealed(ReadOnlySpan<byte> value) => value.StartsWith(Magic);

    /// <summary>True when <paramref name="value"/> is a text envelope (as opposed to a legacy plain value).</summary>
    public static bool IsSealed(string? value) => value is not null && value.StartsWith(TextPrefix, StringComparison.Ordinal);

    /// <summary>Seals <paramref name="plaintext"/> for one row: see the class remarks for the format.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose, string context)
    {
        var key = keys.CurrentKey;
        var header = Header(key.Id);
        var envelope = new byte[header.Length + Overhead + plaintext.Length];
        header.CopyTo(envelope, 0);
        Encrypt(key.Material, plaintext, envelope.AsSpan(header.Length), AssociatedData(header, purpose, context));
        return envelope;
    }

    /// <summary>
    /// Opens an envelope made by <see cref="Seal(ReadOnlySpan{byte}, string, string)"/> for the same purpose and
    /// context. Throws <see cref="CryptographicException"/> when it is malformed, its key is not in this instance's
    /// ring, or it was altered or moved.
    /// </summary>
    public byte[] Open(ReadOnlySpan<byte> envelope, string purpose, string context)
    {
        if (!IsSealed(envelope) || envelope.Length < Magic.Length + 1)
        {
            throw new CryptographicException("The value is not a sealed envelope.");
        }

        var headerLength = Magic.Length + 1 + envelope[Magic.Length];
        if (envelope.Length < headerLength + Overhead)
        {
            throw new CryptographicException("The sealed envelope is truncated.");
        }

        var keyId = Encoding.ASCII.GetString(envelope[(Magic.Length + 1)..headerLength]);
        if (!keys.TryGetKey(keyId, out var key))
        {
            throw new CryptographicException($"The master key '{keyId}' is not available.");
        }

        return Decrypt(key.Material, envelope[headerLength..], AssociatedData(envelope[..headerLength], purpose, context));
    }

    /// <summary>Seals text as <c>pds1:</c> + base64 of a binary envelope.</summary>
    public string SealText(string plaintext, string purpose, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return TextPrefix + Convert.ToBase64String(Seal(bytes, purpose, context));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Opens text sealed by <see cref="SealText"/>; throws <see cref="CryptographicException"/> as <see cref="Open"/>.</summary>
    public string OpenText(string sealedText, string purpose, string context)
    {
        if (!IsSealed(sealedText))
        {
            throw new CryptographicException("The value is not a sealed envelope.");
        }

        byte[] envelope;
        try
        {
            envelope = Convert.FromBase64String(sealedText[TextPrefix.Length..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException("The sealed envelope is not base64.");
        }

        var plaintext = Open(envelope, purpose, context);
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>AES-256-GCM with a fresh random nonce: writes <c>nonce || tag || ciphertext</c> into <paramref name="output"/>.</summary>
    internal static void Encrypt(byte[] key, ReadOnlySpan<byte> plaintext, Span<byte> output, ReadOnlySpan<byte> associatedData)
    {
        var nonce = output[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.Slice(Overhead, plaintext.Length), output.Slice(NonceSize, TagSize), associatedData);
    }

    /// <summary>Opens <c>nonce || tag || ciphertext</c>; throws <see cref="CryptographicException"/> when it does not authenticate.</summary>
    internal static byte[] Decrypt(byte[] key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < Overhead)
        {
            throw new CryptographicException("The sealed value is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - Overhead];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[Overhead..], sealedBytes.Slice(NonceSize, TagSize), plaintext, associatedData);
            return plaintext;
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw;
        }
    }

    private static byte[] Header(string keyId)
    {
        var id = Encoding.ASCII.GetBytes(keyId);
        var header = new byte[Magic.Length + 1 + id.Length];
        Magic.CopyTo(header);
        header[Magic.Length] = checked((byte)id.Length);
        id.CopyTo(header, Magic.Length + 1);
        return header;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string purpose, string context)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(context);
        var label = Encoding.UTF8.GetBytes($"\0PrivacyDesk {purpose}\0{context}");
        var data = new byte[header.Length + label.Length];
        header.CopyTo(data);
        label.CopyTo(data, header.Length);
        return data;
    }
}
