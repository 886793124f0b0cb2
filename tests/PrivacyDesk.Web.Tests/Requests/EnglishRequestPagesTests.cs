using System.Text.RegularExpressions;
using System.Xml.Linq;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;


/// <summary>The member request pages, fetched in English over HTTP.</summary>
public abstract class EnglishRequestPagesTests(AppFixture app)
{
    [Theory]
    [InlineData("/requests/disclosure?culture=en")]
    [InlineData("/requests/correction?culture=en")]
    [InlineData("/requests/stop-use?culture=en")]
    public async Task The_request_form_and_its_partials_are_in_English(string url)
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync(url);
        var text = page.Text();

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));

        // _RequestForm.cshtml (a partial of the page): localized from Form/_RequestForm.en.resx.
        Assert.Equal("Steps of the procedure", page.QuerySelector("nav.pd-steps")?.GetAttribute("aria-label"));
        Assert.Equal("Kind of request", page.QuerySelector("#Input_Kinds legend")?.FirstChild?.TextContent.Trim());
        Assert.Contains("Who is making the request", text, StringComparison.Ordinal);
        Assert.Contains("Attaching identity documents", text, StringComparison.Ordinal);
        Assert.Contains("My Number card (個人番号カード): front side only.", text, StringComparison.Ordinal);
        Assert.Equal("Review your entries", page.QuerySelector("#request-form .pd-actions button")?.TextContent.Trim());

        // _PersonFields.cshtml, a partial of the partial.
        Assert.Equal("Full name", page.QuerySelector("label[for=Input_Principal_FullName]")?.FirstChild?.TextContent.Trim());
        Assert.Equal("Date of birth", page.QuerySelector("#Input_Principal_BirthDate legend")?.FirstChild?.TextContent.Trim());
        Assert.Equal("Please select", page.QuerySelector("#Input_Principal_Prefecture option[value='']")?.TextContent.Trim());

        // _DocumentSlot.cshtml, rendered by Html.PartialAsync with a title that _RequestForm localized.
        Assert.Contains("Identity document of the person (any one)", text, StringComparison.Ordinal);
        Assert.Equal("Type of document", page.QuerySelector("label[for=Input_PrincipalDocumentType]")?.TextContent.Trim());
        Assert.Equal("Choose a file", page.QuerySelector("label[for=PrincipalDocument]")?.TextContent.Trim());

        foreach (var japanese in new[] { "請求の種類", "請求者の区分", "必須", "氏名", "生年月日", "書類の種類", "ファイルを選択", "入力内容を確認する" })
        {
            Assert.DoesNotContain(japanese, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_family_shows_its_own_fields_in_English()
    {
        using var client = app.Factory.CreateClient();

        var disclosure = (await client.GetDocumentAsync("/requests/disclosure?culture=en")).Text();
        Assert.Contains("Method of disclosure", disclosure, StringComparison.Ordinal);
        Assert.Contains("A fee of ¥1,000 per request is payable by bank transfer.", disclosure, StringComparison.Ordinal);

        var correction = (await client.GetDocumentAsync("/requests/correction?culture=en")).Text();
        Assert.Contains("Current content (what you want corrected or deleted)", correction, StringComparison.Ordinal);
        Assert.Contains("Correct content (the corrected content, or what you want added)", correction, StringComparison.Ordinal);

        var stopUse = (await client.GetDocumentAsync("/requests/stop-use?culture=en")).Text();
        Assert.Contains("Grounds for requesting a stop of use", stopUse, StringComparison.Ordinal);
        Assert.Contains("Details of the grounds", stopUse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_page_is_in_English()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/requests/status?culture=en");
        var text = page.Text();

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Request status", page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Equal("Reference number", page.QuerySelector("label[for=r]")?.TextContent.Trim());
        Assert.Equal("Access code", page.QuerySelector("label[for=t]")?.TextContent.Trim());
        Assert.Equal("Check status", page.QuerySelector("main form button[type=submit]")?.TextContent.Trim());
        Assert.Contains("Please enter your reference number and access code.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("受付番号", text, StringComparison.Ordinal);
        Assert.DoesNotContain("確認用コード", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receipt_page_without_a_receipt_is_in_English()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/requests/receipt?culture=en");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Request received", page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains("This page cannot be shown again.", page.Text(), StringComparison.Ordinal);
        Assert.Equal("Request status", page.QuerySelector("main a[href='/requests/status']")?.TextContent.Trim());
    }

    [Fact]
    public async Task Japanese_stays_the_default()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/requests/disclosure");

        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("請求の種類", page.QuerySelector("#Input_Kinds legend")?.FirstChild?.TextContent.Trim());
        Assert.DoesNotContain("Kind of request", page.Text(), StringComparison.Ordinal);
    }
}

public sealed class EnglishRequestPagesTestsOnSqlite(SqliteAppFixture app) : EnglishRequestPagesTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class EnglishRequestPagesTestsOnPostgres(PostgresAppFixture app) : EnglishRequestPagesTests(app), IClassFixture<PostgresAppFixture>;
