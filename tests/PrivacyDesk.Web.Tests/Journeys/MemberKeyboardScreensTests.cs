using Microsoft.Playwright;
using PrivacyDesk.Web.Tests.Documents;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// A member completes the correction form with the keyboard alone in Chromium: Tab to each field, type, Space for
/// check boxes, radios and the file picker, arrow keys in selects, Enter on buttons; the postcode fills the prefecture
/// and city through GET /postal-codes/{7 digits}. axe runs on every page of the journey (form, errors, confirmation,
/// receipt, status page), each is screenshot at 1280 and 390 px, and going back from the receipt lands on a page, not
/// on the browser's ERR_CACHE_MISS (post-redirect-get).
/// </summary>
public sealed class MemberKeyboardScreensTests(SecondBrowserLane browser) : IClassFixture<SecondBrowserLane>
{
    [Fact]
    public async Task A_member_files_a_correction_request_with_the_keyboard_only()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", BaseURL = browser.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        try
        {
            await page.GotoAsync("/requests/correction");
            problems.AddRange(await BackOfficeScreensTests.CheckLayoutAsync(page, "member form", "member-keyboard-form"));

            var firstKind = await page.EvaluateAsync<string>("() => document.querySelector('#Input_Kinds input').id");
            await TabToAsync(page, firstKind);
            await page.Keyboard.PressAsync("Space");
            await TabToAsync(page, "Input_RequesterType_Principal");
            await page.Keyboard.PressAsync("Space");
            await TypeIntoAsync(page, "Input_Principal_FullName", "山田 花子");
            await TypeIntoAsync(page, "Input_Principal_FullNameKana", "やまだ はなこ");
            await TypeIntoAsync(page, "Input_Principal_BirthDate_Year", "１９５８");
            await TypeIntoAsync(page, "Input_Principal_BirthDate_Month", "4");
            await TypeIntoAsync(page, "Input_Principal_BirthDate_Day", "1");

            // The postcode fills the prefecture and the city, and says so; the member goes on with the block number.
            await TypeIntoAsync(page, "Input_Principal_PostalCode", "１６０-００２２");
            await page.WaitForFunctionAsync("() => document.getElementById('Input_Principal_City').value === '新宿区新宿'");
            Assert.Equal("東京都", await page.InputValueAsync("#Input_Principal_Prefecture"));
            Assert.Contains("入力しました", await page.InnerTextAsync("#Input_Principal_PostalCode-status"), StringComparison.Ordinal);

            await TypeIntoAsync(page, "Input_Principal_AddressLine", "6-24-20");
            await TypeIntoAsync(page, "Input_Principal_Phone", "03-5285-1771");
            await TypeIntoAsync(page, "Input_Principal_Email", "hanako@example.jp");
            await TypeIntoAsync(page, "Input_DataDescription", "組合員登録の住所");
            await TypeIntoAsync(page, "Input_CurrentContent", "東京都新宿区新宿1-1-1");
            await TypeIntoAsync(page, "Input_CorrectContent", "東京都新宿区新宿6-24-20");

            // How the result arrives: Tab reaches the group's first radio, Space chooses it.
            var firstDelivery = await page.EvaluateAsync<string>("() => document.querySelector('#Input_Delivery input').id");
            await TabToAsync(page, firstDelivery);
            await page.Keyboard.PressAsync("Space");

            await TabToAsync(page, "Input_PrincipalDocumentType");
            await page.Keyboard.PressAsync("ArrowDown");
            Assert.NotEqual(string.Empty, await page.InputValueAsync("#Input_PrincipalDocumentType"));
            await TabToAsync(page, "PrincipalDocument");
            var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
            await chooser.SetFilesAsync(new FilePayload { Name = "免許証.jpg", MimeType = "image/jpeg", Buffer = SampleFiles.Jpeg(800, 500, SampleFiles.PhoneExif()) });

            // Sent without the consent box: the error summary takes the focus; the member fixes it from there.
            await TabToAsync(page, "review-button");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync(".pd-error-summary");
            Assert.Equal("error-summary", await page.EvaluateAsync<string>("() => document.activeElement && document.activeElement.id"));
            problems.AddRange(await BackOfficeScreensTests.CheckLayoutAsync(page, "member form with errors", "member-keyboard-errors"));
            await page.Locator("#error-summary").FocusAsync();
            await TabToAsync(page, "Input_Consent_Check");
            await page.Keyboard.PressAsync("Space");
            await TabToAsync(page, "review-button");
            await page.Keyboard.PressAsync("Enter");

            // The confirmation shows what will be stored, and the attachment by name with its thumbnail.
            await page.WaitForSelectorAsync("#confirm-attachments");
            Assert.Equal("山田 花子（ヤマダ ハナコ）", (await page.InnerTextAsync("#confirm-principal-name")).Trim());
            Assert.Contains("〒160-0022 東京都新宿区新宿6-24-20", await page.InnerTextAsync("#confirm-principal-address"), StringComparison.Ordinal);
            Assert.Contains("免許証.jpg", await page.InnerTextAsync("#confirm-attachments"), StringComparison.Ordinal);
            // The thumbnail loads (from GET /requests/attachments/{handle}, with this browser's form cookie); wait for it, the machine may be slow.
            await page.WaitForFunctionAsync("() => { const img = document.querySelector('img.pd-attachment__thumb'); return !!img && img.complete && img.naturalWidth > 0; }");
            problems.AddRange(await BackOfficeScreensTests.CheckLayoutAsync(page, "member confirmation", "member-confirmation"));
            await TabToAsync(page, "submit-button");
            await page.Keyboard.PressAsync("Enter");

            await page.WaitForSelectorAsync("#reference-number");
            problems.AddRange(await BackOfficeScreensTests.CheckLayoutAsync(page, "member receipt", "member-receipt"));
            var statusLink = new Uri(await page.GetAttributeAsync("#status-link", "href") ?? throw new InvalidOperationException("No status link."));

            // Back from the receipt: a page of the site that explains, not ERR_CACHE_MISS (GoBack throws on a network error page).
            var back = await page.GoBackAsync();
            Assert.Equal(200, back?.Status);
            Assert.Contains("reviewed=1", page.Url, StringComparison.Ordinal);
            Assert.True(await page.Locator("#came-back").IsVisibleAsync());

            await page.GotoAsync(new Uri(browser.BaseAddress, statusLink.PathAndQuery).ToString());
            await page.WaitForSelectorAsync("#status-label");
            problems.AddRange(await BackOfficeScreensTests.CheckLayoutAsync(page, "member status", "member-status-filed"));
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("member-keyboard-failure"), FullPage = true });
            throw;
        }
        finally
        {
            await context.DisposeAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Presses Tab until the element with <paramref name="id"/> has the focus: it must be reachable in the tab order.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 250; presses++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"#{id} cannot be reached with the Tab key.");
    }

    private static async Task TypeIntoAsync(IPage page, string id, string text)
    {
        await TabToAsync(page, id);
        await page.Keyboard.TypeAsync(text);
    }
}
