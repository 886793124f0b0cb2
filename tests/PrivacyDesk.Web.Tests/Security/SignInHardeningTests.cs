using PrivacyDesk.Web.Audit;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Security;

/// <summary>
/// Findings 7 and 8: a TOTP code works once (on every instance); locked, unknown and wrong-password answers are the same
/// after the same work; failures block one account from one address only; an administrator clears the limits.
/// </summary>
public abstract class SignInHardeningTests(AppFixture app)
{
    private const string InvalidMessage = "メールアドレスまたはパスワードが正しくありません。";
    private const string WrongCodeMessage = "確認コードが正しくありません。";

    [Fact]
    public async Task A_totp_code_is_accepted_once_and_an_earlier_one_after_it_never()
    {
        var (userId, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        var step = StaffSignIn.CurrentStep;
        var code = StaffSignIn.CodeAt(key!, step);

        using (var first = app.Factory.CreateBrowserClient())
        using (var accepted = await PasswordThenCodeAsync(first, email, code))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
            Assert.Equal("/staff", accepted.Headers.Location?.OriginalString);
        }

        // The same code again, seconds later, from another browser: refused, although it is still in its time window.
        using (var second = app.Factory.CreateBrowserClient())
        using (var replayed = await PasswordThenCodeAsync(second, email, code))
        {
            Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
            Assert.Contains(WrongCodeMessage, (await Html.ParseAsync(replayed)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
            await AssertNoStaffAccessAsync(second);
        }

        // The previous step's code is inside the drift window, but older than the accepted one.
        using (var third = app.Factory.CreateBrowserClient())
        using (var older = await PasswordThenCodeAsync(third, email, StaffSignIn.CodeAt(key!, step - 1)))
        {
            Assert.Contains(WrongCodeMessage, (await Html.ParseAsync(older)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        }

        // Stored (through the user manager, as any instance reads it), not remembered in memory.
        var stored = await app.WithScopeAndReturnAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            return await users.GetAuthenticationTokenAsync((await users.FindByIdAsync(userId))!,
                OneTimeAuthenticatorTokenProvider.TokenLoginProvider, OneTimeAuthenticatorTokenProvider.LastStepTokenName);
        });
        Assert.InRange(long.Parse(stored!.Split(':')[0], CultureInfo.InvariantCulture), step, step + 1);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "staff.second_factor_failed" && e.ActorId == userId)));
    }

    [Fact]
    public async Task A_code_accepted_by_one_instance_is_refused_by_another()
    {
        var (_, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        var code = StaffSignIn.CodeAt(key!, StaffSignIn.CurrentStep);
        using var other = TestPeerAddress.Instance(app.Factory);

        using (var onFirst = app.Factory.CreateBrowserClient())
        using (var accepted = await PasswordThenCodeAsync(onFirst, email, code))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var onSecond = TestPeerAddress.Browser(other);
        using var replayed = await PasswordThenCodeAsync(onSecond, email, code);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains(WrongCodeMessage, (await Html.ParseAsync(replayed)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_wrong_password_locked_disabled_and_throttled_get_the_same_answer_after_one_hash_check_each()
    {
        var hasher = new CountingPasswordHasher();
        using var instance = TestPeerAddress.Instance(app.Factory,
            services: s => s.AddSingleton<IPasswordHasher<StaffUser>>(hasher));
        var (_, wrongEmail, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        var (lockedId, lockedEmail, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        var (disabledId, disabledEmail, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        var (_, throttledEmail, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        await app.WithScopeAsync(async s =>
        {
            // Locked by wrong second factors (minutes), and disabled by an administrator.
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(lockedId))!, DateTimeOffset.UtcNow.AddMinutes(10));
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(disabledId))!, DateTimeOffset.MaxValue);
        });

        using var client = TestPeerAddress.Browser(instance, "192.0.2.41");
        for (var attempt = 0; attempt < SignInThrottle.MaxFailures; attempt++)
        {
            using var failed = await StaffSignIn.PostPasswordAsync(client, throttledEmail, "wrong-password-" + attempt);
        }

        var answers = new List<string>();
        foreach (var (email, password) in new[]
                 {
                     (StaffSignIn.NewEmail(), StaffSignIn.Password),
                     (wrongEmail, "wrong-password-1234"),
                     (lockedEmail, StaffSignIn.Password),
                     (disabledEmail, StaffSignIn.Password),
                     (throttledEmail, StaffSignIn.Password),
                 })
        {
            var before = hasher.Verifications;
            using var response = await StaffSignIn.PostPasswordAsync(client, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1, hasher.Verifications - before);
            Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
                c => c.StartsWith(StaffIdentityRegistration.TwoFactorCookieName + "=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
            answers.Add((await Html.ParseAsync(response)).QuerySelector("main")!.TextContent);
        }

        Assert.Contains(InvalidMessage, answers[0], StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        await AssertNoStaffAccessAsync(client);
    }

    [Fact]
    public async Task Failures_from_one_address_do_not_keep_the_user_out_from_another()
    {
        var (userId, email, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        using var instance = TestPeerAddress.Instance(app.Factory);
        using var attacker = TestPeerAddress.Browser(instance, "198.51.100.7");
        for (var attempt = 0; attempt < SignInThrottle.MaxFailures * 3; attempt++)
        {
            using var failed = await StaffSignIn.PostPasswordAsync(attacker, email, "guess-" + attempt.ToString("D8", CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using (var blocked = await StaffSignIn.PostPasswordAsync(attacker, email, StaffSignIn.Password))
        {
            Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
            Assert.Contains(InvalidMessage, (await Html.ParseAsync(blocked)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
        }

        using var owner = TestPeerAddress.Browser(instance, "192.0.2.10");
        using (var signedIn = await StaffSignIn.PostPasswordAsync(owner, email, StaffSignIn.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/staff/account/enrol", signedIn.Headers.Location?.OriginalString);
        }

        Assert.Null((await UserAsync(userId)).LockoutEnd);
        var throttled = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ActorId == userId && e.Action == "staff.sign_in_throttled").ToListAsync());
        Assert.NotEmpty(throttled);
        Assert.All(throttled, e => Assert.Equal("198.51.100.7", e.IpAddress));
    }

    [Fact]
    public async Task An_admin_clears_the_sign_in_limits_on_every_instance_and_it_is_audited()
    {
        var (userId, email, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        using var instance = TestPeerAddress.Instance(app.Factory);
        using var client = TestPeerAddress.Browser(instance, "198.51.100.8");
        for (var attempt = 0; attempt < SignInThrottle.MaxFailures; attempt++)
        {
            using var failed = await StaffSignIn.PostPasswordAsync(client, email, "guess-" + attempt.ToString("D8", CultureInfo.InvariantCulture));
        }

        await app.WithScopeAsync(async s =>
        {
            // And locked by wrong second factors.
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, DateTimeOffset.UtcNow.AddMinutes(15));
        });

        using (var blocked = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password))
        {
            Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        }

        // The administrator works on the other instance: the clearing reaches this one through the database.
        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var page = await admin.Client.GetDocumentAsync($"/staff/admin/accounts/{userId}");
        Assert.NotNull(page.QuerySelector("#clear-limits-form"));
        using (var cleared = await StaffSignIn.PostFormAsync(admin.Client, $"/staff/admin/accounts/{userId}?handler=ClearSignInLimits", page, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
            Assert.Equal($"/staff/admin/accounts/{userId}?done=sign-in-limits-cleared", StaffSignIn.Location(cleared));
        }

        Assert.Null((await UserAsync(userId)).LockoutEnd);
        using (var signedIn = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/staff/account/enrol", signedIn.Headers.Location?.OriginalString);
        }

        var recorded = Assert.Single(await app.WithDbAsync(db =>
            db.AuditEvents.Where(e => e.Action == AuditActions.AccountSignInLimitsCleared && e.Details!.Contains(userId)).ToListAsync()));
        Assert.Equal(admin.UserId, recorded.ActorId);
        Assert.DoesNotContain(email, recorded.Details!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_disabled_account_stays_disabled_when_its_limits_are_cleared()
    {
        var (userId, email, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, DateTimeOffset.MaxValue);
        });

        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var page = await admin.Client.GetDocumentAsync($"/staff/admin/accounts/{userId}");
        using (var cleared = await StaffSignIn.PostFormAsync(admin.Client, $"/staff/admin/accounts/{userId}?handler=ClearSignInLimits", page, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        }

        Assert.True((await UserAsync(userId)).LockoutEnd >= AccountAdministration.DisabledFrom);
        using var client = app.Factory.CreateBrowserClient();
        using var refused = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password);
        Assert.Contains(InvalidMessage, (await Html.ParseAsync(refused)).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_ascii_return_address_survives_the_sign_in_encoded()
    {
        var (_, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);
        using var client = app.Factory.CreateBrowserClient();
        var url = "/staff/account/sign-in?returnUrl=" + Uri.EscapeDataString("/staff/状況\u3000一覧");
        using var afterPassword = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password, url);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        var twoFactor = afterPassword.Headers.Location!.OriginalString;
        Assert.StartsWith("/staff/account/two-factor?returnUrl=", twoFactor, StringComparison.Ordinal);

        var page = await client.GetDocumentAsync(twoFactor);
        using var done = await StaffSignIn.PostFormAsync(client, twoFactor.Replace("?", "?handler=Code&", StringComparison.Ordinal), page,
            new() { ["Code"] = StaffSignIn.Code(key!) });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/staff/%E7%8A%B6%E6%B3%81%E3%80%80%E4%B8%80%E8%A6%A7", done.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> PasswordThenCodeAsync(HttpClient client, string email, string code)
    {
        using var afterPassword = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password);
        Assert.Equal("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString);
        var page = await client.GetDocumentAsync("/staff/account/two-factor");
        return await StaffSignIn.PostFormAsync(client, "/staff/account/two-factor?handler=Code", page, new() { ["Code"] = code });
    }

    private Task<StaffUser> UserAsync(string id) =>
        app.WithScopeAndReturnAsync(async s => (await s.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(id))!);

    private static async Task AssertNoStaffAccessAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/staff", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(StaffIdentityRegistration.SignInPath, StaffSignIn.Location(response), StringComparison.Ordinal);
    }
}

public sealed class SignInHardeningTestsOnSqlite(StaffSqliteAppFixture app) : SignInHardeningTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class SignInHardeningTestsOnPostgres(StaffPostgresAppFixture app) : SignInHardeningTests(app), IClassFixture<StaffPostgresAppFixture>;
