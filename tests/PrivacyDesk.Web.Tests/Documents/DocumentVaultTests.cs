using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>AES-256-GCM sealing under master keys kept outside the database, and key rotation.</summary>
public sealed class DocumentVaultTests : IDisposable
{
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes("運転免許証-MARKER-0123456789");

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("privacydesk-keys-");

    public void Dispose() => root.Delete(recursive: true);

    private string DataDirectory => Path.Combine(root.FullName, "data");

    private static byte[] Plaintext() => [.. Marker, .. SampleFiles.Jpeg(), .. Marker];

    private Vault NewVault(Action<DocumentOptions>? configure = null, ILogger<DocumentVault>? logger = null)
    {
        var options = new DocumentOptions();
        configure?.Invoke(options);
        var store = new DocumentKeyStore(
            Options.Create(options),
            Options.Create(new DatabaseOptions { DataDirectory = DataDirectory }),
            NullLogger<DocumentKeyStore>.Instance);
        return new Vault(store, new DocumentVault(store, logger ?? NullLogger<DocumentVault>.Instance));
    }

    private sealed record Vault(DocumentKeyStore Keys, DocumentVault Documents);

    [Fact]
    public void A_sealed_document_opens_to_the_same_bytes()
    {
        var vault = NewVault().Documents;
        var id = Guid.CreateVersion7();
        var plaintext = Plaintext();

        var content = vault.Seal(id, plaintext);

        Assert.Equal(id, content.DocumentId);
        Assert.Matches("^k[0-9a-f]{16}$", content.KeyId);
        Assert.Equal(DocumentVault.NonceSize + DocumentVault.TagSize + plaintext.Length, content.Ciphertext.Length);
        Assert.Equal(plaintext, vault.Open(content));
    }

    [Fact]
    public void The_ciphertext_does_not_contain_the_plaintext_and_differs_every_time()
    {
        var vault = NewVault().Documents;
        var id = Guid.CreateVersion7();
        var plaintext = Plaintext();

        var first = vault.Seal(id, plaintext);
        var second = vault.Seal(id, plaintext);

        Assert.False(Bytes.Contains(first.Ciphertext, Marker));
        Assert.False(Bytes.Contains(first.Ciphertext, SampleFiles.Jpeg()[..64]));
        Assert.NotEqual(first.Ciphertext[..DocumentVault.NonceSize], second.Ciphertext[..DocumentVault.NonceSize]);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(DocumentVault.NonceSize + 3)] // tag
    [InlineData(DocumentVault.Overhead + 10)] // ciphertext
    public void A_tampered_ciphertext_is_refused(int position)
    {
        var vault = NewVault().Documents;
        var content = vault.Seal(Guid.CreateVersion7(), Plaintext());
        content.Ciphertext[position] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => vault.Open(content));
    }

    [Fact]
    public void A_truncated_ciphertext_is_refused()
    {
        var vault = NewVault().Documents;
        var content = vault.Seal(Guid.CreateVersion7(), Plaintext());
        content.Ciphertext = content.Ciphertext[..20];

        Assert.ThrowsAny<CryptographicException>(() => vault.Open(content));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_document_does_not_open()
    {
        var vault = NewVault().Documents;
        var content = vault.Seal(Guid.CreateVersion7(), Plaintext());
        content.DocumentId = Guid.CreateVersion7();

        Assert.ThrowsAny<CryptographicException>(() => vault.Open(content));
    }

    [Fact]
    public void A_different_key_cannot_open_the_document()
    {
        var ours = NewVault(o => o.MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var theirs = NewVault(o => o.MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var content = ours.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        // Unknown key id: refused before decrypting.
        Assert.ThrowsAny<CryptographicException>(() => theirs.Documents.Open(content));

        // Even labelled with their key id, their key does not authenticate our ciphertext.
        content.KeyId = theirs.Keys.CurrentKeyId;
        Assert.ThrowsAny<CryptographicException>(() => theirs.Documents.Open(content));
    }

    [Fact]
    public void The_key_file_is_created_on_first_use_outside_the_database_folder_with_mode_0600()
    {
        var keyDirectory = Path.Combine(root.FullName, "secrets", "privacydesk-keys");
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(Path.Combine(DataDirectory, "privacydesk.db"), "the database");
        var vault = NewVault(o => o.KeyDirectory = keyDirectory);
        var keyFile = Path.Combine(keyDirectory, DocumentKeyStore.KeyFileName);
        Assert.False(File.Exists(keyFile)); // lazily: nothing until the first seal

        var content = vault.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        Assert.Equal(keyFile, vault.Keys.KeyFilePath);
        Assert.True(File.Exists(keyFile));
        Assert.False(Path.GetFullPath(keyFile).StartsWith(Path.GetFullPath(DataDirectory), StringComparison.Ordinal));
        Assert.Equal(["privacydesk.db"], Directory.GetFileSystemEntries(DataDirectory).Select(Path.GetFileName));
        Assert.Contains(content.KeyId, File.ReadAllText(keyFile), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keyDirectory));
        }
    }

    [Fact]
    public void By_default_the_key_file_goes_in_a_keys_folder_of_the_data_directory_not_in_the_database()
    {
        var vault = NewVault();

        var content = vault.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        var expected = Path.Combine(DataDirectory, "keys", DocumentKeyStore.KeyFileName);
        Assert.Equal(expected, vault.Keys.KeyFilePath);
        Assert.True(File.Exists(expected));
        Assert.DoesNotContain(content.KeyId, Convert.ToBase64String(content.Ciphertext), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(expected));
        }
    }

    [Fact]
    public void Another_instance_on_the_same_key_folder_uses_the_same_key()
    {
        // Sixteen instances released at one moment onto an empty key folder: each must end up on the one ring created.
        const int Instances = 16;
        var stores = Enumerable.Range(0, Instances).Select(_ => NewVault()).ToList();
        using var start = new Barrier(Instances);

        var seen = new string[Instances];
        var threads = stores.Select((v, i) => new Thread(() => { start.SignalAndWait(); seen[i] = v.Keys.CurrentKeyId; })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var ids = seen.Distinct().ToList();

        Assert.Single(ids);
        var content = stores[0].Documents.Seal(Guid.CreateVersion7(), Plaintext());
        Assert.Equal(Plaintext(), stores[^1].Documents.Open(content));
    }

    [Fact]
    public void A_configured_master_key_is_used_and_no_key_file_is_created()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var vault = NewVault(o => o.MasterKey = Convert.ToBase64String(key));

        var content = vault.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        Assert.Equal(DocumentKeyStore.KeyIdFor(key), content.KeyId);
        Assert.False(Directory.Exists(Path.Combine(DataDirectory, "keys")));
        Assert.Equal(Plaintext(), vault.Documents.Open(content));
    }

    [Fact]
    public void After_rotating_the_configured_key_old_documents_open_and_new_ones_use_the_new_key()
    {
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var before = NewVault(o => o.MasterKey = oldKey);
        var old = before.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        var after = NewVault(o =>
        {
            o.MasterKey = newKey;
            o.PreviousMasterKeys = [oldKey];
        });

        Assert.Equal(Plaintext(), after.Documents.Open(old));
        var fresh = after.Documents.Seal(Guid.CreateVersion7(), Plaintext());
        Assert.NotEqual(old.KeyId, fresh.KeyId);
        Assert.True(after.Documents.NeedsResealing(old));
        Assert.False(after.Documents.NeedsResealing(fresh));

        after.Documents.Reseal(old);
        Assert.Equal(fresh.KeyId, old.KeyId);
        Assert.Equal(Plaintext(), after.Documents.Open(old));
        Assert.ThrowsAny<CryptographicException>(() => before.Documents.Open(old));
    }

    [Fact]
    public void Rotating_the_key_file_keeps_old_keys_for_reading()
    {
        var vault = NewVault();
        var old = vault.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        var newKeyId = vault.Keys.RotateFileKey();
        var fresh = vault.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        Assert.NotEqual(old.KeyId, newKeyId);
        Assert.Equal(newKeyId, fresh.KeyId);
        Assert.Equal(Plaintext(), vault.Documents.Open(old));
        Assert.Equal(Plaintext(), NewVault().Documents.Open(fresh)); // a restarted instance reads the rotated file
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(vault.Keys.KeyFilePath));
        }
    }

    [Fact]
    public void An_instance_reads_documents_sealed_after_another_instance_rotated_the_shared_key_file()
    {
        var first = NewVault();
        var second = NewVault();
        Assert.Equal(first.Keys.CurrentKeyId, second.Keys.CurrentKeyId); // both have read the file

        first.Keys.RotateFileKey();
        var fresh = first.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        Assert.Equal(Plaintext(), second.Documents.Open(fresh));
    }

    [Fact]
    public void Moving_from_the_key_file_to_a_configured_key_keeps_file_sealed_documents_readable()
    {
        var development = NewVault();
        var old = development.Documents.Seal(Guid.CreateVersion7(), Plaintext());

        var production = NewVault(o => o.MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(Plaintext(), production.Documents.Open(old));
        Assert.NotEqual(old.KeyId, production.Keys.CurrentKeyId);
    }

    [Fact]
    public void Sealing_logs_the_document_id_and_size_but_never_the_content()
    {
        var logger = new ListLogger<DocumentVault>();
        var vault = NewVault(logger: logger).Documents;
        var id = Guid.CreateVersion7();
        var plaintext = Plaintext();

        var content = vault.Seal(id, plaintext);
        content.Ciphertext[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => vault.Open(content));

        Assert.NotEmpty(logger.Messages);
        Assert.All(logger.Messages, m => Assert.Contains(id.ToString(), m, StringComparison.Ordinal));
        Assert.Contains(logger.Messages, m => m.Contains(plaintext.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Messages, m => m.Contains("MARKER", StringComparison.Ordinal) || m.Contains(Convert.ToBase64String(plaintext)[..16], StringComparison.Ordinal));
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
