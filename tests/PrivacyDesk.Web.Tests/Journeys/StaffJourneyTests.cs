using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// A 総務部 staff member's day in Debian's Chromium: sign in with password and TOTP, find the request in the queue,
/// check the ID documents against the checklist, record the bank transfer, and enter the decision.
/// </summary>
public sealed class StaffJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_staff_member_signs_in_with_TOTP_checks_the_ID_records_the_fee_and_decides()
    {
        var reference = await FileRequestAsync();
        var (email, key) = await CreateStaffAsync("総務 花子");

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", BaseURL = browser.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/staff");
            await page.WaitForSelectorAsync("#Input_Email");
            await page.FillAsync("#Input_Email", email);
            await page.FillAsync("#Input_Password", StaffSignIn.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "次へ", Exact = true }).ClickAsync();

            await page.WaitForSelectorAsync("#Code");
            await page.FillAsync("#Code", StaffSignIn.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/staff");

            await page.GotoAsync("/staff/queue");
            await page.FillAsync("#q", reference);
            await page.PressAsync("#q", "Enter");
            await page.ClickAsync($"a:text-is('{reference}')");
            await page.WaitForSelectorAsync("#reference");
            Assert.Equal(reference, await page.InnerTextAsync("#reference"));
            Assert.Contains(ValidForm.PrincipalName, await page.InnerTextAsync(".pd-person-name"), StringComparison.Ordinal);

            // The ID check: the document is shown inline, every point is ticked, and the request moves on.
            await page.ClickAsync("#go-identity");
            await page.WaitForSelectorAsync("#identity-form");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.pd-document-preview img')].every(i => i.complete && i.naturalWidth > 0)");

            // Each point has its two answers; the page stays within the width of a phone.
            Assert.Equal(await page.Locator("input[name='Input.Confirmed']").CountAsync(), await page.Locator("input[name='Input.Failed']").CountAsync());
            foreach (var width in new[] { 1280, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"the ID check page scrolls sideways at {width} px");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath($"staff-identity-check-{width}"), FullPage = true });
            }

            await page.SetViewportSizeAsync(1280, 900);
            foreach (var box in await page.Locator("input[name='Input.Confirmed']").AllAsync())
            {
                await box.CheckAsync();
            }

            await page.ClickAsync("#accept");
            await page.WaitForSelectorAsync("#done-message");
            Assert.Contains("本人確認書類を受理しました", await page.InnerTextAsync("#done-message"), StringComparison.Ordinal);
            Assert.Equal("手数料入金待ち", await page.InnerTextAsync("#status"));

            // The fee, paid by bank transfer.
            await page.ClickAsync("#go-fee");
            await page.WaitForSelectorAsync("#fee-form");
            Assert.Equal("1000", await page.InputValueAsync("#Input_AmountYen"));
            await page.FillAsync("#Input_PaidOn", DateTime.UtcNow.AddHours(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#Input_PayerName", "ﾔﾏﾀﾞ ﾊﾅｺ");
            await page.ClickAsync("#record-fee");
            await page.WaitForSelectorAsync("#done-message");
            Assert.Contains("1,000", await page.InnerTextAsync("#fee-paid"), StringComparison.Ordinal);

            // The decision: purpose of use notified, the data disclosed in part on ground ②, with the reason.
            await page.GotoAsync(page.Url.Replace("/fee", "/decision", StringComparison.Ordinal));
            await page.WaitForSelectorAsync("#decision-form");
            await page.CheckAsync("#outcome-Disclosure-PartialDisclosure");
            await page.CheckAsync("#ground-Disclosure-SeriousHindranceToBusiness");
            await page.FillAsync("#reason-Disclosure", "審査中の苦情記録は、業務の適正な実施に著しい支障を及ぼすおそれがあるため除きました。");
            await page.FillAsync("#content-Disclosure", "氏名：山田 花子\n住所：東京都新宿区新宿6-24-20\n利用履歴：2025年度の注文記録");
            await page.ClickAsync("#decide");
            await page.WaitForSelectorAsync("#done-message");
            Assert.Contains("承認を待っています", await page.InnerTextAsync("#done-message"), StringComparison.Ordinal);
            Assert.Equal("承認待ち", await page.InnerTextAsync("#status")); // ADR 0016: its own stage, still counting
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("staff-decided"), FullPage = true });

            await using var scope = browser.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
            var stored = await db.Requests.Include(r => r.Decision).ThenInclude(d => d!.Outcomes).Include(r => r.Payments)
                .SingleAsync(r => r.ReferenceNumber == reference);
            Assert.Equal(RequestStatus.Decided, stored.Status);
            Assert.Equal(1000, stored.FeePaidYen);
            Assert.Contains(stored.Decision!.Outcomes, o => o.Kind == RequestKind.Disclosure && o.Outcome == Domain.Decisions.KindOutcome.PartialDisclosure);
            Assert.NotNull(stored.CompletedAt);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("staff-journey-failure"), FullPage = true });
            throw;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>A member files a disclosure request through the real form, over the app's real port.</summary>
    private async Task<string> FileRequestAsync()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = browser.BaseAddress };
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Disclosure, RequesterType.Principal,
            fields => fields["Input.Kinds"] = $"{RequestKind.Disclosure}");
        return receipt.QuerySelector("#reference-number")!.TextContent.Trim();
    }

    private Task<(string Email, string Key)> CreateStaffAsync(string displayName) => CreateStaffAsync(browser, displayName);

    /// <summary>A staff account with TOTP set up, for a journey to sign in with.</summary>
    internal static async Task<(string Email, string Key)> CreateStaffAsync(BrowserFixture browser, string displayName)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = StaffSignIn.NewEmail();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Assert.True((await users.CreateAsync(user, StaffSignIn.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.Staff)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (email, (await users.GetAuthenticatorKeyAsync(user))!);
    }
}
