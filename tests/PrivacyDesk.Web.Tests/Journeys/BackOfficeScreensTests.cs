using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Documents;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Journeys;

/// <summary>
/// Every back-office page of each role in Debian's Chromium at 1280 and 390 px: the page never scrolls sideways, no
/// reference number in a table breaks over two lines. A full-page screenshot of each is written to
/// $PRIVACYDESK_SCREENS_DIR when it is set (scripts/screenshots.sh, for docs/screens/), and of any page that fails a check.
/// </summary>
public sealed class BackOfficeScreensTests(SecondBrowserLane browser) : IClassFixture<SecondBrowserLane>
{
    public static readonly int[] Widths = [1280, 390];

    [Fact]
    public async Task Every_back_office_page_fits_a_phone_and_keeps_reference_numbers_whole()
    {
        var (received, pending, review, flagged) = await SeedAsync();
        var staffPages = new (string Name, string Url)[]
        {
            ("staff-home", "/staff"), ("staff-queue", "/staff/queue"), ("staff-request", $"/staff/requests/{received}"),
            ("staff-identity-check", $"/staff/requests/{received}/identity-check"), ("staff-fee", $"/staff/requests/{received}/fee"),
            ("staff-decision", $"/staff/requests/{review}/decision"), ("staff-decided", $"/staff/requests/{pending}/decision"), ("staff-letters", $"/staff/requests/{pending}/letters"),
            ("staff-intake", "/staff/intake"), ("staff-intake-form", "/staff/intake/disclosure"), ("staff-dashboard", "/staff/dashboard"),
            ("staff-fees", "/staff/fees"), ("staff-fees-import", "/staff/fees/import"), ("staff-deadline", $"/staff/requests/{review}/deadline"),
            ("staff-contact", $"/staff/requests/{received}/contact"), ("staff-status-code", $"/staff/requests/{received}/status-code"),
            ("staff-documents", $"/staff/requests/{received}/documents"), ("staff-mail", "/staff/mail"),
            ("staff-close", $"/staff/requests/{received}/close"), ("staff-third-party-records", "/staff/third-party-records"),
            ("staff-third-party-records-import", "/staff/third-party-records/import"),
            ("staff-decision-restate", $"/staff/requests/{flagged}/decision"), ("staff-letters-blocked", $"/staff/requests/{flagged}/letters"),
        };
        var pages = new Dictionary<string, (string Name, string Url)[]>
        {
            [StaffRoles.Staff] = staffPages,
            [StaffRoles.Supervisor] = [("supervisor-approvals", "/staff/approvals"), ("supervisor-approval", $"/staff/requests/{pending}/approval")],
            [StaffRoles.Auditor] =
            [
                ("auditor-home", "/audit"), ("auditor-history", "/audit/requests"), ("auditor-timeline", $"/audit/requests/{pending}"),
                ("auditor-events", "/audit/events"), ("auditor-statistics", "/audit/statistics"), ("auditor-verify", "/audit/verify"),
                ("auditor-queue", "/staff/queue"),
            ],
            [StaffRoles.Admin] = [("admin-accounts", "/staff/admin/accounts"), ("admin-account-new", "/staff/admin/accounts/new")],
        };

        var problems = new List<string>();
        foreach (var (role, list) in pages)
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", BaseURL = browser.BaseAddress.ToString() });
            context.SetDefaultTimeout(90_000);
            var page = await context.NewPageAsync();
            try
            {
                await SignInAsync(page, role);
                foreach (var (name, url) in list)
                {
                    var response = await page.GotoAsync(url);
                    Assert.True(response?.Status == 200, $"{role} {url}: {response?.Status}");
                    problems.AddRange(await CheckLayoutAsync(page, $"{role} {url}", name));
                }
            }
            finally
            {
                await context.DisposeAsync();
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// At each width: no sideways scroll of the page, no reference number (a link in a table's row header, or any
    /// element marked .pd-ref) on more than one line; then a full-page screenshot, when scripts/screenshots.sh asks for
    /// them ($PRIVACYDESK_SCREENS_DIR) or when the page has a problem at that width, so that it can be looked at. At the
    /// first width, no serious or critical axe violation.
    /// </summary>
    /// <remarks>
    /// A full-page capture and its PNG encoding cost more CPU than the checks themselves; taking ~90 of them on every
    /// test run, where nobody looks at them, was the largest single cost of the browser tests (ADR 0019).
    /// </remarks>
    public static async Task<List<string>> CheckLayoutAsync(IPage page, string label, string screenshotName)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new List<string>();
        var always = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PRIVACYDESK_SCREENS_DIR"));

        // A localized string put into a C# interpolation prints its type name, not its text.
        var title = await page.TitleAsync();
        if (title.Contains("Microsoft.", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(title))
        {
            problems.Add($"{label} has the title \"{title}\"");
        }
        foreach (var width in Widths)
        {
            var before = problems.Count;
            await page.SetViewportSizeAsync(width, 900);
            if (width == Widths[0])
            {
                // Every screened page (each role's back office, the member site) is also checked by axe.
                problems.AddRange(await Accessibility.SeriousViolationsAsync(page, label));
            }

            if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
            {
                problems.Add($"{label} scrolls sideways at {width} px ({await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide)");
            }

            var broken = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('table [data-reference] > th a, table th[scope=row] > a, .pd-ref')]
                    .filter(e => {
                        const style = getComputedStyle(e);
                        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
                        return e.getClientRects().length > 1 || e.getBoundingClientRect().height > 1.8 * line;
                    })
                    .map(e => e.textContent.trim())
                """);
            if (broken.Length > 0)
            {
                problems.Add($"{label} breaks reference numbers at {width} px: {string.Join(", ", broken)}");
            }

            if (always || problems.Count > before)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenPath($"{screenshotName}-{width}"), FullPage = true });
            }
        }

        await page.SetViewportSizeAsync(1280, 900);
        return problems;
    }

    /// <summary>docs/screens/NAME.png when $PRIVACYDESK_SCREENS_DIR is set (scripts/screenshots.sh), else the test output.</summary>
    public static string ScreenPath(string name)
    {
        var directory = Environment.GetEnvironmentVariable("PRIVACYDESK_SCREENS_DIR");
        if (string.IsNullOrEmpty(directory))
        {
            return BrowserFixture.ScreenshotPath(name);
        }

        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    private async Task SignInAsync(IPage page, string role)
    {
        var (email, key) = await CreateUserAsync(role, role switch
        {
            StaffRoles.Supervisor => "責任 花子",
            StaffRoles.Auditor => "監査 次郎",
            StaffRoles.Admin => "管理 太郎",
            _ => "総務 一郎",
        });
        await page.GotoAsync("/staff");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", StaffSignIn.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ", Exact = true }).ClickAsync();
        await page.FillAsync("#Code", StaffSignIn.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff");
    }

    /// <summary>
    /// A disclosure request just received, and a correction request whose decision waits for approval (entered by a
    /// staff member over HTTP), plus a few more so that lists have rows, and an approved disclosure decision whose records
    /// outcome the content-per-kind migration flagged (ADR 0020), so that the restatement form and the blocked records
    /// letter are screened too.
    /// </summary>
    private async Task<(Guid Received, Guid Pending, Guid Review, Guid Flagged)> SeedAsync()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var member = new HttpClient(handler) { BaseAddress = browser.BaseAddress };
        var references = new List<string>();
        foreach (var family in new[] { RequestFamily.Disclosure, RequestFamily.Correction, RequestFamily.StopUse, RequestFamily.Disclosure })
        {
            var receipt = await new MemberSession(member).FileAsync(family, RequesterType.Principal);
            references.Add(receipt.QuerySelector("#reference-number")!.TextContent.Trim());
        }

        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var ids = await db.Requests.Where(r => references.Contains(r.ReferenceNumber)).ToDictionaryAsync(r => r.ReferenceNumber, r => r.Id);
        var received = ids[references[0]];
        var pending = ids[references[1]];

        using var staff = await SignInOverHttpAsync(StaffRoles.Staff, "入力 三郎");

        // A scan that came by post replaces the received request's ID: the documents and ID-check pages show both (ADR 0022).
        var tracked = await db.Requests.Include(r => r.Documents).Include(r => r.StatusHistory).SingleAsync(r => r.Id == received);
        var png = SampleFiles.Png(400, 300);
        var scan = new PrivacyDesk.Domain.Documents.IdentityDocument(PrivacyDesk.Domain.Documents.DocumentRole.PrincipalIdentity,
            PrivacyDesk.Domain.Documents.DocumentType.Passport, "image/png", png.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), DateTimeOffset.UtcNow);
        tracked.AttachPostedDocuments([scan], PrivacyDesk.Domain.Text.JapaneseText.JstDate(DateTimeOffset.UtcNow), "seed", DateTimeOffset.UtcNow);
        db.DocumentContents.Add(scope.ServiceProvider.GetRequiredService<PrivacyDesk.Web.Documents.DocumentVault>().Seal(scan.Id, png));
        using (scope.ServiceProvider.GetRequiredService<PrivacyDesk.Web.Audit.AuditTrail>().UseActor(PrivacyRequest.SystemActor))
        {
            await db.SaveChangesAsync();
        }

        // A mail that failed for good, for /staff/mail (ADR 0024).
        var failedMail = PrivacyDesk.Web.Mail.MailOutbox.Enqueue(db, "request.acknowledgement", received, "hanako.yamada@example.jp", "件名", "本文", DateTimeOffset.UtcNow);
        failedMail.Attempts = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrivacyDesk.Web.Mail.SmtpOptions>>().Value.MaxAttempts;
        failedMail.LastError = "SMTP 550 MailboxUnavailable: 5.1.1 The email account that you tried to reach does not exist";
        await db.SaveChangesAsync();

        Redirected(await AcceptIdentityAsync(staff, pending));
        Redirected(await DecideAsync(staff, pending, _ => [("Outcome", "Done"), ("Detail", "住所を「東京都新宿区新宿6-24-20」に訂正しました。")]));
        Redirected(await AcceptIdentityAsync(staff, ids[references[2]]));

        var flagged = ids[references[3]];
        using var supervisor = await SignInOverHttpAsync(StaffRoles.Supervisor, "承認 四郎");
        Redirected(await AcceptIdentityAsync(staff, flagged));
        Redirected(await PayAsync(staff, flagged));
        const string sharedText = "組合員登録：山田 花子（移行前の共有テキスト）";
        Redirected(await DecideAsync(staff, flagged, kind => kind == RequestKind.ThirdPartyProvisionRecordDisclosure
            ? [("Outcome", "NoDataHeld"), ("Reason", "第三者提供記録はありません。")]
            : [("Outcome", "FullDisclosure")], disclosedContent: sharedText));
        Redirected(await ApproveAsync(supervisor, flagged));

        // What the migration's backfill leaves of a decision that had one shared text: the records outcome disclosed that
        // text and is flagged for a look.
        var decision = await db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == flagged);
        var records = decision.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure);
        typeof(KindDecision).GetProperty(nameof(KindDecision.Outcome))!.SetValue(records, KindOutcome.FullDisclosure);
        typeof(KindDecision).GetProperty(nameof(KindDecision.Reason))!.SetValue(records, null);
        typeof(KindDecision).GetProperty(nameof(KindDecision.Content))!.SetValue(records, sharedText);
        typeof(KindDecision).GetProperty(nameof(KindDecision.ContentNeedsReview))!.SetValue(records, true);
        await db.SaveChangesAsync();
        return (received, pending, ids[references[2]], flagged);
    }

    /// <summary>An HTTP client signed in (password and TOTP) as a new user of <paramref name="role"/>.</summary>
    private async Task<HttpClient> SignInOverHttpAsync(string role, string displayName)
    {
        var (email, key) = await CreateUserAsync(role, displayName);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = browser.BaseAddress };
        using (var password = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        var twoFactor = await client.GetDocumentAsync("/staff/account/two-factor");
        using (var code = await StaffSignIn.PostFormAsync(client, "/staff/account/two-factor?handler=Code", twoFactor, new() { ["Code"] = StaffSignIn.Code(key) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        }

        return client;
    }

    private async Task<(string Email, string Key)> CreateUserAsync(string role, string displayName)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                await roles.CreateAsync(new IdentityRole(name));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = StaffSignIn.NewEmail();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Assert.True((await users.CreateAsync(user, StaffSignIn.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (email, (await users.GetAuthenticatorKeyAsync(user))!);
    }
}
