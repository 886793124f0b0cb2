using Microsoft.Playwright;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// The accessibility check that every screened page goes through (<see cref="Accessibility"/>) finds what axe calls
/// serious or critical, leaves moderate findings to review, and refuses a page it cannot fully enter.
/// </summary>
public sealed class AccessibilityCheckTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string CleanBody = "<main><h1>開示等の請求</h1><p>本文です。</p></main>";

    [Fact]
    public async Task A_clean_page_has_no_serious_violation()
    {
        var problems = await CheckAsync(CleanBody);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_image_without_text_and_unreadable_text_are_reported_by_rule()
    {
        var problems = await CheckAsync(
            """
            <main><h1>開示等の請求</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <p style="color:#eeeeee;background:#ffffff">薄すぎる文字</p></main>
            """);

        Assert.Contains(problems, p => p.Contains("axe critical image-alt", StringComparison.Ordinal) && p.EndsWith(" at img", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("axe serious color-contrast", StringComparison.Ordinal) && p.EndsWith(" at p", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.StartsWith("test page: axe ", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moderate_findings_are_left_to_review()
    {
        // No level-one heading and content outside any landmark: axe rates both moderate.
        var problems = await CheckAsync("<p>見出しのない本文</p>");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_page_with_a_frame_is_refused_rather_than_checked_in_part()
    {
        var problems = await CheckAsync(CleanBody + "<iframe title=\"添付\" srcdoc=\"<p>中身</p>\"></iframe>");
        var problem = Assert.Single(problems);
        Assert.Contains("frame", problem, StringComparison.Ordinal);
    }

    private async Task<List<string>> CheckAsync(string body)
    {
        var page = await browser.Browser.NewPageAsync();
        try
        {
            await page.SetContentAsync($"<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>試験</title></head><body>{body}</body></html>");
            return await Accessibility.SeriousViolationsAsync(page, "test page");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
