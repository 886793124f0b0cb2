using Microsoft.Playwright;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Requests;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// The member's status page of a correction request answered electronically (ADR 0024), in Chromium at 1280 and 390 px:
/// it says how the result is delivered, does not scroll sideways, and its screenshot is written like the others.
/// </summary>
public sealed class DeliveryScreensTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_status_page_shows_the_delivery_chosen_and_fits_a_phone()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var member = new HttpClient(handler) { BaseAddress = browser.BaseAddress };
        var receipt = await new MemberSession(member).FileAsync(RequestFamily.Correction, RequesterType.Principal, f => f["Input.Delivery"] = "Electronic");
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var token = receipt.QuerySelector("#access-token")!.TextContent.Trim();

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", BaseURL = browser.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        try
        {
            var response = await page.GotoAsync($"/requests/status?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(token)}");
            Assert.Equal(200, response?.Status);
            Assert.Contains("電磁的記録", await page.InnerTextAsync("#delivery"), StringComparison.Ordinal);
            var problems = await BackOfficeScreensTests.CheckLayoutAsync(page, "status page", "member-status-request");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}
