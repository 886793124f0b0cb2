using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// The deadline pages in Chromium (ADR 0016): a decision awaiting approval in the queue (承認待ち filter), the dashboard
/// and the request page; staff extend the answer date with a reason; the member's status page shows the new date and
/// the delay notice. Each page is looked at 1280 and 390 px wide (screenshots) and must not scroll sideways.
/// </summary>
public sealed class DeadlineJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_see_a_decision_awaiting_approval_and_extend_its_deadline_and_the_member_sees_the_new_date()
    {
        var (reference, token) = await FileAsync();
        var id = await DecideAsync(reference);
        var (email, key) = await StaffJourneyTests.CreateStaffAsync(browser, "期限 担当");

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

            await page.GotoAsync("/staff/queue?approval=true");
            Assert.Equal("承認待ち", (await page.InnerTextAsync($"tr[data-reference='{reference}'] [data-stage='awaiting-approval']")).Trim());
            await LookAsync(page, "deadline-queue-approval");

            await page.GotoAsync("/staff/dashboard");
            Assert.NotEqual("0件", (await page.InnerTextAsync("#awaiting-approval-count")).Trim());
            await LookAsync(page, "deadline-dashboard");

            await page.GotoAsync($"/staff/requests/{id}");
            Assert.Equal("承認待ち", (await page.InnerTextAsync("#status")).Trim());
            await LookAsync(page, "deadline-detail-before");

            await page.ClickAsync("#extend-link");
            await page.WaitForSelectorAsync("#extend-form");
            await LookAsync(page, "deadline-extend");
            var due = DateOnly.ParseExact((await page.GetAttributeAsync("#Extend_NewDueDate", "min"))!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var newDue = due.AddDays(13);
            await page.SetViewportSizeAsync(1280, 900);
            await page.FillAsync("#Extend_NewDueDate", newDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#Extend_Reason", "関係する会員生協への確認に時間を要しているため。");
            await page.ClickAsync("#extend");
            await page.WaitForSelectorAsync("#done-message");
            Assert.Contains("延長", await page.InnerTextAsync("#done-message"), StringComparison.Ordinal);
            Assert.Contains(JapaneseText.ToWareki(newDue), await page.InnerTextAsync("#deadline"), StringComparison.Ordinal);
            await LookAsync(page, "deadline-detail-after");

            var member = await context.NewPageAsync();
            await member.GotoAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(token)}");
            Assert.Contains(JapaneseText.ToWareki(newDue), await member.InnerTextAsync("#deadline"), StringComparison.Ordinal);
            Assert.Contains("回答期限延長のお知らせ", await member.InnerTextAsync("#letters"), StringComparison.Ordinal);
            await LookAsync(member, "deadline-member-status");
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("deadline-journey-failure"), FullPage = true });
            throw;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>Screenshots the page at 1280 and 390 px and checks that it does not scroll sideways on a phone.</summary>
    internal static async Task LookAsync(IPage page, string name)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath($"{name}-{width}"), FullPage = true });
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways at {width} px");
        }
    }

    private async Task<(string Reference, string Token)> FileAsync()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = browser.BaseAddress };
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Correction, RequesterType.Principal);
        return (receipt.QuerySelector("#reference-number")!.TextContent.Trim(), receipt.QuerySelector("#access-token")!.TextContent.Trim());
    }

    /// <summary>The back office's earlier steps, through the domain: ID accepted, decision entered, awaiting approval.</summary>
    private async Task<Guid> DecideAsync(string reference)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var request = await db.Requests.Include(r => r.StatusHistory).Include(r => r.Documents).Include(r => r.IdentityChecks)
            .Include(r => r.Payments).Include(r => r.Principal).SingleAsync(r => r.ReferenceNumber == reference);
        var now = DateTimeOffset.UtcNow;
        if (request.Status == RequestStatus.Received)
        {
            request.StartIdentityCheck("journey-staff", now);
        }

        request.AcceptIdentity("journey-staff", now, request.IdentityChecklistItems);
        request.Decide(new Decision([new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null, "住所を訂正しました。")], "journey-staff", now));
        await db.SaveChangesAsync();
        return request.Id;
    }
}
