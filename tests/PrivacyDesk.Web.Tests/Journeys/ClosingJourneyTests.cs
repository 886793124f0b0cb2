using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// Closing with a notice in Chromium (ADR 0023): the staff closing page (reject with a ground, record a withdrawal),
/// and the member withdrawing on the status page through its confirmation step. Each page is looked at 1280 and
/// 390 px wide (screenshots) and must not scroll sideways.
/// </summary>
public sealed class ClosingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_reject_on_the_closing_page_and_a_member_withdraws_after_confirming()
    {
        var (rejectReference, _) = await FileAsync();
        var (reference, token) = await FileAsync();
        var (email, key) = await StaffJourneyTests.CreateStaffAsync(browser, "終了 担当");

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

            await using (var scope = browser.Factory.Services.CreateAsyncScope())
            {
                var id = await scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().Requests
                    .Where(r => r.ReferenceNumber == rejectReference).Select(r => r.Id).SingleAsync();
                await page.GotoAsync($"/staff/requests/{id}");
            }

            await page.ClickAsync("#close-link");
            await page.WaitForSelectorAsync("#reject-form");
            await LookAsync(page, "closing-page");
            await page.SetViewportSizeAsync(1280, 900);
            await page.CheckAsync("#Reject_Ground_NotARequestUnderTheAct");
            await page.FillAsync("#Reject_Reason", "配送時の対応に関する苦情のお申し出であり、保有個人データの開示等の請求ではありません。");
            await page.ClickAsync("#reject");
            await page.WaitForSelectorAsync("#done-message");
            Assert.Contains("却下", await page.InnerTextAsync("#done-message"), StringComparison.Ordinal);
            await LookAsync(page, "closing-detail-after-reject");

            var member = await context.NewPageAsync();
            await member.GotoAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
            await LookAsync(member, "withdraw-status");
            await member.SetViewportSizeAsync(1280, 900);
            await member.ClickAsync("#withdraw-start");
            await member.WaitForSelectorAsync("#withdraw-confirm");
            await LookAsync(member, "withdraw-confirm");
            await member.SetViewportSizeAsync(1280, 900);
            await member.FillAsync("#WithdrawReason", "別の方法で確認できたため。");
            await member.ClickAsync("#withdraw-confirm-button");
            await member.WaitForSelectorAsync("#withdrawn-done");
            Assert.Contains("請求取下げの確認書", await member.InnerTextAsync("#letters"), StringComparison.Ordinal);
            Assert.Equal("取下げ", (await member.InnerTextAsync("#status-label")).Trim());
            await LookAsync(member, "withdraw-done");
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("closing-journey-failure"), FullPage = true });
            throw;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private static Task LookAsync(IPage page, string name) => DeadlineJourneyTests.LookAsync(page, name);

    private async Task<(string Reference, string Token)> FileAsync()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = browser.BaseAddress };
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Correction, RequesterType.Principal);
        return (receipt.QuerySelector("#reference-number")!.TextContent.Trim(), receipt.QuerySelector("#access-token")!.TextContent.Trim());
    }
}
