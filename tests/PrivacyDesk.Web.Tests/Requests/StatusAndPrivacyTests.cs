using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Tests.Documents;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>The status page, and the guarantees about personal data: not in logs, no document bytes in the database.</summary>
public abstract class StatusAndPrivacyTests(FormAppFixture app)
{
    [Fact]
    public async Task The_status_link_shows_status_deadline_and_what_the_coop_waits_for()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(RequestFamily.Disclosure, RequesterType.Principal);
        var link = receipt.QuerySelector("#status-link")!.GetAttribute("href")!;
        var reference = receipt.QuerySelector("#reference-number")!.TextContent;

        var page = await session.Client.GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.Equal("受付", page.QuerySelector("#status-label")?.TextContent);
        Assert.Contains("令和", page.QuerySelector("#deadline")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#waiting-fee"));
        Assert.Contains("1,000円", page.QuerySelector("#waiting-fee")!.TextContent, StringComparison.Ordinal);

        // Staff return it for a deficiency: the member sees what is needed.
        await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.Include(r => r.StatusHistory).SingleAsync(r => r.ReferenceNumber == reference);
            request.StartIdentityCheck("staff", DateTimeOffset.UtcNow);
            request.ReturnForDeficiency("運転免許証の裏面の写しもお送りください。", "staff", DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var returned = await session.Client.GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.Equal("書類不備による返戻中", returned.QuerySelector("#status-label")?.TextContent);
        Assert.Contains("運転免許証の裏面の写しもお送りください。", returned.QuerySelector("#waiting-documents")?.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "request.status_viewed")));
    }

    [Fact]
    public async Task Issued_letters_download_from_the_status_page_when_electronic_delivery_was_chosen()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(RequestFamily.Disclosure, RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent;
        var token = receipt.QuerySelector("#access-token")!.TextContent;
        var pdf = SampleFiles.Pdf();
        await app.WithDbAsync(async db =>
        {
            var requestId = await db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync();
            db.Letters.Add(new PrivacyDesk.Web.Letters.IssuedLetter
            {
                RequestId = requestId, Kind = "acknowledgement", IssuedAt = DateTimeOffset.UtcNow, IssuedBy = "staff",
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), Pdf = pdf,
            });
            return await db.SaveChangesAsync();
        });

        var page = await session.Client.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
        var link = page.QuerySelector("#letters a")?.GetAttribute("href");
        Assert.NotNull(link);
        using var download = await session.Client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        // The same link with a wrong token gives nothing.
        using var stolen = await session.Client.GetAsync(new Uri(link.Replace("t=", "t=x", StringComparison.Ordinal), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "letter.downloaded")));
    }

    [Fact]
    public async Task A_wrong_token_gets_the_same_answer_as_an_unknown_number()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(RequestFamily.StopUse, RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent;

        var wrongToken = await session.Client.GetStringAsync(new Uri($"/requests/status?r={reference}&t=wrong-token-123", UriKind.Relative));
        var unknownNumber = await session.Client.GetStringAsync(new Uri("/requests/status?r=PD-2026-999999&t=wrong-token-123", UriKind.Relative));
        static string Main(string html) => System.Text.RegularExpressions.Regex.Replace(
            html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)],
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"", "antiforgery");
        Assert.Equal(Main(unknownNumber).Replace("PD-2026-999999", "X", StringComparison.Ordinal), Main(wrongToken).Replace(reference, "X", StringComparison.Ordinal));
        Assert.Contains("受付番号または確認用コードが正しくありません", wrongToken, StringComparison.Ordinal);
        Assert.DoesNotContain("status-label", wrongToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_alone_holds_no_document_bytes()
    {
        var marker = "PRIVACYDESK-DOCUMENT-MARKER-" + Guid.NewGuid().ToString("N");
        var pdf = SampleFiles.Pdf(pageEntries: $"/PieceInfo << /Marker ({marker}) >>");
        Assert.Contains(marker, Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);

        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Disclosure);
        var files = ValidForm.Files(RequesterType.VoluntaryAgent);
        files["AuthorityDocument"] = new Upload(pdf, "inin.pdf", "application/pdf");
        var (_, confirmation) = await session.ReviewAsync(RequestFamily.Disclosure, form, ValidForm.Fields(RequestFamily.Disclosure, RequesterType.VoluntaryAgent), files);
        using var submitted = await session.ConfirmAsync(RequestFamily.Disclosure, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        // The document was filed and opens with the key (which is not in the database) ...
        var stored = await app.WithScopeAndReturnAsync(async services =>
        {
            var db = services.GetRequiredService<PrivacyDeskDbContext>();
            var vault = services.GetRequiredService<PrivacyDesk.Web.Documents.DocumentVault>();
            var contents = await db.DocumentContents.ToListAsync();
            return contents.Select(vault.Open).Any(bytes => Encoding.Latin1.GetString(bytes).Contains(marker, StringComparison.Ordinal));
        });
        Assert.True(stored);

        // ... but nowhere in the database is the document readable.
        var dump = await DumpDatabaseAsync();
        Assert.True(dump.Length > 10_000, "the dump should hold the database's data");
        Assert.DoesNotContain(marker, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(marker)), dump, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task No_personal_data_reaches_the_logs()
    {
        const string Name = "鰐淵 ログ確認太郎";
        const string Kana = "ワニブチ ログカクニンタロウ";
        const string Email = "wanibuchi.logcheck@example.jp";
        const string Street = "ログ確認町9-8-7";
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(RequestFamily.Correction, RequesterType.Principal, f =>
        {
            f["Input.Principal.FullName"] = Name;
            f["Input.Principal.FullNameKana"] = Kana;
            f["Input.Principal.Email"] = Email;
            f["Input.Principal.AddressLine"] = Street;
        });
        var reference = receipt.QuerySelector("#reference-number")!.TextContent;
        var token = receipt.QuerySelector("#access-token")!.TextContent;
        await session.Client.GetStringAsync(new Uri($"/requests/status?r={reference}&t={token}", UriKind.Relative));
        await app.WithScopeAsync(async services =>
            await services.GetRequiredService<PrivacyDesk.Web.Mail.OutboxProcessor>().ProcessDueAsync(CancellationToken.None));

        var captured = app.Factory.Logs.AllText;
        var files = app.Factory.ReadLogFiles();
        Assert.Contains(reference, captured, StringComparison.Ordinal);
        Assert.Contains(reference, files, StringComparison.Ordinal);
        foreach (var secret in new[] { Name, "鰐淵", "ログ確認太郎", Kana, Email, Street, token })
        {
            Assert.DoesNotContain(secret, captured, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, files, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(secret), files, StringComparison.Ordinal);
        }
    }

    private async Task<string> DumpDatabaseAsync()
    {
        if (app.Database.Provider == "Sqlite")
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"));
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
            var text = new StringBuilder();
            foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                text.Append(Encoding.Latin1.GetString(memory.ToArray()));
            }

            return text.ToString();
        }

        // PostgreSQL: every row of every table, as text (bytea prints as hex).
        var dump = new StringBuilder();
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.AppendLine(reader.GetString(0));
            }
        }

        return dump.ToString();
    }
}

public sealed class StatusAndPrivacyTestsOnSqlite(SqliteFormFixture app) : StatusAndPrivacyTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class StatusAndPrivacyTestsOnPostgres(PostgresFormFixture app) : StatusAndPrivacyTests(app), IClassFixture<PostgresFormFixture>;

/// <summary>The per-IP limits, with low numbers so that a test reaches them.</summary>
public abstract class RateLimitFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["AbuseProtection:PostsPerMinute"] = "3",
        ["AbuseProtection:StatusLookupsPerMinute"] = "4",
    };
}

public sealed class SqliteRateLimitFixture : RateLimitFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresRateLimitFixture : RateLimitFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}

public abstract class RateLimitTests(RateLimitFixture app)
{
    [Fact]
    public async Task Status_lookups_are_limited_per_client_with_a_Japanese_message()
    {
        using var client = app.Factory.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(new Uri($"/requests/status?r=PD-2026-00000{i}&t=guess{i}", UriKind.Relative));
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("しばらく", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
    }

    [Fact]
    public async Task Posts_are_limited_per_client()
    {
        using var client = app.Factory.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["r"] = "x" });
            using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), content);
            codes.Add(response.StatusCode);
        }

        Assert.Equal(2, codes.Count(c => c == HttpStatusCode.TooManyRequests));
    }
}

public sealed class RateLimitTestsOnSqlite(SqliteRateLimitFixture app) : RateLimitTests(app), IClassFixture<SqliteRateLimitFixture>;

[Trait("Provider", "Postgres")]
public sealed class RateLimitTestsOnPostgres(PostgresRateLimitFixture app) : RateLimitTests(app), IClassFixture<PostgresRateLimitFixture>;
