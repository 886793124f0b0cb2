using Microsoft.Playwright;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// The member site's public pages in Debian's Chromium at 1280 and 390 px, in Japanese and English: no page scrolls
/// sideways, and a full-page screenshot of each is written (docs/screens/ through scripts/screenshots.sh).
/// </summary>
public sealed class MemberScreensTests(SecondBrowserLane browser) : IClassFixture<SecondBrowserLane>
{
    [Fact]
    public async Task The_public_pages_fit_a_phone()
    {
        var pages = new (string Name, string Url)[]
        {
            ("member-home", "/"), ("member-form-disclosure", "/requests/disclosure"), ("member-form-correction", "/requests/correction"),
            ("member-form-stop-use", "/requests/stop-use"), ("member-status", "/requests/status"),
        };
        var problems = new List<string>();
        foreach (var locale in new[] { "ja", "en" })
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale == "ja" ? "ja-JP" : "en-US", BaseURL = browser.BaseAddress.ToString() });
            context.SetDefaultTimeout(90_000);
            var page = await context.NewPageAsync();
            try
            {
                foreach (var (name, url) in pages)
                {
                    var response = await page.GotoAsync(url + (locale == "en" ? "?culture=en" : string.Empty));
                    Assert.True(response?.Status == 200, $"{url}: {response?.Status}");
                    problems.AddRange(await BackOfficeScreensTests.CheckLayoutAsync(page, $"{locale} {url}", locale == "ja" ? name : $"{name}-en"));
                }
            }
            finally
            {
                await context.DisposeAsync();
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
