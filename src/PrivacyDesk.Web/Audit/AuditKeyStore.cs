using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// The keys of the audit chain's HMAC (ADR 0008, amendment 1), kept outside the database so that whoever can write the
/// database still cannot recompute the chain. One key is current (new events are keyed with it, its id stored on each
/// event); earlier keys stay for verifying.
/// </summary>
/// <remarks>
/// The ring has the document key ring's format and mechanics (<see cref="DocumentKeyStore"/>), in its own file
/// <c>audit-keys.json</c> beside it: <c>Audit:ChainKey</c> / <c>Audit:PreviousChainKeys</c> when configured, else the
/// file, created on first use with mode 0600. The MAC key is derived from the ring's key with a fixed label, so even a
/// key material configured for both documents and the audit would not be used for two purposes.
/// </remarks>
public sealed class AuditKeyStore
{
    public const string KeyFileName = "audit-keys.json";

    private readonly DocumentKeyStore ring;
    private readonly AuditOptions options;
    private readonly ConcurrentDictionary<string, AuditChainKey> derived = new(StringComparer.Ordinal);

    public AuditKeyStore(
        IOptions<AuditOptions> audit,
        IOptions<DocumentOptions> documents,
        IOptions<DatabaseOptions> database,
        ILogger<DocumentKeyStore> logger,
        IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(documents);
        options = audit.Value;
        var ringOptions = new DocumentOptions
        {
            MasterKey = options.ChainKey,
            PreviousMasterKeys = options.PreviousChainKeys,
            KeyDirectory = options.KeyDirectory ?? documents.Value.KeyDirectory,
        };
        ring = new DocumentKeyStore(ringOptions, KeyFileName, database, logger, environment);
    }

    /// <summary>The key new events are keyed with.</summary>
    public AuditChainKey Current => Derive(ring.CurrentKey);

    /// <summary>The full path of the key ring file (it need not exist, and is unused when a key is configured).</summary>
    public string KeyFilePath => ring.KeyFilePath;

    /// <summary>Finds a key by the id stored on an event (reloading the file once for an id it does not know).</summary>
    public bool TryGetKey(string keyId, out AuditChainKey key)
    {
        if (derived.TryGetValue(keyId, out key!))
        {
            return true;
        }

        if (ring.TryGetKey(keyId, out var material))
        {
            key = Derive(material);
            return true;
        }

        key = null!;
        return false;
    }

    /// <summary>Adds a new random key to the file and makes it current (file-based ring only); returns its id.</summary>
    public string RotateFileKey()
    {
        if (!string.IsNullOrWhiteSpace(options.ChainKey))
        {
            throw new InvalidOperationException(
                "Audit:ChainKey is configured: rotate it in configuration (move it to Audit:PreviousChainKeys). " +
                "監査ログの鍵は設定で管理されています。設定で鍵を入れ替えてください。");
        }

        return ring.RotateFileKey();
    }

    /// <summary>The store of the app that made <paramref name="db"/> (the context is created by dependency injection).</summary>
    internal static AuditKeyStore Of(PrivacyDeskDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<AuditKeyStore>()
        ?? throw new InvalidOperationException("No audit chain key store: the context must come from the app's services. / 監査ログの鍵がありません。");

    private AuditChainKey Derive(DocumentKey key) => derived.GetOrAdd(key.Id, static (id, material) =>
        new AuditChainKey(id, HMACSHA256.HashData(material, "PrivacyDesk audit chain HMAC key v1"u8)), key.Material);
}

/// <summary>One chain key: the id stored on events, and the HMAC-SHA-256 key.</summary>
public sealed class AuditChainKey(string id, byte[] macKey)
{
    public string Id { get; } = id;

    internal byte[] MacKey { get; } = macKey;
}
