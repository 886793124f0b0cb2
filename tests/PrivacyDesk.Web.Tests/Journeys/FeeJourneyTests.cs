using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Tests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// Fees in Chromium: staff import the bank's Zengin file through /staff/fees/import; the paid request goes to review;
/// a receipt is issued from the fee page; the import result, /staff/fees and the fee page stay within the width of a phone (screenshots at 1280 and 390 px).
/// </summary>
public sealed class FeeJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_import_a_bank_file_in_the_browser_and_the_paid_request_goes_to_review()
    {
        var (id, reference) = await AwaitingFeeRequestAsync();
        var (email, key) = await StaffJourneyTests.CreateStaffAsync(browser, "総務 花子");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var file = ZenginFileBuilder.TransferNotice()
            .Credit(Random.Shared.Next(1, 999_999), today, 1_000, $"{ReferenceNumber.TransferDigits(reference)} ﾔﾏﾀﾞ ﾊﾅｺ")
            .Credit(Random.Shared.Next(1, 999_999), today, 1_500, "ｶ)ﾀﾅｶｼﾖｳｼﾞ")
            .Build();

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", BaseURL = browser.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/staff");
            await page.FillAsync("#Input_Email", email);
            await page.FillAsync("#Input_Password", StaffSignIn.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "次へ", Exact = true }).ClickAsync();
            await page.WaitForSelectorAsync("#Code");
            await page.FillAsync("#Code", StaffSignIn.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/staff");

            await page.GotoAsync("/staff/fees/import");
            await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "zengin01.txt", MimeType = "application/octet-stream", Buffer = file });
            await page.ClickAsync("#import-button");
            await page.WaitForSelectorAsync("#import-summary");
            await ShootAsync(page, "fees-import");

            await page.GotoAsync("/staff/fees");
            await page.WaitForSelectorAsync("#ledger-table");
            await ShootAsync(page, "fees-overview");

            // The 領収書 of the imported payment, issued from the request's fee page (issue 16 item 5).
            await page.GotoAsync($"/staff/requests/{id}/fee");
            await page.WaitForSelectorAsync("#payments button");
            await ShootAsync(page, "fee-receipt-button");
            await page.Locator("#payments button").First.ClickAsync();
            await page.WaitForSelectorAsync("#done-message");
            await ShootAsync(page, "fee-receipt-issued");
        }
        finally
        {
            await context.CloseAsync();
        }

        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var request = await db.Requests.SingleAsync(r => r.Id == id);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.ClockPausedSince);
        Assert.Equal(1, await db.Letters.CountAsync(l => l.RequestId == id && l.Kind == "receipt"));
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath($"{name}-{width}"), FullPage = true });
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways at {width} px");
        }
    }

    /// <summary>A disclosure request filed through the member's form, its ID accepted: it waits for its fee.</summary>
    private async Task<(Guid Id, string Reference)> AwaitingFeeRequestAsync()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = browser.BaseAddress };
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Disclosure, RequesterType.Principal,
            fields => fields["Input.Kinds"] = $"{RequestKind.Disclosure}");
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();

        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var request = await db.Requests.Include(r => r.Documents).SingleAsync(r => r.ReferenceNumber == reference);
        request.StartIdentityCheck("staff-test", DateTimeOffset.UtcNow);
        request.AcceptIdentity("staff-test", DateTimeOffset.UtcNow, request.IdentityChecklistItems);
        await db.SaveChangesAsync();
        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        return (request.Id, reference);
    }
}
