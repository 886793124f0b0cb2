using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// The master keys that seal identity documents, kept outside the database so that a copy of the database alone
/// reveals no document. One key is current (new documents are sealed with it); older keys stay readable.
/// </summary>
/// <remarks>
/// <para>Where the keys come from, read on first use:</para>
/// <list type="bullet">
/// <item><c>Documents:MasterKey</c> (base64 of 32 bytes) when configured: the current key, for production (an
/// environment variable or secret store). <c>Documents:PreviousMasterKeys</c> lists retired keys.</item>
/// <item>Otherwise the key ring file <c>document-keys.json</c> in <c>Documents:KeyDirectory</c> (default: <c>keys</c>
/// inside <c>Database:DataDirectory</c>), created with a fresh random key on first use: folder mode 0700, file 0600.
/// When a master key is configured, an existing key ring file is still read, so that its documents stay readable.</item>
/// </list>
/// <para>A key's id is derived from the key (HMAC-SHA-256 of a fixed label, first 8 bytes in hex, prefixed "k"): the same
/// key always has the same id wherever it is configured, and the id reveals nothing about the key.</para>
/// </remarks>
public sealed class DocumentKeyStore
{
    public const string KeyFileName = "document-keys.json";
    public const int KeySizeBytes = 32;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly DocumentOptions options;
    private readonly IOptions<DatabaseOptions> database;
    private readonly string? contentRoot;
    private readonly ILogger<DocumentKeyStore> logger;
    private readonly Lock sync = new();
    private readonly string keyFileName = KeyFileName;
    private KeyRing? ring;

    public DocumentKeyStore(
        IOptions<DocumentOptions> options,
        IOptions<DatabaseOptions> database,
        ILogger<DocumentKeyStore> logger,
        IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.database = database;
        this.logger = logger;
        contentRoot = environment?.ContentRootPath;
    }

    /// <summary>
    /// Another key ring with the same file format and mechanics, in its own file (the audit chain's keys, ADR 0008):
    /// <paramref name="options"/> carries its configured key, previous keys and folder.
    /// </summary>
    internal DocumentKeyStore(
        DocumentOptions options, string keyFileName, IOptions<DatabaseOptions> database, ILogger<DocumentKeyStore> logger, IHostEnvironment? environment)
        : this(Options.Create(options), database, logger, environment)
    {
        this.keyFileName = keyFileName;
    }

    /// <summary>The id of the key new documents are sealed with.</summary>
    public string CurrentKeyId => Ring.Current.Id;

    /// <summary>The folder of the key ring file (it need not exist yet).</summary>
    public string KeyDirectory => ResolveKeyDirectory();

    /// <summary>The full path of the key ring file (it need not exist yet).</summary>
    public string KeyFilePath => Path.Combine(ResolveKeyDirectory(), keyFileName);

    internal DocumentKey CurrentKey => Ring.Current;

    /// <summary>
    /// Finds a key by id. An unknown id reloads the ring once (another instance sharing the key folder may have rotated
    /// the file since this one read it).
    /// </summary>
    internal bool TryGetKey(string keyId, out DocumentKey key)
    {
        if (Ring.Keys.TryGetValue(keyId, out key!))
        {
            return true;
        }

        lock (sync)
        {
            ring = null;
        }

        return Ring.Keys.TryGetValue(keyId, out key!);
    }

    /// <summary>
    /// Adds a new random key to the key ring file and makes it current; earlier keys stay for reading. Only for the
    /// file-based ring: with <c>Documents:MasterKey</c> configured, rotate by moving the old key to
    /// <c>Documents:PreviousMasterKeys</c> and configuring a new one. Returns the new key id.
    /// </summary>
    public string RotateFileKey()
    {
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            throw new InvalidOperationException(
                "Documents:MasterKey is configured: rotate it in configuration (move it to Documents:PreviousMasterKeys). " +
                "マスター鍵は設定で管理されています。設定で鍵を入れ替えてください。");
        }

        lock (sync)
        {
            var directory = ResolveKeyDirectory();
            var file = LoadOrCreateFile(directory);
            var key = NewKeyEntry();
            var rotated = new KeyFile
            {
                Current = key.Id,
                Keys = [.. file.Keys, key],
            };
            WriteFileAtomically(directory, keyFileName, rotated, replace: true);
            ring = null;
            logger.LogInformation("Document key ring rotated: new current key {KeyId}", key.Id);
            return key.Id;
        }
    }

    /// <summary>The id of a key: "k" and 16 hex digits.</summary>
    public static string KeyIdFor(ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, "PrivacyDesk document key id v1"u8, mac);
        return "k" + Convert.ToHexStringLower(mac[..8]);
    }

    /// <summary>Parses a configured base64 key; null when it is not base64 of exactly 32 bytes.</summary>
    internal static byte[]? ParseKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[KeySizeBytes + 3];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == KeySizeBytes
            ? buffer[..KeySizeBytes]
            : null;
    }

    private KeyRing Ring
    {
        get
        {
            lock (sync)
            {
                return ring ??= Load();
            }
        }
    }

    private KeyRing Load()
    {
        var keys = new Dictionary<string, DocumentKey>(StringComparer.Ordinal);
        void Add(byte[] material)
        {
            var key = new DocumentKey(KeyIdFor(material), material);
            keys.TryAdd(key.Id, key);
        }

        var directory = ResolveKeyDirectory();
        var path = Path.Combine(directory, keyFileName);
        DocumentKey current;
        var configured = ParseKey(options.MasterKey);
        if (configured is not null)
        {
            current = new DocumentKey(KeyIdFor(configured), configured);
            keys[current.Id] = current;
            if (File.Exists(path))
            {
                foreach (var entry in ReadFile(path).Keys)
                {
                    Add(MaterialOf(entry, path));
                }
            }

            logger.LogInformation("Document master key {KeyId} from configuration", current.Id);
        }
        else if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            throw new InvalidOperationException(
                "Documents:MasterKey must be base64 of 32 random bytes. 文書のマスター鍵（Documents:MasterKey）は32バイトのbase64で設定してください。");
        }
        else
        {
            var file = LoadOrCreateFile(directory);
            foreach (var entry in file.Keys)
            {
                Add(MaterialOf(entry, path));
            }

            if (!keys.TryGetValue(file.Current, out current!))
            {
                throw new InvalidOperationException($"The document key ring {path} names a current key it does not hold.");
            }

            logger.LogInformation("Document master key {KeyId} from the key ring file", current.Id);
        }

        foreach (var previous in options.PreviousMasterKeys)
        {
            Add(ParseKey(previous) ?? throw new InvalidOperationException(
                "Documents:PreviousMasterKeys must hold base64 keys of 32 bytes. 旧マスター鍵は32バイトのbase64で設定してください。"));
        }

        return new KeyRing(current, keys);
    }

    private string ResolveKeyDirectory()
    {
        var root = contentRoot ?? Directory.GetCurrentDirectory();
        if (!string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            return Path.GetFullPath(Path.Combine(root, options.KeyDirectory));
        }

        var dataDirectory = database.Value.DataDirectory;
        return Path.GetFullPath(Path.Combine(root, dataDirectory, "keys"));
    }

    private KeyFile LoadOrCreateFile(string directory)
    {
        var path = Path.Combine(directory, keyFileName);
        if (!File.Exists(path))
        {
            CreateDirectory(directory);

            // Another instance may be creating it at the same moment. File.Move(overwrite: false) checks and renames in
            // two steps on Unix, so two instances could each "win" and one would seal with a key the ring then loses:
            // creation happens under an exclusive lock on a file beside the ring, and the second finds the first's ring.
            using (CreationLock(directory))
            {
                if (!File.Exists(path))
                {
                    var key = NewKeyEntry();
                    WriteFileAtomically(directory, keyFileName, new KeyFile { Current = key.Id, Keys = [key] }, replace: false);
                    logger.LogWarning(
                        "Created the document key ring {KeyFile} with key {KeyId}. Back it up apart from the database: without it no document can be opened",
                        path, key.Id);
                }
            }
        }

        WarnIfReadableByOthers(path);
        return ReadFile(path);
    }

    /// <summary>
    /// An exclusive lock on <c>.keyring.lock</c> in <paramref name="directory"/> (flock on Unix, a share lock on Windows),
    /// held by an open handle: released on dispose and by the operating system if the process dies, so it never goes stale.
    /// </summary>
    private static FileStream CreationLock(string directory)
    {
        var lockPath = Path.Combine(directory, ".keyring.lock");
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another instance holds it for the few milliseconds a key ring takes to write.
                Thread.Sleep(10);
            }
        }
    }

    private static KeyEntry NewKeyEntry()
    {
        var material = RandomNumberGenerator.GetBytes(KeySizeBytes);
        return new KeyEntry { Id = KeyIdFor(material), Created = DateTimeOffset.UtcNow, Key = Convert.ToBase64String(material) };
    }

    private static KeyFile ReadFile(string path)
    {
        var file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllBytes(path), JsonOptions);
        if (file is null || file.Keys.Count == 0 || string.IsNullOrEmpty(file.Current))
        {
            throw new InvalidOperationException($"The document key ring {path} is empty or unreadable.");
        }

        return file;
    }

    private static byte[] MaterialOf(KeyEntry entry, string path)
    {
        var material = ParseKey(entry.Key) ?? throw new InvalidOperationException($"The document key ring {path} holds a malformed key.");
        if (KeyIdFor(material) != entry.Id)
        {
            throw new InvalidOperationException($"The document key ring {path} holds a key whose id does not match it ({entry.Id}).");
        }

        return material;
    }

    /// <summary>Writes a temporary 0600 file and moves it into place. False when not replacing and the file already existed.</summary>
    private static bool WriteFileAtomically(string directory, string keyFileName, KeyFile content, bool replace)
    {
        var target = Path.Combine(directory, keyFileName);
        var temporary = Path.Combine(directory, $".{keyFileName}.{Guid.NewGuid():N}.tmp");
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, streamOptions))
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(content, JsonOptions));
                stream.Flush(flushToDisk: true);
            }

            if (replace)
            {
                File.Move(temporary, target, overwrite: true);
                return true;
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private void WarnIfReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & Others) != 0)
        {
            logger.LogWarning("The document key ring {KeyFile} is readable by other users: set its mode to 0600", path);
        }
    }

    private sealed record KeyRing(DocumentKey Current, IReadOnlyDictionary<string, DocumentKey> Keys);

    private sealed class KeyFile
    {
        [JsonPropertyName("current")]
        public string Current { get; set; } = string.Empty;

        [JsonPropertyName("keys")]
        public List<KeyEntry> Keys { get; set; } = [];
    }

    private sealed class KeyEntry
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("created")]
        public DateTimeOffset Created { get; set; }

        /// <summary>Base64 of the 32 key bytes.</summary>
        [JsonPropertyName("key")]
        public string Key { get; set; } = string.Empty;
    }
}

/// <summary>One master key and its id.</summary>
internal sealed record DocumentKey(string Id, byte[] Material);
