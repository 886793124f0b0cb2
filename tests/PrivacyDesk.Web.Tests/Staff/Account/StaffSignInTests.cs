using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Staff.Account;

/// <summary>Staff sign-in through the real pages: password, TOTP enrolment or code, recovery codes, lockout, sign-out.</summary>
public abstract class StaffSignInTests(AppFixture app)
{
    private const string InvalidMessage = "メールアドレスまたはパスワードが正しくありません。";

    [Fact]
    public async Task Anonymous_staff_pages_redirect_to_sign_in()
    {
        using var client = app.Factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri("/staff", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/account/sign-in?returnUrl=%2Fstaff", StaffSignIn.Location(response));

        var page = await client.GetDocumentAsync("/staff/account/sign-in?returnUrl=%2Fstaff");
        Assert.Equal("職員ログイン", page.QuerySelector("h1")?.TextContent.Trim());
        var form = page.QuerySelector("main form");
        Assert.NotNull(form?.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("メールアドレス 必須", LandingNormalize(page.QuerySelector("label[for=Input_Email]")?.TextContent));
        Assert.Equal("email", page.QuerySelector("#Input_Email")?.GetAttribute("type"));
        Assert.Equal("password", page.QuerySelector("#Input_Password")?.GetAttribute("type"));
    }

    [Fact]
    public async Task First_sign_in_enrols_an_authenticator_with_QR_and_key_then_reaches_staff()
    {
        var (userId, email, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Supervisor, displayName: "佐藤 花子");
        using var client = app.Factory.CreateBrowserClient();

        using var afterPassword = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.Equal("/staff/account/enrol", afterPassword.Headers.Location?.OriginalString);

        var enrol = await client.GetDocumentAsync("/staff/account/enrol");
        Assert.Equal("認証アプリの設定", enrol.QuerySelector("h1")?.TextContent.Trim());
        var qr = enrol.QuerySelector("img#qr-code");
        Assert.StartsWith("data:image/png;base64,", qr?.GetAttribute("src"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(qr?.GetAttribute("alt")));
        var png = Convert.FromBase64String(qr!.GetAttribute("src")!["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        var shown = enrol.QuerySelector("#shared-key")!.TextContent;
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", shown);
        var key = StaffSignIn.SharedKey(enrol);
        var stored = await app.WithScopeAndReturnAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(userId))!);
        });
        Assert.Equal(stored, key);

        // A wrong code is refused in Japanese and 2FA stays off.
        using var wrong = await StaffSignIn.PostFormAsync(client, "/staff/account/enrol", enrol, new() { ["Code"] = StaffSignIn.WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = await Html.ParseAsync(wrong);
        Assert.Contains("確認コードが正しくありません。", wrongPage.QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", wrongPage.QuerySelector("#Code")?.GetAttribute("aria-invalid"));
        Assert.Equal(key, StaffSignIn.SharedKey(wrongPage));
        Assert.False(await TwoFactorEnabledAsync(userId));
        using (var stillOut = await client.GetAsync(new Uri("/staff", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
        }

        // The right code enables 2FA, shows ten recovery codes once, and starts the session.
        using var done = await StaffSignIn.PostFormAsync(client, "/staff/account/enrol", wrongPage, new() { ["Code"] = StaffSignIn.Code(key) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var donePage = await Html.ParseAsync(done);
        var codes = donePage.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(10, codes.Length);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Contains("no-store", done.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(await TwoFactorEnabledAsync(userId));
        Assert.Equal("/staff", donePage.QuerySelector("a#continue")?.GetAttribute("href"));

        var menu = await client.GetDocumentAsync("/staff");
        Assert.Equal("業務メニュー", menu.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("佐藤 花子", menu.QuerySelector("#display-name")?.TextContent.Trim());
        Assert.Equal("責任者", menu.QuerySelector("#roles")?.TextContent.Trim());
        Assert.NotNull(menu.QuerySelector("form[action='/staff/account/sign-out'] button#sign-out"));

        // Enrolment cannot be repeated: the page now sends a signed-in browser away.
        using var again = await client.GetAsync(new Uri("/staff/account/enrol", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task With_an_authenticator_the_password_leads_to_the_code_page_and_a_wrong_code_is_refused()
    {
        var (userId, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        using var client = app.Factory.CreateBrowserClient();

        using var afterPassword = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password);
        Assert.Equal("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString);

        // The password alone gives no session and cannot re-enrol a new authenticator.
        await AssertNoStaffAccessAsync(client);
        using (var enrol = await client.GetAsync(new Uri("/staff/account/enrol", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
            Assert.Equal("/staff/account/two-factor", enrol.Headers.Location?.OriginalString);
        }

        var page = await client.GetDocumentAsync("/staff/account/two-factor");
        Assert.Equal("確認コードの入力", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("one-time-code", page.QuerySelector("#Code")?.GetAttribute("autocomplete"));
        Assert.NotNull(page.QuerySelector("label[for=Code]"));
        Assert.NotNull(page.QuerySelector("label[for=RecoveryCode]"));

        using var wrong = await StaffSignIn.PostFormAsync(client, "/staff/account/two-factor?handler=Code", page, new() { ["Code"] = StaffSignIn.WrongCode(key!) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("確認コードが正しくありません。", (await Html.ParseAsync(wrong)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        await AssertNoStaffAccessAsync(client);

        using var right = await StaffSignIn.PostFormAsync(client, "/staff/account/two-factor?handler=Code", page, new() { ["Code"] = StaffSignIn.Code(key!) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/staff", right.Headers.Location?.OriginalString);
        Assert.Equal("業務メニュー", (await client.GetDocumentAsync("/staff")).QuerySelector("h1")?.TextContent.Trim());

        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "staff.signed_in" && e.ActorId == userId)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "staff.second_factor_failed" && e.ActorId == userId)));
    }

    [Fact]
    public async Task The_password_alone_never_reaches_staff_pages()
    {
        var (_, email, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Admin);
        using var client = app.Factory.CreateBrowserClient();
        using var afterPassword = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password);
        Assert.Equal("/staff/account/enrol", afterPassword.Headers.Location?.OriginalString);

        await AssertNoStaffAccessAsync(client);

        // The only cookie is the short two-factor cookie, never the session cookie.
        var cookies = afterPassword.Headers.GetValues("Set-Cookie").ToArray();
        Assert.DoesNotContain(cookies, c => c.StartsWith("pd.staff=", StringComparison.Ordinal));
        var twoFactor = Assert.Single(cookies, c => c.StartsWith("pd.staff.2fa=", StringComparison.Ordinal));
        Assert.Contains("httponly", twoFactor, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", twoFactor, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_session_cookie_is_hardened()
    {
        var (_, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        using var client = app.Factory.CreateBrowserClient();
        using var afterPassword = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password);
        var page = await client.GetDocumentAsync("/staff/account/two-factor");
        using var right = await StaffSignIn.PostFormAsync(client, "/staff/account/two-factor?handler=Code", page, new() { ["Code"] = StaffSignIn.Code(key!) });
        var session = Assert.Single(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pd.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_message()
    {
        var (_, email, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        using var client = app.Factory.CreateBrowserClient();

        using var unknown = await StaffSignIn.PostPasswordAsync(client, StaffSignIn.NewEmail(), StaffSignIn.Password);
        using var wrong = await StaffSignIn.PostPasswordAsync(client, email, "wrong-password-1234");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var unknownText = LandingNormalize((await Html.ParseAsync(unknown)).QuerySelector("#error-summary")?.TextContent);
        var wrongText = LandingNormalize((await Html.ParseAsync(wrong)).QuerySelector("#error-summary")?.TextContent);
        Assert.Contains(InvalidMessage, unknownText, StringComparison.Ordinal);
        Assert.Equal(unknownText, wrongText);
        await AssertNoStaffAccessAsync(client);
    }

    [Fact]
    public async Task Five_failures_block_this_address_even_against_the_right_password_with_the_same_answer()
    {
        var (userId, email, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        using var client = app.Factory.CreateBrowserClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var failed = await StaffSignIn.PostPasswordAsync(client, email, $"wrong-password-{attempt:D4}");
            Assert.Contains(InvalidMessage, (await Html.ParseAsync(failed)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        }

        // The right password from the same address is refused with the same words (nothing says "locked").
        using var sixth = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains(InvalidMessage, (await Html.ParseAsync(sixth)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        await AssertNoStaffAccessAsync(client);

        // The account itself is not locked: other addresses can still sign in (SignInHardeningTests).
        var lockoutEnd = await app.WithScopeAndReturnAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            return await users.GetLockoutEndDateAsync((await users.FindByIdAsync(userId))!);
        });
        Assert.Null(lockoutEnd);

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ActorId == userId).ToListAsync());
        Assert.Equal(5, events.Count(e => e.Action == "staff.sign_in_failed"));
        Assert.Equal(1, events.Count(e => e.Action == "staff.sign_in_throttled"));
        Assert.DoesNotContain(events, e => e.Details?.Contains(email, StringComparison.OrdinalIgnoreCase) == true);
        Assert.DoesNotContain(events, e => e.Details?.Contains("wrong-password", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var recovery = staff.RecoveryCodes[3];
        await SignOutAsync(staff.Client);

        using var client = app.Factory.CreateBrowserClient();
        using (var afterPassword = await StaffSignIn.PostPasswordAsync(client, staff.Email, StaffSignIn.Password))
        {
            Assert.Equal("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString);
        }

        var page = await client.GetDocumentAsync("/staff/account/two-factor");
        using var used = await StaffSignIn.PostFormAsync(client, "/staff/account/two-factor?handler=Recovery", page, new() { ["RecoveryCode"] = recovery });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/staff", used.Headers.Location?.OriginalString);
        Assert.Equal("業務メニュー", (await client.GetDocumentAsync("/staff")).QuerySelector("h1")?.TextContent.Trim());
        await SignOutAsync(client);

        using var second = app.Factory.CreateBrowserClient();
        using (var afterPassword = await StaffSignIn.PostPasswordAsync(second, staff.Email, StaffSignIn.Password))
        {
            Assert.Equal("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString);
        }

        var again = await second.GetDocumentAsync("/staff/account/two-factor");
        using var reused = await StaffSignIn.PostFormAsync(second, "/staff/account/two-factor?handler=Recovery", again, new() { ["RecoveryCode"] = recovery });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("リカバリーコードが正しくありません。", (await Html.ParseAsync(reused)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        await AssertNoStaffAccessAsync(second);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        Assert.Equal("監査担当者", (await staff.Client.GetDocumentAsync("/staff")).QuerySelector("#roles")?.TextContent.Trim());

        using var response = await SignOutAsync(staff.Client);
        Assert.Equal("/staff/account/sign-in?signed-out=true", response.Headers.Location?.OriginalString);
        var page = await staff.Client.GetDocumentAsync("/staff/account/sign-in?signed-out=true");
        Assert.Contains("ログアウトしました。", page.QuerySelector("#signed-out")?.TextContent, StringComparison.Ordinal);
        await AssertNoStaffAccessAsync(staff.Client);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "staff.signed_out" && e.ActorId == staff.UserId)));

        // Signing out needs the antiforgery token.
        using var client = app.Factory.CreateBrowserClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var forged = await client.PostAsync(new Uri("/staff/account/sign-out", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Sign_in_returns_to_a_local_return_url_only()
    {
        var (_, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        using var client = app.Factory.CreateBrowserClient();
        using var afterPassword = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password, "/staff/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString);

        using var other = app.Factory.CreateBrowserClient();
        using var withLocal = await StaffSignIn.PostPasswordAsync(other, email, StaffSignIn.Password, "/staff/account/sign-in?returnUrl=%2Fstaff%3Fx%3D1");
        Assert.Equal("/staff/account/two-factor?returnUrl=%2Fstaff%3Fx%3D1", withLocal.Headers.Location?.OriginalString);
        var page = await other.GetDocumentAsync(withLocal.Headers.Location!.OriginalString);
        using var right = await StaffSignIn.PostFormAsync(other, "/staff/account/two-factor?handler=Code&returnUrl=%2Fstaff%3Fx%3D1", page, new() { ["Code"] = StaffSignIn.Code(key!) });
        Assert.Equal("/staff?x=1", right.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_in_events_are_audited_by_user_id_and_no_email_reaches_the_logs()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var client = app.Factory.CreateBrowserClient();
        using (await StaffSignIn.PostPasswordAsync(client, staff.Email, "wrong-password-9999"))
        {
        }

        var unknown = StaffSignIn.NewEmail();
        using (await StaffSignIn.PostPasswordAsync(client, unknown, StaffSignIn.Password))
        {
        }

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action.StartsWith("staff.")).ToListAsync());
        Assert.Contains(events, e => e.Action == "staff.signed_in" && e.ActorId == staff.UserId && e.ActorRole == StaffRoles.Staff);
        Assert.Contains(events, e => e.Action == "staff.two_factor_enabled" && e.ActorId == staff.UserId);
        Assert.Contains(events, e => e.Action == "staff.sign_in_failed" && e.ActorId == staff.UserId);
        Assert.Contains(events, e => e.Action == "staff.sign_in_failed" && e.ActorId == "anonymous");
        foreach (var secret in new[] { staff.Email, unknown, StaffSignIn.Password, "wrong-password-9999", "@staff.example" })
        {
            Assert.DoesNotContain(events, e => (e.Details ?? string.Empty).Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(secret, app.Factory.Logs.AllText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, app.Factory.ReadLogFiles(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(staff.UserId, app.Factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_in_English_with_the_language_switch()
    {
        using var client = app.Factory.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/staff/account/sign-in?culture=en");
        Assert.Equal("Staff sign-in", page.QuerySelector("h1")?.TextContent.Trim());
        using var wrong = await StaffSignIn.PostPasswordAsync(client, StaffSignIn.NewEmail(), "whatever-password", "/staff/account/sign-in?culture=en");
        Assert.Contains("The email address or password is incorrect.", (await Html.ParseAsync(wrong)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff/account/sign-in")]
    [InlineData("/staff/account/sign-out")]
    [InlineData("/staff/account/access-denied")]
    public async Task Account_pages_have_no_inline_script_or_style(string url)
    {
        using var client = app.Factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("main#main h1"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style], style"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<bool> TwoFactorEnabledAsync(string userId) => await app.WithScopeAndReturnAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<StaffUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(userId))!);
    });

    private static async Task AssertNoStaffAccessAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/staff", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/account/sign-in", StaffSignIn.Location(response), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var menu = await client.GetDocumentAsync("/staff");
        var response = await StaffSignIn.PostFormAsync(client, "/staff/account/sign-out", menu, []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static string LandingNormalize(string? text) => Landing.LandingPageTests.Normalize(text);
}

public sealed class StaffSignInTestsOnSqlite(StaffSqliteAppFixture app) : StaffSignInTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class StaffSignInTestsOnPostgres(StaffPostgresAppFixture app) : StaffSignInTests(app), IClassFixture<StaffPostgresAppFixture>;
