using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// The blank form's static part is rendered once per (family, channel, day, UI culture) and reused (the cache tag helper
/// in _RequestForm; docs/benchmarks/pages.md, session 10). A page served from it is the page rendered in full, byte for
/// byte apart from the per-response values (antiforgery token, draft key); Japanese and English never leak into each
/// other; a form back with errors shows the member's values and messages, never the cached blank part.
/// </summary>
public abstract partial class BlankFormFragmentTests(AppFixture app)
{
    [Theory]
    [InlineData("/requests/disclosure")]
    [InlineData("/requests/correction")]
    [InlineData("/requests/stop-use")]
    public async Task A_blank_form_from_the_cache_is_the_page_rendered_in_full_in_each_language(string path)
    {
        using var client = app.Factory.CreateClient();
        await AssertCachedEqualsRenderedAsync(client, path);
    }

    [Fact]
    public async Task The_postal_intake_form_is_cached_apart_from_the_online_form()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var (postalJa, _) = await AssertCachedEqualsRenderedAsync(staff.Client, "/staff/intake/disclosure");
        Assert.Contains("id=\"Input_ReceivedOn_Year\"", postalJa, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Website", postalJa, StringComparison.Ordinal);

        // The online form of the same family, same day, same culture, served after the postal one was cached.
        using var member = app.Factory.CreateClient();
        var online = await GetAsync(member, "/requests/disclosure?culture=ja");
        Assert.Contains("name=\"Input.Website\"", online, StringComparison.Ordinal);
        Assert.DoesNotContain("Input_ReceivedOn", online, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_back_with_errors_shows_the_members_values_and_messages_in_its_language()
    {
        using var client = app.Factory.CreateClient();
        var blankJa = Normalise(await GetAsync(client, "/requests/disclosure?culture=ja"));
        var blankEn = Normalise(await GetAsync(client, "/requests/disclosure?culture=en"));
        Assert.Equal(blankJa, Normalise(await GetAsync(client, "/requests/disclosure?culture=ja")));

        foreach (var (culture, missingKana, notice) in new[]
        {
            ("ja", "フリガナを入力してください。", "入力内容に誤りがあります"),
            ("en", "name in katakana is required.", "There is a problem with your entries"),
        })
        {
            var form = await GetAsync(client, $"/requests/disclosure?culture={culture}");
            var html = await PostReviewAsync(client, $"/requests/disclosure?handler=Review&culture={culture}", form, new Dictionary<string, string>
            {
                ["Input.RequesterType"] = "Principal",
                ["Input.Principal.FullName"] = "鈴木 一郎",
                ["Input.Principal.Prefecture"] = "東京都",
                ["Input.Principal.City"] = "新宿区<b>新宿</b>",
                ["Input.DataDescription"] = "共同購入の利用履歴",
            });

            // The member's values, each where it was typed, encoded as before.
            Assert.Contains("id=\"Input_Principal_FullName\" name=\"Input.Principal.FullName\" value=\"鈴木 一郎\"", html, StringComparison.Ordinal);
            Assert.Contains("<option value=\"東京都\" selected=\"selected\">東京都</option>", html, StringComparison.Ordinal);
            Assert.Contains("value=\"新宿区&lt;b&gt;新宿&lt;/b&gt;\"", html, StringComparison.Ordinal);
            Assert.Contains(">共同購入の利用履歴</textarea>", html, StringComparison.Ordinal);
            Assert.Contains("value=\"Principal\" checked=\"checked\"", html, StringComparison.Ordinal);

            // The messages: the summary, and beside the field, in the request's language.
            Assert.Contains("class=\"pd-error-summary\"", html, StringComparison.Ordinal);
            Assert.Contains("id=\"Input_Principal_FullNameKana-error\"", html, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
            Assert.Contains(notice, html, StringComparison.Ordinal);
            Assert.Contains(missingKana, html, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(culture == "ja" ? "<html lang=\"ja\">" : "<html lang=\"en\">", LangTag().Match(html).Value);
        }

        // Nothing of the member's entries found its way into the blank form served afterwards.
        var after = Normalise(await GetAsync(client, "/requests/disclosure?culture=ja"));
        Assert.Equal(blankJa, after);
        Assert.DoesNotContain("鈴木", after, StringComparison.Ordinal);
        Assert.Equal(blankEn, Normalise(await GetAsync(client, "/requests/disclosure?culture=en")));
    }

    /// <summary>
    /// Empties the fragment cache, then fetches the page in Japanese, English, Japanese, English: the first two are
    /// rendered in full (and stored), the last two come from the cache; each pair must be the same bytes.
    /// </summary>
    private async Task<(string Japanese, string English)> AssertCachedEqualsRenderedAsync(HttpClient client, string path)
    {
        var cache = (MemoryCache)app.Factory.Services.GetRequiredService<CacheTagHelperMemoryCacheFactory>().Cache;
        cache.Clear();
        Assert.Equal(0, cache.Count);

        var renderedJa = await GetAsync(client, path + "?culture=ja");
        Assert.Equal(1, cache.Count);
        var renderedEn = await GetAsync(client, path + "?culture=en");
        Assert.Equal(2, cache.Count);
        var cachedJaRaw = await GetAsync(client, path + "?culture=ja");
        var cachedEnRaw = await GetAsync(client, path + "?culture=en");
        Assert.Equal(2, cache.Count);

        // The per-response values stay per response: a cached copy never repeats the draft key or the form token.
        Assert.NotEqual(DraftKey().Match(renderedJa).Value, DraftKey().Match(cachedJaRaw).Value);
        Assert.NotEqual(RequestToken().Matches(renderedJa)[^1].Value, RequestToken().Matches(cachedJaRaw)[^1].Value);

        var cachedJa = Normalise(cachedJaRaw);
        var cachedEn = Normalise(cachedEnRaw);
        Assert.Equal(Normalise(renderedJa), cachedJa);
        Assert.Equal(Normalise(renderedEn), cachedEn);

        // Each language stays itself: the other language's words are nowhere in the cached copy.
        Assert.Contains("<html lang=\"ja\">", cachedJa, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", cachedEn, StringComparison.Ordinal);
        foreach (var (japanese, english) in new[] { ("請求の種類", "Kind of request"), ("生年月日", "Date of birth"), ("書類の種類", "Type of document"), ("入力内容を確認する", "Review your entries") })
        {
            Assert.Contains(japanese, cachedJa, StringComparison.Ordinal);
            Assert.DoesNotContain(english, cachedJa, StringComparison.Ordinal);
            Assert.Contains(english, cachedEn, StringComparison.Ordinal);
            Assert.DoesNotContain(japanese, cachedEn, StringComparison.Ordinal);
        }

        return (cachedJa, cachedEn);
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(DraftKey(), html);
        return html;
    }

    private static async Task<string> PostReviewAsync(HttpClient client, string url, string form, IReadOnlyDictionary<string, string> fields)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(RequestToken().Matches(form)[^1].Groups[1].Value), "__RequestVerificationToken");
        content.Add(new StringContent(DraftKey().Match(form).Groups[1].Value), "Input.DraftKey");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Only the per-response values are replaced; everything else is compared as sent.</summary>
    private static string Normalise(string html) =>
        DraftKey().Replace(RequestToken().Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"TOKEN\""), "name=\"Input.DraftKey\" value=\"DRAFT\"");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex RequestToken();

    [GeneratedRegex("name=\"Input.DraftKey\" value=\"([^\"]+)\"")]
    private static partial Regex DraftKey();

    [GeneratedRegex("<html lang=\"[a-z]+\">")]
    private static partial Regex LangTag();
}

public sealed class BlankFormFragmentTestsOnSqlite(SqliteAppFixture app) : BlankFormFragmentTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class BlankFormFragmentTestsOnPostgres(PostgresAppFixture app) : BlankFormFragmentTests(app), IClassFixture<PostgresAppFixture>;
