using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Samples;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Tests.Documents;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Security;

/// <summary>
/// Rows written before sealing (a database upgraded from an earlier version) are sealed by the start-up pass that runs
/// with the migrations, and keep working: TOTP sign-in, recovery codes, letter downloads, queued mail, cookie keys.
/// </summary>
public abstract class SecretsAtRestTests(AppFixture app)
{
    [Fact]
    public async Task Legacy_plain_rows_are_sealed_by_the_start_up_pass_and_keep_working()
    {
        var (userId, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        const string Codes = "AAAAA-11111;BBBBB-22222";
        var pdf = SampleFiles.Pdf();
        var (letterId, messageId, keyId) = await app.WithDbAsync(async db =>
        {
            // The state an earlier version left: authenticator key and recovery codes in plain text...
            var tokens = await db.UserTokens.Where(t => t.UserId == userId).ToListAsync();
            Assert.All(tokens, t => Assert.True(MasterKeySealer.IsSealed(t.Value)));
            tokens.Single(t => t.Name == "AuthenticatorKey").Value = key;
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = Codes });

            // ...a letter stored as a plain PDF...
            var request = LetterSamples.For(LetterKind.Acknowledgement, await new ReferenceNumberAllocator(db).NextAsync(DateTimeOffset.UtcNow), true);
            db.Requests.Add(request);
            var letter = new IssuedLetter
            {
                RequestId = request.Id, Kind = "acknowledgement", IssuedAt = DateTimeOffset.UtcNow, IssuedBy = userId,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)), Pdf = pdf,
            };
            db.Letters.Add(letter);
            var message = MailOutbox.Enqueue(db, "request.acknowledgement", request.Id, "legacy@example.jp", "件名", "plain body with t=legacy-token", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();

            // ...a queued mail body in plain text (written past the sealing interceptor, as the old code did)...
            await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.TextBody, "plain body with t=legacy-token"));

            // ...and a cookie key whose secret is in the clear, as Data Protection writes it without an encryptor.
            var row = await db.DataProtectionKeys.OrderBy(k => k.Id).FirstAsync();
            var root = XElement.Parse(row.Xml!);
            var wrapper = root.Descendants().Single(e => e.Name.LocalName == "encryptedSecret");
            wrapper.ReplaceWith(new MasterKeyXmlDecryptor(app.Factory.Services).Decrypt(wrapper.Elements().Single()));
            row.Xml = root.ToString();
            await db.SaveChangesAsync();
            return (letter.Id, message.Id, row.Id);
        });

        var plainKeyXml = await app.WithDbAsync(db => db.DataProtectionKeys.Where(k => k.Id == keyId).Select(k => k.Xml!).SingleAsync());
        Assert.Contains("<masterKey", plainKeyXml, StringComparison.Ordinal);

        // The start-up step: migrations (none pending) and the sealing pass.
        await app.WithScopeAsync(s => s.GetRequiredService<DatabaseMigrator>().MigrateAsync());

        await app.WithDbAsync(async db =>
        {
            var tokens = await db.UserTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync();
            Assert.Equal(2, tokens.Count);
            Assert.All(tokens, t => Assert.True(MasterKeySealer.IsSealed(t.Value)));
            var letter = await db.Letters.AsNoTracking().SingleAsync(l => l.Id == letterId);
            Assert.True(MasterKeySealer.IsSealed(letter.Pdf));
            Assert.Equal(pdf, app.OpenPdf(letter));
            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == messageId);
            Assert.True(MasterKeySealer.IsSealed(message.TextBody));
            Assert.Equal("plain body with t=legacy-token", app.OpenBody(message));
            var keyXml = await db.DataProtectionKeys.Where(k => k.Id == keyId).Select(k => k.Xml!).SingleAsync();
            Assert.DoesNotContain("<masterKey", keyXml, StringComparison.Ordinal);
            var sealedSecret = XElement.Parse(keyXml).Descendants(DataProtectionKeySealing.SealedElementName).Single();
            var original = XElement.Parse(plainKeyXml).Descendants().Single(e => e.Name.LocalName == "masterKey");
            Assert.Equal(original.Value, new MasterKeyXmlDecryptor(app.Factory.Services).Decrypt(sealedSecret).Value);
            return 0;
        });

        // Identity reads the sealed secrets: the authenticator code and a recovery code pass, once.
        await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            Assert.Equal(key, await users.GetAuthenticatorKeyAsync(user));
            Assert.Equal(2, await users.CountRecoveryCodesAsync(user));
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, "AAAAA-11111")).Succeeded);
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, "AAAAA-11111")).Succeeded);
            Assert.Equal(1, await users.CountRecoveryCodesAsync(user));
        });
        using var client = await StaffSignIn.SignInWithCodeAsync(app, email, key!);

        // A second pass finds nothing left to seal.
        var again = await app.WithScopeAndReturnAsync(s => s.GetRequiredService<SecretsAtRest>().SealLegacyAsync());
        Assert.Equal(0, again.Total);
    }

    [Fact]
    public async Task A_sealed_value_moved_to_another_row_does_not_open()
    {
        var (first, _, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        var (second, _, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        await app.WithDbAsync(async db =>
        {
            var stolen = await db.UserTokens.Where(t => t.UserId == first && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync();
            var target = await db.UserTokens.SingleAsync(t => t.UserId == second && t.Name == "AuthenticatorKey");
            target.Value = stolen;
            return await db.SaveChangesAsync();
        });

        await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            await Assert.ThrowsAnyAsync<CryptographicException>(async () => await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(second))!));
            Assert.NotNull(await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(first))!));
        });
    }
}

public sealed class SecretsAtRestTestsOnSqlite(StaffSqliteAppFixture app) : SecretsAtRestTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class SecretsAtRestTestsOnPostgres(StaffPostgresAppFixture app) : SecretsAtRestTests(app), IClassFixture<StaffPostgresAppFixture>;

/// <summary>The SQLite files are readable by the app's user only: 0600 files in a 0700 folder, new or inherited.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SqliteFileModeTests : IDisposable
{
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("privacydesk-modes-");

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public async Task A_new_database_its_wal_and_shm_are_created_0600_in_a_0700_folder()
    {
        var data = Path.Combine(root.FullName, "data");
        await StartAndWriteAsync(data, file =>
        {
            Assert.Equal(SqliteFileModes.FolderMode, File.GetUnixFileMode(data));
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                Assert.True(File.Exists(path), $"{Path.GetFileName(path)} does not exist");
                Assert.Equal(SqliteFileModes.FileMode, File.GetUnixFileMode(path));
            }
        });
    }

    [Fact]
    public async Task Files_left_readable_by_an_earlier_version_are_tightened_at_start_up()
    {
        var data = Path.Combine(root.FullName, "data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, SqliteFileModes.FolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var existing = Path.Combine(data, "privacydesk.db");
        await File.WriteAllBytesAsync(existing, []);
        File.SetUnixFileMode(existing, SqliteFileModes.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await StartAndWriteAsync(data, file =>
        {
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(data) & Others);
            Assert.Equal(SqliteFileModes.FileMode, File.GetUnixFileMode(file));
            Assert.Equal(SqliteFileModes.FileMode, File.GetUnixFileMode(file + "-wal"));
        });
    }

    /// <summary>Starts the app on the default store, writes, and runs <paramref name="check"/> while it runs (the WAL exists).</summary>
    private static async Task StartAndWriteAsync(string data, Action<string> check)
    {
        // The default store: no connection string, the file in Database:DataDirectory.
        await using var database = TestDatabase.CreateSqlite();
        await using var factory = new PrivacyDeskFactory(database, new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = string.Empty,
            ["Database:DataDirectory"] = data,
        });
        using var client = factory.CreateClient();

        // The form's antiforgery token writes the first cookie key into the database.
        using var response = await client.GetAsync(new Uri("/requests/disclosure", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        await db.Database.OpenConnectionAsync();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
        check(Path.Combine(data, "privacydesk.db"));
    }
}

/// <summary>Start-up refuses a shared database (PostgreSQL, SQL Server) without a master key, before migrating.</summary>
[Trait("Provider", "Postgres")]
public sealed class SharedDatabaseMasterKeyTests : IAsyncLifetime
{
    private TestDatabase? database;

    public async Task InitializeAsync() => database = await TestDatabase.CreatePostgresAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostgreSQL_without_a_master_key_refuses_to_start_with_a_message_in_Japanese_and_English()
    {
        await using var factory = new PrivacyDeskFactory(database!, new Dictionary<string, string?> { ["Documents:MasterKey"] = string.Empty });
        var error = Record.Exception(() => factory.Server);

        Assert.NotNull(error);
        var messages = Messages(error);
        Assert.Contains("Documents:MasterKey", messages, StringComparison.Ordinal);
        Assert.Contains("共有データベース", messages, StringComparison.Ordinal);
        Assert.Contains("several instances share", messages, StringComparison.Ordinal);

        // Refused before anything was written: not even the migrations ran.
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NULL", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData("SqlServer", false)]
    [InlineData("Postgres", false)]
    [InlineData("Sqlite", true)]
    public void Only_a_shared_provider_needs_the_master_key(string provider, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDocumentStorage();
        using var provided = services.BuildServiceProvider();
        var options = provided.GetRequiredService<IOptions<DocumentOptions>>();
        if (valid)
        {
            Assert.Null(options.Value.MasterKey);
        }
        else
        {
            var error = Assert.Throws<OptionsValidationException>(() => options.Value);
            Assert.Contains("Documents:MasterKey", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("SqlServer", null, false)]
    [InlineData("Postgres", null, false)]
    [InlineData("Postgres", "/srv/shared/audit-keys", true)]
    [InlineData("Sqlite", null, true)]
    public void Only_a_shared_provider_needs_the_audit_chain_key_or_a_shared_key_folder(string provider, string? keyDirectory, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Audit:KeyDirectory"] = keyDirectory,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<PrivacyDesk.Web.Audit.AuditOptions>().BindConfiguration(PrivacyDesk.Web.Audit.AuditOptions.Section);
        services.AddSingleton<IValidateOptions<PrivacyDesk.Web.Audit.AuditOptions>>(new PrivacyDesk.Web.Audit.AuditOptionsValidator(configuration));
        using var provided = services.BuildServiceProvider();
        var options = provided.GetRequiredService<IOptions<PrivacyDesk.Web.Audit.AuditOptions>>();
        if (valid)
        {
            Assert.Null(options.Value.ChainKey);
        }
        else
        {
            var error = Assert.Throws<OptionsValidationException>(() => options.Value);
            Assert.Contains("Audit:ChainKey", error.Message, StringComparison.Ordinal);
            Assert.Contains("監査ログの鍵", error.Message, StringComparison.Ordinal);
        }
    }

    private static string Messages(Exception error)
    {
        var all = new List<string>();
        var pending = new Stack<Exception>([error]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            all.Add(next.Message);
            if (next is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (next.InnerException is not null)
            {
                pending.Push(next.InnerException);
            }
        }

        return string.Join("\n", all);
    }
}

/// <summary>
/// Rotation: every envelope names its master key, so after a new <c>Documents:MasterKey</c> with the old one moved to
/// <c>PreviousMasterKeys</c>, everything sealed before still opens (cookie key ring included) and new values use the new
/// key; without the old key nothing sealed with it opens.
/// </summary>
public sealed class MasterKeyRotationTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("privacydesk-rotation-");

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public void Values_sealed_under_a_retired_key_open_with_PreviousMasterKeys_and_only_then()
    {
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var before = Sealer(oldKey);
        var rotated = Sealer(newKey, oldKey);
        var withoutOld = Sealer(newKey);

        var text = before.SealText("JBSWY3DPEHPK3PXP", "user-token", "u1\0[AspNetUserStore]\0AuthenticatorKey");
        var secret = new XElement("masterKey", new XElement("value", "c2VjcmV0"));
        var sealedXml = new MasterKeyXmlEncryptor(before).Encrypt(secret).EncryptedElement;

        Assert.Equal("JBSWY3DPEHPK3PXP", rotated.OpenText(text, "user-token", "u1\0[AspNetUserStore]\0AuthenticatorKey"));
        Assert.Equal(secret.ToString(), Decryptor(rotated).Decrypt(sealedXml).ToString());
        Assert.NotEqual(before.CurrentKeyId, rotated.CurrentKeyId);
        Assert.Equal(rotated.CurrentKeyId, new MasterKeyXmlEncryptor(rotated).Encrypt(secret).EncryptedElement.Attribute("keyId")?.Value);

        Assert.ThrowsAny<CryptographicException>(() => withoutOld.OpenText(text, "user-token", "u1\0[AspNetUserStore]\0AuthenticatorKey"));
        Assert.ThrowsAny<CryptographicException>(() => Decryptor(withoutOld).Decrypt(sealedXml));

        // The purpose and the row are bound too: the same envelope does not open as another user's token or as mail.
        Assert.ThrowsAny<CryptographicException>(() => rotated.OpenText(text, "user-token", "u2\0[AspNetUserStore]\0AuthenticatorKey"));
        Assert.ThrowsAny<CryptographicException>(() => rotated.OpenText(text, "outbox-body", "u1\0[AspNetUserStore]\0AuthenticatorKey"));
    }

    private MasterKeySealer Sealer(string masterKey, params string[] previous) => new(new DocumentKeyStore(
        Options.Create(new DocumentOptions { MasterKey = masterKey, PreviousMasterKeys = previous }),
        Options.Create(new DatabaseOptions { DataDirectory = root.FullName }),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<DocumentKeyStore>.Instance));

    private static MasterKeyXmlDecryptor Decryptor(MasterKeySealer sealer) =>
        new(new ServiceCollection().AddSingleton(sealer).BuildServiceProvider());
}
