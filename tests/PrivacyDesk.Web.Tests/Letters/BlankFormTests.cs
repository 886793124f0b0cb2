using System.Net;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Letters;

/// <summary>The blank request forms download anonymously from the links on the landing page, with the right text.</summary>
public abstract class BlankFormTests(AppFixture app)
{
    [Fact]
    public async Task Every_form_linked_from_the_landing_page_downloads_as_a_pdf_with_its_fields()
    {
        using var client = app.Factory.CreateClient();
        var landing = await client.GetDocumentAsync("/");
        var links = landing.QuerySelectorAll("a[href^='/forms/']").Select(a => a.GetAttribute("href")!).Distinct().ToArray();
        Assert.Equal(["/forms/correction.pdf", "/forms/disclosure.pdf", "/forms/power-of-attorney.pdf", "/forms/stop-use.pdf"], links.Order(StringComparer.Ordinal));

        var titles = new Dictionary<string, string>
        {
            ["/forms/disclosure.pdf"] = "利用目的の通知・開示等の請求書",
            ["/forms/correction.pdf"] = "訂正・追加・削除の請求書",
            ["/forms/stop-use.pdf"] = "利用停止・第三者提供停止の請求書",
        };
        foreach (var link in links.Where(titles.ContainsKey))
        {
            using var response = await client.GetAsync(new Uri(link, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var text = LetterPdf.Text(bytes);
            Assert.Contains(titles[link], text, StringComparison.Ordinal);
            Assert.Contains("〒160-0022東京都新宿区新宿6-24-20（5F）", text, StringComparison.Ordinal);
            Assert.Contains("氏名（必須）", text, StringComparison.Ordinal);
            Assert.Contains("委任状", text, StringComparison.Ordinal);

            // The configured age limit of the relationship documents (default 3 months), a signature line, and where
            // the 委任状 template downloads.
            Assert.Contains("発行日から3か月以内", text, StringComparison.Ordinal);
            Assert.Contains("請求者の署名（自署）", text, StringComparison.Ordinal);
            Assert.Contains("http://localhost:5080/forms/power-of-attorney.pdf", text, StringComparison.Ordinal);

            // Generated once, then the same bytes from memory.
            using var again = await client.GetAsync(new Uri(link, UriKind.Relative));
            Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        }

        using var template = await client.GetAsync(new Uri("/forms/power-of-attorney.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("application/pdf", template.Content.Headers.ContentType?.MediaType);
        var templateText = LetterPdf.Text(await template.Content.ReadAsByteArrayAsync());
        Assert.Contains("委任状", templateText, StringComparison.Ordinal);
        Assert.Contains("代理人（受任者）", templateText, StringComparison.Ordinal);
        Assert.Contains("ご本人（委任者）", templateText, StringComparison.Ordinal);
        Assert.Contains("氏名（自署）", templateText, StringComparison.Ordinal);
        Assert.Contains("第三者提供記録の開示", templateText, StringComparison.Ordinal);

        using var missing = await client.GetAsync(new Uri("/forms/other.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

/// <summary>
/// The blank forms print the configured age limits of a 戸籍謄本 or 登記事項証明書 and of a proof of address, not fixed
/// ones.
/// </summary>
public sealed class BlankFormSettingsTests
{
    [Fact]
    public async Task The_relationship_document_age_limit_comes_from_configuration()
    {
        await using var database = TestDatabase.CreateSqlite();
        using var factory = new PrivacyDeskFactory(database, new Dictionary<string, string?>
        {
            ["Organization:RelationshipDocumentMaxAgeMonths"] = "6",
            ["Organization:AddressProof:MaxAgeMonths"] = "2",
        });
        using var client = factory.CreateClient();
        var text = LetterPdf.Text(await client.GetByteArrayAsync(new Uri("/forms/disclosure.pdf", UriKind.Relative)));
        Assert.Contains("発行日から6か月以内", text, StringComparison.Ordinal);
        Assert.Contains("発行から2か月以内", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3か月以内", text, StringComparison.Ordinal);
    }
}

/// <summary>A deployment whose configured font is missing does not start, and says why.</summary>
public sealed class LetterFontStartupTests
{
    [Fact]
    public async Task A_missing_configured_font_stops_the_app_at_start_up_with_a_clear_message()
    {
        await using var database = TestDatabase.CreateSqlite();
        using var factory = new PrivacyDeskFactory(database, new Dictionary<string, string?> { ["Letters:FontPath"] = "/no/such/font.ttf" });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Letters:FontPath", messages, StringComparison.Ordinal);
        Assert.Contains("/no/such/font.ttf", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}

public sealed class BlankFormTestsOnSqlite(SqliteAppFixture app) : BlankFormTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class BlankFormTestsOnPostgres(PostgresAppFixture app) : BlankFormTests(app), IClassFixture<PostgresAppFixture>;
