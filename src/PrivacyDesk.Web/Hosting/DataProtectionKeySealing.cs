using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// Seals the Data Protection key ring (the keys of the staff, antiforgery and TempData cookies, kept in the
/// <c>DataProtectionKeys</c> table so that instances share them) under the documents' master key, which is not in the
/// database. Without it a copy of the database was enough to mint a staff cookie the live app accepts.
/// </summary>
/// <remarks>
/// Each key's secret (<c>&lt;masterKey&gt;</c>) is stored as
/// <c>&lt;encryptedSecret decryptorType="…MasterKeyXmlDecryptor"&gt;&lt;sealedSecret keyId="k…"&gt;pds1:…&lt;/sealedSecret&gt;&lt;/encryptedSecret&gt;</c>:
/// a text envelope of <see cref="MasterKeySealer"/> (purpose "dataprotection-key"). The keyId attribute is for
/// operators; the envelope itself names its key, so a rotated master key (in <c>Documents:PreviousMasterKeys</c>) still
/// opens the keys sealed with it. An instance without the master key cannot read any key, so it neither accepts the
/// live app's cookies nor mints cookies the live app accepts.
/// </remarks>
public static class DataProtectionKeySealing
{
    internal const string Purpose = "dataprotection-key";
    internal static readonly XName SealedElementName = XName.Get("sealedSecret", "urn:privacydesk:sealed-secret:v1");

    // Data Protection's own names (XmlConstants is internal): the attribute marking a secret, and the wrapper around
    // an encrypted one.
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtectionNamespace + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtectionNamespace + "encryptedSecret";

    /// <summary>Makes Data Protection encrypt every new key with <see cref="MasterKeyXmlEncryptor"/>.</summary>
    public static IDataProtectionBuilder ProtectKeysWithMasterKey(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<MasterKeySealer>())));
        return builder;
    }

    /// <summary>
    /// Seals, in a key written before this change, every element Data Protection marked as requiring encryption, exactly
    /// as Data Protection does for a new key. Returns null when nothing in it was plain.
    /// </summary>
    internal static string? SealLegacyKey(string xml, MasterKeySealer sealer)
    {
        var root = XElement.Parse(xml);
        var plain = root.DescendantsAndSelf()
            .Where(e => (bool?)e.Attribute(RequiresEncryption) == true && !e.Ancestors(EncryptedSecret).Any())
            .ToList();
        if (plain.Count == 0)
        {
            return null;
        }

        var encryptor = new MasterKeyXmlEncryptor(sealer);
        foreach (var element in plain)
        {
            var info = encryptor.Encrypt(new XElement(element));
            element.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
                info.EncryptedElement));
        }

        return root.ToString(SaveOptions.DisableFormatting);
    }
}

/// <summary>Seals one secret element of a Data Protection key under the current master key.</summary>
public sealed class MasterKeyXmlEncryptor(MasterKeySealer sealer) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedText = sealer.SealText(plaintextElement.ToString(SaveOptions.DisableFormatting), DataProtectionKeySealing.Purpose, string.Empty);
        var element = new XElement(DataProtectionKeySealing.SealedElementName,
            new XAttribute("keyId", sealer.CurrentKeyId),
            sealedText);
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>
/// Opens a secret sealed by <see cref="MasterKeyXmlEncryptor"/>. Data Protection creates it by type name with the
/// app's service provider. Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the master
/// key is not in this instance's ring: Data Protection then treats the key as unusable.
/// </summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != DataProtectionKeySealing.SealedElementName)
        {
            throw new System.Security.Cryptography.CryptographicException("Not a PrivacyDesk sealed secret.");
        }

        var sealer = services.GetRequiredService<MasterKeySealer>();
        return XElement.Parse(sealer.OpenText(encryptedElement.Value, DataProtectionKeySealing.Purpose, string.Empty));
    }
}
