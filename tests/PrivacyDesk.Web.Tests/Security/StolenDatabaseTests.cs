using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Security;

/// <summary>
/// Issue 11, item 1: nothing in the database is enough to act as anyone. A copy of the live database is started in a
/// second app instance that lacks the master key (SQLite: its own key ring file; PostgreSQL, where start-up demands a
/// key: a key of the attacker's own). No cookie, authenticator secret, recovery code, status token, document or letter
/// can be had from it; and a staff cookie minted from the copied Data Protection key ring is refused by the live app.
/// Every refusal is paired with the same operation succeeding where the master key is present, so the tests fail if
/// the attack itself were broken rather than blocked. The live app has a test SMTP server, so that mail is really sent.
/// </summary>
public abstract class StolenDatabaseTests(FormAppFixture app)
{
    private const string CookiePurpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
    private const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    private sealed record LiveData(
        StaffSession Admin, string SecurityStamp, string QueuedToken, string SentToken, Guid LetterRequestId, Guid QueuedMailId);

    [Fact]
    public async Task A_copy_of_the_database_in_an_instance_without_the_master_key_yields_no_cookie_secret_token_document_or_letter()
    {
        var live = await PrepareLiveDataAsync();
        using var admin = live.Admin;
        await using var copy = await CopyDatabaseAsync();

        // Raw scan of the copy: no table and no column (text or blob) holds a secret in plain form.
        var secrets = new List<string>(live.Admin.RecoveryCodes) { live.Admin.AuthenticatorKey, live.QueuedToken, live.SentToken, "<masterKey" };
        Assert.Equal(14, secrets.Count);
        var (hits, cellsScanned) = await ScanAsync(copy, secrets);
        Assert.Empty(hits);
        Assert.True(cellsScanned > 100, $"only {cellsScanned} cells were scanned");

        // Control: the scan finds what is there. The live app's own Outbox row, opened with the live key, holds the
        // queued member's token, and the live user store hands out the authenticator key.
        var queued = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == live.QueuedMailId));
        Assert.Contains(Uri.EscapeDataString(live.QueuedToken), app.OpenBody(queued), StringComparison.Ordinal);
        Assert.Equal(live.Admin.AuthenticatorKey, await app.WithScopeAndReturnAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(live.Admin.UserId))!);
        }));

        var attackerSettings = new Dictionary<string, string?>(StaffSettings.Values);
        if (copy.Provider == "Postgres")
        {
            attackerSettings["Documents:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        await using var attacker = new PrivacyDeskFactory(copy, attackerSettings);
        _ = attacker.Server;
        await using var scope = attacker.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        Assert.NotEqual(app.Factory.Services.GetRequiredService<MasterKeySealer>().CurrentKeyId,
            attacker.Services.GetRequiredService<MasterKeySealer>().CurrentKeyId);

        // The Data Protection keys that were copied: sealed, and the copy's instance cannot open one; the live instance
        // can. (Unable to use them, the copy's instance makes a key of its own, which the live app in turn cannot read.)
        var keyRows = await app.WithDbAsync(live => live.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keyRows);
        foreach (var xml in keyRows)
        {
            var sealedSecret = Assert.Single(XElement.Parse(xml).Descendants(DataProtectionKeySealing.SealedElementName));
            Assert.ThrowsAny<CryptographicException>(() => new MasterKeyXmlDecryptor(attacker.Services).Decrypt(sealedSecret));
            Assert.Equal("masterKey", new MasterKeyXmlDecryptor(app.Factory.Services).Decrypt(sealedSecret).Name.LocalName);
        }

        // A cookie the live app accepts (minted with its own key ring) is not accepted by the copy's instance.
        var liveCookie = Mint(app.Factory.Services.GetRequiredService<IDataProtectionProvider>(), live.Admin, live.SecurityStamp);
        Assert.Equal(HttpStatusCode.OK, await StaffHomeAsync(app.Factory, liveCookie));
        Assert.Equal(HttpStatusCode.Redirect, await StaffHomeAsync(attacker, liveCookie));

        // The authenticator key and recovery codes: unreadable through Identity's own store in the copy's instance.
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var stolenAdmin = await users.FindByIdAsync(live.Admin.UserId);
        Assert.NotNull(stolenAdmin);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => users.GetAuthenticatorKeyAsync(stolenAdmin));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => users.RedeemTwoFactorRecoveryCodeAsync(stolenAdmin, live.Admin.RecoveryCodes[0]));

        // Documents, letters and the queued mail body do not open.
        var vault = attacker.Services.GetRequiredService<DocumentVault>();
        var contents = await db.DocumentContents.AsNoTracking().ToListAsync();
        Assert.NotEmpty(contents);
        Assert.All(contents, c => Assert.ThrowsAny<CryptographicException>(() => vault.Open(c)));
        var letter = await db.Letters.AsNoTracking().SingleAsync(l => l.RequestId == live.LetterRequestId);
        Assert.ThrowsAny<CryptographicException>(() => attacker.Services.GetRequiredService<LetterSealing>().Open(letter));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(app.OpenPdf(letter), 0, 4), StringComparison.Ordinal);
        var stolenMail = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == live.QueuedMailId);
        Assert.ThrowsAny<CryptographicException>(() => attacker.Services.GetRequiredService<OutboxBodySealing>().Open(stolenMail));

        // Mail already sent keeps no body at all.
        Assert.All(await db.Outbox.AsNoTracking().Where(m => m.SentAt != null).ToListAsync(), m => Assert.Equal(string.Empty, m.TextBody));
        Assert.Contains(await db.Outbox.AsNoTracking().ToListAsync(), m => m.SentAt != null);
    }

    [Fact]
    public async Task A_staff_cookie_minted_from_the_copied_key_ring_is_refused_by_the_live_app()
    {
        using var adminSession = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var (stamp, keyRing) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == adminSession.UserId).Select(u => u.SecurityStamp!).SingleAsync(),
            await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync()));
        Assert.NotEmpty(keyRing);

        // Control: PrivacyDesk's code with the copied ring and the live master key mints a cookie the live app takes,
        // so the minting below is a faithful attack (ASP.NET's ticket format, the stolen security stamp, "amr" = mfa).
        var liveSealer = app.Factory.Services.GetRequiredService<MasterKeySealer>();
        using (var withKey = CopiedRing(keyRing, liveSealer, generateKeys: false))
        {
            var control = Mint(withKey.GetRequiredService<IDataProtectionProvider>(), adminSession, stamp);
            Assert.Equal(HttpStatusCode.OK, await StaffHomeAsync(app.Factory, control));
        }

        // Without the master key no key of the ring decrypts, so nothing can be minted under it...
        var attackerSealer = AttackerSealer();
        using (var withoutKey = CopiedRing(keyRing, attackerSealer, generateKeys: false))
        {
            var keys = withoutKey.GetRequiredService<IKeyManager>().GetAllKeys();
            Assert.Equal(keyRing.Count, keys.Count);
            Assert.All(keys, k => Assert.ThrowsAny<CryptographicException>(() => k.CreateEncryptor()));
            Assert.ThrowsAny<Exception>(() => Mint(withoutKey.GetRequiredService<IDataProtectionProvider>(), adminSession, stamp));
        }

        // ...and a cookie under a key of the attacker's own making is refused: the live app sends it to sign in.
        using (var ownKey = CopiedRing(keyRing, attackerSealer, generateKeys: true))
        {
            var forged = Mint(ownKey.GetRequiredService<IDataProtectionProvider>(), adminSession, stamp);
            Assert.Equal(HttpStatusCode.Redirect, await StaffHomeAsync(app.Factory, forged));
        }
    }

    /// <summary>Builds the live data through the real pages: Admin with TOTP, two filed requests, a letter, mail.</summary>
    private async Task<LiveData> PrepareLiveDataAsync()
    {
        var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var stamp = await app.WithDbAsync(db => db.Users.Where(u => u.Id == admin.UserId).Select(u => u.SecurityStamp!).SingleAsync());

        // First request: its acknowledgement mail is sent (and the SMTP server saw the token, so mail works).
        var member = new MemberSession(app.Factory.CreateBrowserClient());
        var sentReceipt = await member.FileAsync(RequestFamily.Disclosure, RequesterType.Principal);
        var sentToken = sentReceipt.QuerySelector("#access-token")!.TextContent.Trim();
        var sentReference = sentReceipt.QuerySelector("#reference-number")!.TextContent.Trim();
        await app.WithScopeAsync(async services =>
        {
            var processor = services.GetRequiredService<OutboxProcessor>();
            for (var i = 0; i < 10 && await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.SentAt == null)); i++)
            {
                await processor.ProcessDueAsync(CancellationToken.None);
            }
        });
        Assert.Contains(app.Smtp.Received, m => (m.Message.TextBody ?? string.Empty).Contains(Uri.EscapeDataString(sentToken), StringComparison.Ordinal));

        // Second request: its mail stays queued.
        var other = new MemberSession(app.Factory.CreateBrowserClient());
        var queuedReceipt = await other.FileAsync(RequestFamily.StopUse, RequesterType.Principal);
        var queuedToken = queuedReceipt.QuerySelector("#access-token")!.TextContent.Trim();
        var queuedReference = queuedReceipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var queuedMailId = await app.WithDbAsync(db => db.Outbox
            .Where(m => m.SentAt == null && m.Subject.Contains(queuedReference)).Select(m => m.Id).SingleAsync());

        // An issued letter for the first request, through the staff page.
        var requestId = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == sentReference).Select(r => r.Id).SingleAsync());
        var url = $"/staff/requests/{requestId}/letters";
        var page = await admin.Client.GetDocumentAsync(url);
        var version = page.QuerySelector("tr[data-kind='acknowledgement'] input[name=version]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The acknowledgement letter cannot be issued: " + page.Text()[..200]);
        using var issued = await StaffSignIn.PostFormAsync(admin.Client, $"{url}?handler=Issue", page,
            new() { ["kind"] = LetterKinds.Code(LetterKind.Acknowledgement), ["version"] = version });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);

        return new LiveData(admin, stamp, queuedToken, sentToken, requestId, queuedMailId);
    }

    /// <summary>Copies the live database into a fresh one, as a thief with a backup or a file copy would have it.</summary>
    private async Task<TestDatabase> CopyDatabaseAsync()
    {
        if (app.Database.Provider == "Sqlite")
        {
            var copy = TestDatabase.CreateSqlite();
            var target = new SqliteConnectionStringBuilder(copy.ConnectionString).DataSource;
            await using var connection = new SqliteConnection(app.Database.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $target";
            command.Parameters.AddWithValue("$target", target);
            await command.ExecuteNonQueryAsync();
            return copy;
        }

        var database = await TestDatabase.CreatePostgresAsync();
        var source = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database!;
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        await admin.OpenAsync();
        await Run(admin, $"DROP DATABASE \"{name}\"");

        // CREATE DATABASE … TEMPLATE needs the source to have no other session for a moment: close the app's idle
        // pooled connections and end any others; retry if the live app's background work reconnects in between.
        for (var attempt = 1; ; attempt++)
        {
            NpgsqlConnection.ClearAllPools();
            await Run(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{source}' AND pid <> pg_backend_pid()");
            try
            {
                await Run(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
                NpgsqlConnection.ClearAllPools();
                return database;
            }
            catch (PostgresException ex) when (ex.SqlState == "55006" && attempt < 20)
            {
                await Task.Delay(100);
            }
        }

        static async Task Run(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Every cell of every table of <paramref name="database"/>, text or blob, searched for each secret.</summary>
    private static async Task<(List<string> Hits, int Cells)> ScanAsync(TestDatabase database, IReadOnlyList<string> secrets)
    {
        await using DbConnection connection = database.Provider == "Sqlite"
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.Provider == "Sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("AspNetUserTokens", tables);
        var hits = new List<string>();
        var cells = 0;
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                    {
                        string s => s,
                        byte[] b => Encoding.Latin1.GetString(b) + "\n" + Encoding.UTF8.GetString(b),
                        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                    };
                    cells++;
                    if (text is null)
                    {
                        continue;
                    }

                    hits.AddRange(secrets
                        .Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase) || text.Contains(Uri.EscapeDataString(s), StringComparison.OrdinalIgnoreCase))
                        .Select(s => $"{table}.{reader.GetName(i)} holds {s[..Math.Min(6, s.Length)]}…"));
                    if (text.StartsWith("%PDF", StringComparison.Ordinal) || text.StartsWith("\u00FF\u00D8\u00FF", StringComparison.Ordinal)
                        || text.StartsWith("\u0089PNG", StringComparison.Ordinal))
                    {
                        hits.Add($"{table}.{reader.GetName(i)} holds a plain PDF or image");
                    }
                }
            }
        }

        return (hits, cells);
    }

    /// <summary>A staff cookie in ASP.NET's own ticket format, as Identity would issue it after the second factor.</summary>
    private static string Mint(IDataProtectionProvider provider, StaffSession staff, string securityStamp)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, staff.UserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, staff.Email));
        identity.AddClaim(new Claim(SecurityStampClaim, securityStamp));
        identity.AddClaim(new Claim(ClaimTypes.Role, StaffRoles.Admin));
        identity.AddClaim(new Claim(StaffIdentityRegistration.MultiFactorClaimType, StaffIdentityRegistration.MultiFactorClaimValue));
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(30) }, IdentityConstants.ApplicationScheme);
        var protector = provider.CreateProtector(CookiePurpose, IdentityConstants.ApplicationScheme, "v2");
        return new TicketDataFormat(protector).Protect(ticket);
    }

    private static async Task<HttpStatusCode> StaffHomeAsync(PrivacyDeskFactory instance, string cookie)
    {
        using var client = instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/staff/queue", UriKind.Relative));
        request.Headers.Add("Cookie", $"{StaffIdentityRegistration.ApplicationCookieName}={cookie}");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Data Protection as the attacker sets it up: PrivacyDesk's application name and the copied key XML.</summary>
    private static ServiceProvider CopiedRing(IReadOnlyList<string> keyXml, MasterKeySealer sealer, bool generateKeys)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(sealer);
        var builder = services.AddDataProtection().SetApplicationName("PrivacyDesk");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new CopiedKeyRepository(keyXml));
        if (!generateKeys)
        {
            builder.DisableAutomaticKeyGeneration();
        }

        return services.BuildServiceProvider();
    }

    private static MasterKeySealer AttackerSealer()
    {
        var folder = Directory.CreateTempSubdirectory("privacydesk-attacker-").FullName;
        var keys = new DocumentKeyStore(
            Options.Create(new DocumentOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }),
            Options.Create(new DatabaseOptions { DataDirectory = folder }),
            NullLogger<DocumentKeyStore>.Instance);
        return new MasterKeySealer(keys);
    }

    private sealed class CopiedKeyRepository(IReadOnlyList<string> keyXml) : IXmlRepository
    {
        private readonly List<XElement> elements = keyXml.Select(XElement.Parse).ToList();

        public IReadOnlyCollection<XElement> GetAllElements() => elements.ToArray();

        public void StoreElement(XElement element, string friendlyName) => elements.Add(element);
    }
}

public sealed class StolenDatabaseTestsOnSqlite(SqliteFormFixture app) : StolenDatabaseTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class StolenDatabaseTestsOnPostgres(PostgresFormFixture app) : StolenDatabaseTests(app), IClassFixture<PostgresFormFixture>;
