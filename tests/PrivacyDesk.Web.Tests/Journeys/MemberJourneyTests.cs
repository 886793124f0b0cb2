using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Tests.Documents;

namespace PrivacyDesk.Web.Tests.Journeys;

public sealed class MemberJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_voluntary_agent_files_a_disclosure_request_with_uploads_and_reaches_the_receipt()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", BaseURL = browser.BaseAddress.ToString() });
        // Two shared cores run the whole suite at once: give the browser room, and wait for elements, not load events.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/requests/disclosure");
            Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));

            // Choosing the requester type drives the form: agent sections appear only for agents.
            Assert.False(await page.Locator("[data-agent-only]").First.IsVisibleAsync());
            await page.GetByLabel("任意代理人").CheckAsync();
            Assert.True(await page.Locator("[data-agent-only]").First.IsVisibleAsync());

            await page.GetByLabel("保有個人データの開示").CheckAsync();
            await page.FillAsync("#Input_Principal_FullName", "山田 花子");
            await page.FillAsync("#Input_Principal_FullNameKana", "やまだ はなこ");
            await page.FillAsync("#Input_Principal_BirthDate_Year", "1980");
            await page.FillAsync("#Input_Principal_BirthDate_Month", "4");
            await page.FillAsync("#Input_Principal_BirthDate_Day", "1");
            await page.FillAsync("#Input_Principal_PostalCode", "160-0022");
            await page.SelectOptionAsync("#Input_Principal_Prefecture", "東京都");
            await page.FillAsync("#Input_Principal_City", "新宿区新宿");
            await page.FillAsync("#Input_Principal_AddressLine", "6-24-20");
            await page.FillAsync("#Input_Principal_Phone", "03-5285-1771");

            await page.FillAsync("#Input_Agent_FullName", "佐藤 次郎");
            await page.FillAsync("#Input_Agent_FullNameKana", "サトウ ジロウ");
            await page.FillAsync("#Input_Agent_BirthDate_Year", "1975");
            await page.FillAsync("#Input_Agent_BirthDate_Month", "12");
            await page.FillAsync("#Input_Agent_BirthDate_Day", "31");
            await page.FillAsync("#Input_Agent_PostalCode", "223-0061");
            await page.SelectOptionAsync("#Input_Agent_Prefecture", "神奈川県");
            await page.FillAsync("#Input_Agent_City", "横浜市港北区日吉");
            await page.FillAsync("#Input_Agent_AddressLine", "1-2-3");
            await page.FillAsync("#Input_Agent_Phone", "090-1234-5678");
            await page.FillAsync("#Input_Agent_Email", "jiro@example.jp");

            await page.FillAsync("#Input_DataDescription", "共同購入の利用履歴");
            await page.GetByLabel("電磁的記録（状況確認ページからダウンロード）").CheckAsync();

            await page.SelectOptionAsync("#Input_PrincipalDocumentType", "DriversLicence");
            await page.SetInputFilesAsync("#PrincipalDocument", new FilePayload { Name = "licence.jpg", MimeType = "image/jpeg", Buffer = SampleFiles.Jpeg(800, 500, SampleFiles.PhoneExif()) });
            await page.SelectOptionAsync("#Input_AuthorityDocumentType", "PowerOfAttorney");
            await page.SetInputFilesAsync("#AuthorityDocument", new FilePayload { Name = "inin.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });
            await page.SelectOptionAsync("#Input_AgentDocumentType", "DriversLicence");
            await page.SetInputFilesAsync("#AgentDocument", new FilePayload { Name = "agent-licence.png", MimeType = "image/png", Buffer = SampleFiles.Png(400, 300) });

            // First without consent: the error summary appears, focused, and the uploads are kept.
            await page.GetByRole(AriaRole.Button, new() { Name = "入力内容を確認する" }).ClickAsync();
            await page.WaitForSelectorAsync(".pd-error-summary");
            Assert.Contains("同意", await page.InnerTextAsync(".pd-error-summary"), StringComparison.Ordinal);
            Assert.Equal("error-summary", await page.EvaluateAsync<string>("document.activeElement && document.activeElement.id"));
            Assert.Equal(3, await page.Locator(".pd-uploaded").CountAsync());
            Assert.Equal("山田 花子", await page.InputValueAsync("#Input_Principal_FullName"));

            // The summary links to the field; fix it from the keyboard.
            await page.ClickAsync(".pd-error-summary a[href='#Input_Consent']");
            await page.Locator("#Input_Consent_Check").FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await page.GetByRole(AriaRole.Button, new() { Name = "入力内容を確認する" }).ClickAsync();

            await page.WaitForSelectorAsync("input[name=State]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            Assert.Contains("入力内容の確認", await page.TitleAsync(), StringComparison.Ordinal);
            Assert.Contains("佐藤 次郎", await page.InnerTextAsync(".pd-confirm"), StringComparison.Ordinal);
            await page.GetByRole(AriaRole.Button, new() { Name = "この内容で請求する" }).ClickAsync();

            await page.WaitForSelectorAsync("#reference-number");
            Assert.EndsWith("/requests/receipt", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            var reference = await page.InnerTextAsync("#reference-number");
            Assert.Matches(@"^PD-\d{4}-\d{6}$", reference);
            Assert.Contains("1,000円", await page.InnerTextAsync("#fee-instructions"), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("member-receipt"), FullPage = true });

            // The status link from the receipt works in the browser. It is built from Organization:PublicBaseUrl, and this
            // test's server listens on a random port, so the browser follows its path and query on that port.
            var statusLink = new Uri(await page.GetAttributeAsync("#status-link", "href") ?? throw new InvalidOperationException("No status link."));
            await page.GotoAsync(new Uri(browser.BaseAddress, statusLink.PathAndQuery).ToString());
            await page.WaitForSelectorAsync("#status-label");
            Assert.Equal("受付", await page.InnerTextAsync("#status-label"));

            await using var scope = browser.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
            var stored = await db.Requests.Include(r => r.Documents).SingleAsync(r => r.ReferenceNumber == reference);
            Assert.Equal(RequesterType.VoluntaryAgent, stored.RequesterType);
            Assert.Equal(DeliveryMethod.Electronic, stored.Delivery);
            Assert.Equal([DocumentRole.PrincipalIdentity, DocumentRole.AgentIdentity, DocumentRole.Authority], stored.Documents.Select(d => d.Role).Order());

            // Staff return it: the power of attorney is not signed (ADR 0022). The member sends a new one from the status page.
            var request = await db.Requests.Include(r => r.Documents).Include(r => r.StatusHistory).Include(r => r.IdentityChecks)
                .SingleAsync(r => r.ReferenceNumber == reference);
            var now = DateTimeOffset.UtcNow;
            request.StartIdentityCheck("journey-staff", now);
            request.ReturnForDeficiency(IdentityChecklist.DeficiencyReason(request.IdentityChecklistItems, [IdentityCheckItem.PowerOfAttorneyValid], null),
                "journey-staff", now, request.IdentityChecklistItems.Except([IdentityCheckItem.PowerOfAttorneyValid]), [IdentityCheckItem.PowerOfAttorneyValid]);
            using (scope.ServiceProvider.GetRequiredService<PrivacyDesk.Web.Audit.AuditTrail>().UseActor(PrivacyRequest.SystemActor))
            {
                await db.SaveChangesAsync();
            }

            await page.ReloadAsync();
            await page.WaitForSelectorAsync("#resubmit-form");
            Assert.Equal("書類不備による返戻中", await page.InnerTextAsync("#status-label"));
            Assert.Contains("委任状をお送りください", await page.InnerTextAsync("#deficiency-reason"), StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator("#resubmit-form input[type=file]").CountAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("member-resubmit-1280"), FullPage = true });
            await page.SetViewportSizeAsync(390, 844);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("member-resubmit-390"), FullPage = true });

            await page.SelectOptionAsync("#Resubmit_AuthorityDocumentType", "PowerOfAttorney");
            await page.SetInputFilesAsync("[id='Resubmit.AuthorityDocument']", new FilePayload { Name = "inin-signed.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });
            await page.GetByRole(AriaRole.Button, new() { Name = "書類を送信する" }).ClickAsync();
            await page.WaitForSelectorAsync("#resubmitted");
            Assert.Equal("本人確認中", await page.InnerTextAsync("#status-label"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("member-resubmitted-390"), FullPage = true });

            db.ChangeTracker.Clear();
            var resubmitted = await db.Requests.Include(r => r.Documents).SingleAsync(r => r.ReferenceNumber == reference);
            Assert.Equal(RequestStatus.IdentityCheck, resubmitted.Status);
            Assert.Equal(4, resubmitted.Documents.Count);
            Assert.Single(resubmitted.Documents, d => d.IsSuperseded && d.Role == DocumentRole.Authority);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("member-journey-failure"), FullPage = true });
            throw;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}
