using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Landing;

/// <summary>The public landing page, the layout around every page, and the language switch.</summary>
public abstract class LandingPageTests(AppFixture app)
{
    private static readonly Uri CultureUri = new("/culture", UriKind.Relative);

    [Fact]
    public async Task Japanese_is_the_default_with_the_organisation_and_where_to_post_a_request()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");
        var text = page.Text();

        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("個人情報の開示等の請求", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("生活クラブ事業連合生活協同組合連合会", page.QuerySelector(".site-header")?.TextContent, StringComparison.Ordinal);

        var address = Normalize(page.QuerySelector("#post address")?.TextContent);
        Assert.Equal("〒160-0022 東京都新宿区新宿6-24-20（5F） 生活クラブ事業連合生活協同組合連合会 総務部", address);

        Assert.Contains("03-5285-1771", text, StringComparison.Ordinal);
        Assert.Contains("平日 9:00〜17:00", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#contact a[href='tel:0352851771']"));
        Assert.Contains("14日以内", page.QuerySelector("#response")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_three_families_are_explained_with_their_kinds_and_an_online_link_each()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");

        var expected = new Dictionary<RequestFamily, (string Id, string Letter, string Url)>
        {
            [RequestFamily.Disclosure] = ("family-disclosure", "(a)", "/requests/disclosure"),
            [RequestFamily.Correction] = ("family-correction", "(b)", "/requests/correction"),
            [RequestFamily.StopUse] = ("family-stopuse", "(c)", "/requests/stop-use"),
        };

        Assert.Equal(3, page.QuerySelectorAll("#families .family-card").Length);
        foreach (var (family, (id, letter, url)) in expected)
        {
            var card = page.QuerySelector($"#{id}")?.Closest(".family-card");
            Assert.NotNull(card);
            Assert.Equal($"{letter} {Labels.Family(family).Japanese}", Normalize(card.QuerySelector("h3")?.TextContent));

            var kinds = card.QuerySelectorAll(".checklist li").Select(li => li.TextContent.Trim()).ToArray();
            Assert.Equal(RequestKinds.Of(family).Select(k => Labels.Kind(k).Japanese), kinds);

            var link = card.QuerySelector($"a[href='{url}']");
            Assert.NotNull(link);
            Assert.Equal("オンラインで請求する", link.TextContent.Trim());
        }
    }

    [Fact]
    public async Task The_fee_is_for_family_a_only_and_owed_even_without_disclosure()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");

        Assert.Contains("1,000円", page.QuerySelector("#family-disclosure")?.Closest(".family-card")?.TextContent, StringComparison.Ordinal);
        foreach (var id in new[] { "family-correction", "family-stopuse" })
        {
            var card = page.QuerySelector($"#{id}")?.Closest(".family-card")?.TextContent;
            Assert.Contains("無料", card, StringComparison.Ordinal);
            Assert.DoesNotContain("円", card, StringComparison.Ordinal);
        }

        var fee = Normalize(page.QuerySelector("#fee")?.TextContent);
        Assert.Contains("1回の請求につき1,000円", fee, StringComparison.Ordinal);
        Assert.Contains("不開示・非通知の場合も", fee, StringComparison.Ordinal);
        Assert.Contains("銀行振込", fee, StringComparison.Ordinal);

        // No account is configured in the tests' defaults: the member is told to ask, and no placeholder is shown.
        Assert.Contains("振込先の口座は、お問い合わせ窓口（電話 03-5285-1771）にお問い合わせください。", fee, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#bank-account"));
        Assert.DoesNotContain("設定してください", page.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("0000000", page.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documents_for_each_requester_type_come_from_the_documents_rule()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");

        string[] Documents(string id) =>
            page.QuerySelector($"#{id}")?.Closest(".requester-card")?.QuerySelectorAll(".document-list li")
                .Select(li => li.TextContent.Trim()).ToArray()
            ?? throw new InvalidOperationException($"No requester card #{id}.");

        var principal = Documents("requester-principal");
        var agent = Documents("requester-voluntaryagent");
        var legal = Documents("requester-legalrepresentative");

        Assert.Equal(DocumentRequirements.For(RequesterType.Principal).Select(r => r.Description.Japanese), principal);
        Assert.Equal(DocumentRequirements.For(RequesterType.VoluntaryAgent).Select(r => r.Description.Japanese), agent);
        Assert.Equal(DocumentRequirements.For(RequesterType.LegalRepresentative).Select(r => r.Description.Japanese), legal);

        Assert.Contains(agent, d => d.Contains("委任状", StringComparison.Ordinal));
        Assert.Contains(legal, d => d.Contains("戸籍謄本", StringComparison.Ordinal));
        Assert.Contains(legal, d => d.Contains("成年後見登記事項証明書", StringComparison.Ordinal));
        Assert.DoesNotContain(principal, d => d.Contains("委任状", StringComparison.Ordinal) || d.Contains("戸籍謄本", StringComparison.Ordinal));

        Assert.Contains("本人による請求", page.QuerySelector("#requester-principal")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("任意代理人による請求", page.QuerySelector("#requester-voluntaryagent")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("法定代理人による請求", page.QuerySelector("#requester-legalrepresentative")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_My_Number_and_health_insurance_warnings_are_shown()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");
        var warning = Normalize(page.QuerySelector("#documents .pd-panel--warning")?.TextContent);

        Assert.Contains("個人番号カード", warning, StringComparison.Ordinal);
        Assert.Contains("表面のみ", warning, StringComparison.Ordinal);
        Assert.Contains("資格確認書", warning, StringComparison.Ordinal);
        Assert.Contains("保険者番号・記号・番号", warning, StringComparison.Ordinal);
        Assert.Contains("発行から3か月以内", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accepted_ID_documents_come_from_the_one_list_with_the_lapsed_card_and_the_passports_address_proof()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");
        var accepted = page.QuerySelectorAll("#documents .tag-list li").Select(li => li.TextContent.Trim()).ToArray();

        // The default list on today's date (the tests run after 1 Dec 2025): the insurance card has lapsed.
        var today = PrivacyDesk.Domain.Text.JapaneseText.JstDate(DateTimeOffset.UtcNow);
        Assert.Equal(IdentityDocumentCatalogue.Default.AcceptedOn(today).Select(d => Labels.DocumentType(d.Type).Japanese), accepted);
        Assert.Contains("資格確認書", accepted);
        Assert.DoesNotContain("健康保険被保険者証", accepted);
        Assert.Equal("健康保険被保険者証は、令和7年12月1日で有効期限が切れたため、本人確認書類として受け付けられません。",
            Normalize(page.QuerySelector("#documents .lapsed-document")?.TextContent));

        var proof = Normalize(page.QuerySelector("#address-proof")?.TextContent);
        Assert.Contains("パスポートには住所の記載がない", proof, StringComparison.Ordinal);
        Assert.Contains("住民票の写し、公共料金の領収書", proof, StringComparison.Ordinal);
        Assert.Contains("3か月以内", proof, StringComparison.Ordinal);

        var englishPage = await client.GetDocumentAsync("/?culture=en");
        Assert.Contains("lapsed on 1 December 2025", englishPage.QuerySelector("#documents .lapsed-document")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_anonymised_information_of_seed_section_8_is_published_with_where_to_ask()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");

        Assert.Equal("匿名加工情報の取扱い", page.QuerySelector(".toc a[href='#anonymised']")?.TextContent.Trim());
        var section = page.QuerySelector("section#anonymised");
        Assert.NotNull(section);
        Assert.Equal("匿名加工情報の取扱い", section.QuerySelector("h2")?.TextContent.Trim());
        var text = Normalize(section.TextContent);

        // What is made and that it is provided to third parties, now and continuously.
        Assert.Contains("匿名加工情報", text, StringComparison.Ordinal);
        Assert.Contains("第三者に提供しています", text, StringComparison.Ordinal);
        Assert.Contains("今後も継続的に", text, StringComparison.Ordinal);
        Assert.Equal(["性別", "生年", "購入履歴"], section.QuerySelectorAll(".tag-list li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["電子メールによる送信", "CD-ROM、USB等の外部記憶媒体の送付", "サーバへのアップロード"],
            section.QuerySelectorAll(".plain-list li").Select(li => li.TextContent.Trim()));
        Assert.Contains("匿名加工情報取扱マニュアル", text, StringComparison.Ordinal);
        Assert.Contains("個人情報保護方針「8. 匿名加工情報の取扱い」で公表", text, StringComparison.Ordinal);

        // Where to ask: the seed's §9 office.
        var office = section.QuerySelectorAll(".definition-list__row").Single(row => row.QuerySelector("dt")?.TextContent.Trim() == "お問い合わせ先");
        Assert.Equal("生活クラブ事業連合生活協同組合連合会総務部電話 03-5285-1771", Normalize(office.QuerySelector("dd")?.TextContent));
        Assert.Contains("03-5285-1771", text, StringComparison.Ordinal);
        Assert.NotNull(section.QuerySelector("a[href='tel:0352851771']"));
        Assert.NotNull(section.QuerySelector("a[href='#contact']"));

        var english = await client.GetDocumentAsync("/?culture=en");
        Assert.Equal("Anonymised information", english.QuerySelector(".toc a[href='#anonymised']")?.TextContent.Trim());
        var en = english.QuerySelector("section#anonymised");
        Assert.NotNull(en);
        Assert.Equal("Anonymised information", en.QuerySelector("h2")?.TextContent.Trim());
        Assert.Equal(["Sex", "Year of birth", "Purchase history"], en.QuerySelectorAll(".tag-list li").Select(li => li.TextContent.Trim()));
        var enText = Normalize(en.TextContent);
        Assert.Contains("Uploading to a server", enText, StringComparison.Ordinal);
        Assert.Contains("section 8", enText, StringComparison.Ordinal);
        Assert.Contains("General Affairs Department", enText, StringComparison.Ordinal);
        Assert.Contains("03-5285-1771", enText, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]", enText);
    }

    [Fact]
    public async Task Postal_request_forms_are_linked()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");

        Assert.Contains("郵送用の請求書（PDF）", page.QuerySelector("#post")?.TextContent, StringComparison.Ordinal);
        var forms = page.QuerySelectorAll("#post .link-list--files a").Select(a => a.GetAttribute("href")).ToArray();
        Assert.Equal(new string?[] { "/forms/disclosure.pdf", "/forms/correction.pdf", "/forms/stop-use.pdf" }, forms);
    }

    [Fact]
    public async Task The_layout_has_a_skip_link_navigation_and_a_footer_with_the_contact()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");

        var skip = page.QuerySelector("body > a.skip-link");
        Assert.Equal("#main", skip?.GetAttribute("href"));
        Assert.Equal("本文へ移動", skip?.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("main#main"));

        var nav = page.QuerySelector("header nav");
        Assert.NotNull(nav);
        Assert.Equal("メインメニュー", nav.GetAttribute("aria-label"));
        var links = nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToArray();
        Assert.Equal(new string?[] { "/", "/requests/disclosure", "/requests/correction", "/requests/stop-use", "/requests/status" }, links);
        Assert.Equal("page", nav.QuerySelector("a[href='/']")?.GetAttribute("aria-current"));
        Assert.Contains("開示等の請求", nav.TextContent, StringComparison.Ordinal);
        Assert.Contains("請求状況の確認", nav.TextContent, StringComparison.Ordinal);

        var footer = Normalize(page.QuerySelector("footer")?.TextContent);
        Assert.Contains("総務部", footer, StringComparison.Ordinal);
        Assert.Contains("〒160-0022 東京都新宿区新宿6-24-20（5F）", footer, StringComparison.Ordinal);
        Assert.Contains("03-5285-1771", footer, StringComparison.Ordinal);

        Assert.NotNull(page.QuerySelector("head link[rel=stylesheet][href^='/lib/digital-go-jp/tokens.css']"));
        Assert.NotNull(page.QuerySelector("head link[rel=stylesheet][href^='/css/site.css']"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?culture=en")]
    [InlineData("/culture")]
    [InlineData("/no-such-page")]
    public async Task Pages_have_no_inline_script_style_or_event_handler(string url)
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(page.QuerySelectorAll("link[href^='http'], script[src^='http'], img[src^='http'], link[href^='//'], script[src^='//']"));

        var ids = page.All.Select(e => e.Id).Where(id => !string.IsNullOrEmpty(id)).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var reference in page.QuerySelectorAll("[aria-labelledby], [aria-describedby]")
            .SelectMany(e => $"{e.GetAttribute("aria-labelledby")} {e.GetAttribute("aria-describedby")}".Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            Assert.Contains(reference, ids);
        }
    }

    [Fact]
    public async Task Static_styles_are_served_from_the_site()
    {
        using var client = app.Factory.CreateClient();
        foreach (var path in new[] { "/css/site.css", "/lib/digital-go-jp/tokens.css" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        }

        var css = await client.GetStringAsync(new Uri("/css/site.css", UriKind.Relative));
        Assert.Contains("var(--color-primitive-blue-900)", css, StringComparison.Ordinal);
        Assert.DoesNotContain("@import url(http", css, StringComparison.OrdinalIgnoreCase);
        foreach (var formClass in new[] { ".pd-field", ".pd-label", ".pd-required", ".pd-optional", ".pd-hint", ".pd-error", ".pd-error-summary", ".pd-input", ".pd-select", ".pd-textarea", ".pd-check", ".pd-radio", ".pd-date__part", ".pd-upload", ".pd-file", ".pd-button", ".pd-actions", ".pd-confirm", ".pd-honeypot", ".pd-panel", ".pd-steps" })
        {
            Assert.Matches(Regex.Escape(formClass) + @"[\s,{:\[]", css);
        }
    }

    [Fact]
    public async Task Query_string_culture_en_gives_English()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/?culture=en");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Requests about your personal information", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("Skip to main content", page.QuerySelector(".skip-link")?.TextContent.Trim());
        Assert.Equal("Main menu", page.QuerySelector("header nav")?.GetAttribute("aria-label"));
        Assert.Contains("Seikatsu Club Consumers' Co-operative Union", page.QuerySelector(".site-header")?.TextContent, StringComparison.Ordinal);

        var text = page.Text();
        Assert.Contains(Labels.Family(RequestFamily.Disclosure).English, text, StringComparison.Ordinal);
        Assert.Contains("Request online", text, StringComparison.Ordinal);
        Assert.Contains("¥1,000 per request", text, StringComparison.Ordinal);
        Assert.Contains("front only", text, StringComparison.Ordinal);
        Assert.Contains(DocumentRequirements.For(RequesterType.VoluntaryAgent)[1].Description.English, text, StringComparison.Ordinal);
        Assert.DoesNotContain("オンラインで請求する", text, StringComparison.Ordinal);
        Assert.DoesNotContain("本文へ移動", text, StringComparison.Ordinal);

        // The postal address stays Japanese, as it must be written on the envelope.
        Assert.Equal("ja", page.QuerySelector("#post address")?.GetAttribute("lang"));
        Assert.Contains("東京都新宿区新宿6-24-20（5F）", page.QuerySelector("#post address")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_page_follows_the_language_cookie()
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/no-such-page", UriKind.Relative));
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("The page you are looking for was not found.", page.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_posts_to_culture_with_a_token_and_the_current_address()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/?culture=en&x=1");

        var form = page.QuerySelector("form.language-switch");
        Assert.NotNull(form);
        Assert.Equal("post", form.GetAttribute("method"), ignoreCase: true);
        Assert.Equal("/culture", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("/?x=1", form.QuerySelector("input[name=returnUrl]")?.GetAttribute("value"));
        Assert.Equal("ja-JP", form.QuerySelector("button[name=culture]")?.GetAttribute("value"));
        var current = form.QuerySelector(".language-switch__current");
        Assert.Equal("en", current?.GetAttribute("lang"));
        Assert.Equal("true", current?.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Posting_culture_sets_the_cookie_and_returns_to_the_page()
    {
        using var client = app.Factory.CreateBrowserClient();
        var token = (await client.GetDocumentAsync("/")).AntiforgeryToken();

        using var response = await PostCultureAsync(client, token, "en", "/requests/status?ref=abc&culture=ja-JP&handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/requests/status?ref=abc", response.Headers.Location?.OriginalString);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den;", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var english = await client.GetDocumentAsync("/");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));

        using var back = await PostCultureAsync(client, english.AntiforgeryToken(), "ja-JP", "/");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var japanese = await client.GetDocumentAsync("/");
        Assert.Equal("ja", japanese.DocumentElement.GetAttribute("lang"));
        Assert.Equal("個人情報の開示等の請求", japanese.QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://evil.example")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example")]
    [InlineData("https:evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("~//evil.example")]
    [InlineData("")]
    public async Task A_non_local_return_url_is_not_followed(string returnUrl)
    {
        using var client = app.Factory.CreateBrowserClient();
        var token = (await client.GetDocumentAsync("/")).AntiforgeryToken();

        using var response = await PostCultureAsync(client, token, "en", returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posting_culture_without_the_antiforgery_token_is_refused()
    {
        using var client = app.Factory.CreateBrowserClient();
        _ = await client.GetDocumentAsync("/");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });
        using var response = await client.PostAsync(CultureUri, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(
            response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unsupported_culture_is_refused()
    {
        using var client = app.Factory.CreateBrowserClient();
        var token = (await client.GetDocumentAsync("/")).AntiforgeryToken();

        using var response = await PostCultureAsync(client, token, "fr", "/");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_culture_page_works_without_posting()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/culture?culture=en&returnUrl=%2Frequests%2Fstatus");
        Assert.Equal("Display language", page.QuerySelector("h1")?.TextContent.Trim());
        var form = page.QuerySelector("main form[action='/culture']");
        Assert.NotNull(form);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("/requests/status", form.QuerySelector("input[name=returnUrl]")?.GetAttribute("value"));
        Assert.Equal(["ja-JP", "en"], form.QuerySelectorAll("button[name=culture]").Select(b => b.GetAttribute("value") ?? string.Empty));

        var offsite = await client.GetDocumentAsync("/culture?returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", offsite.QuerySelector("main form input[name=returnUrl]")?.GetAttribute("value"));
    }

    private static async Task<HttpResponseMessage> PostCultureAsync(HttpClient client, string token, string culture, string returnUrl)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = culture,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        });
        return await client.PostAsync(CultureUri, content);
    }

    internal static string Normalize(string? text) => Regex.Replace(text ?? string.Empty, @"\s+", " ").Trim();
}

public sealed class LandingPageTestsOnSqlite(SqliteAppFixture app) : LandingPageTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class LandingPageTestsOnPostgres(PostgresAppFixture app) : LandingPageTests(app), IClassFixture<PostgresAppFixture>;

/// <summary>What the landing page shows comes from the "Organization" configuration section.</summary>
public abstract class LandingConfigurationTests(AppFixture app)
{
    internal static readonly Dictionary<string, string?> Overrides = new()
    {
        ["Organization:Name"] = "テスト生活協同組合連合会",
        ["Organization:NameEnglish"] = "Test Consumers Co-operative Union",
        ["Organization:Department"] = "組合員サービス部",
        ["Organization:PostalCode"] = "530-0001",
        ["Organization:Address"] = "大阪府大阪市北区梅田1-2-3",
        ["Organization:Phone"] = "06-6123-4567",
        ["Organization:Email"] = "privacy@example.coop",
        ["Organization:ReceptionHours"] = "平日 10:00〜16:00",
        ["Organization:Fee:DisclosureFeeYen"] = "1500",
        ["Organization:BankAccount:BankName"] = "テスト銀行",
        ["Organization:BankAccount:AccountNumber"] = "1234567",
        ["Organization:RelationshipDocumentMaxAgeMonths"] = "6",
        ["Organization:ResponseTargetDays"] = "10",
    };

    [Fact]
    public async Task Configured_organisation_details_replace_the_defaults()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/");
        var text = page.Text();

        Assert.Contains("テスト生活協同組合連合会", page.QuerySelector(".site-header")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            "〒530-0001 大阪府大阪市北区梅田1-2-3 テスト生活協同組合連合会 組合員サービス部",
            LandingPageTests.Normalize(page.QuerySelector("#post address")?.TextContent));
        Assert.Contains("06-6123-4567", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='tel:0661234567']"));
        Assert.NotNull(page.QuerySelector("a[href='mailto:privacy@example.coop']"));
        Assert.Contains("平日 10:00〜16:00", text, StringComparison.Ordinal);
        Assert.Contains("1回の請求につき1,500円", text, StringComparison.Ordinal);
        Assert.Contains("テスト銀行", page.QuerySelector("#bank-account")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("1234567", page.QuerySelector("#bank-account")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#bank-account-ask"));
        Assert.Contains("発行から6か月以内", text, StringComparison.Ordinal);
        Assert.Contains("10日以内", text, StringComparison.Ordinal);

        foreach (var stale in new[] { "03-5285-1771", "160-0022", "生活クラブ", "1,000円", "14日以内" })
        {
            Assert.DoesNotContain(stale, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Configured_English_name_is_used_in_English()
    {
        using var client = app.Factory.CreateClient();
        var page = await client.GetDocumentAsync("/?culture=en");

        Assert.Contains("Test Consumers Co-operative Union", page.QuerySelector(".site-header")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("¥1,500 per request", page.Text(), StringComparison.Ordinal);
    }
}

public sealed class ConfiguredOrganizationSqliteFixture : AppFixture
{
    public override string ProviderName => "Sqlite";

    protected override IDictionary<string, string?> Settings => LandingConfigurationTests.Overrides;

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class ConfiguredOrganizationPostgresFixture : AppFixture
{
    public override string ProviderName => "Postgres";

    protected override IDictionary<string, string?> Settings => LandingConfigurationTests.Overrides;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}

public sealed class LandingConfigurationTestsOnSqlite(ConfiguredOrganizationSqliteFixture app)
    : LandingConfigurationTests(app), IClassFixture<ConfiguredOrganizationSqliteFixture>;

[Trait("Provider", "Postgres")]
public sealed class LandingConfigurationTestsOnPostgres(ConfiguredOrganizationPostgresFixture app)
    : LandingConfigurationTests(app), IClassFixture<ConfiguredOrganizationPostgresFixture>;
