using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Staff.Admin;

/// <summary>
/// Account administration over HTTP, as an administrator would use it, on each provider: create (generated or typed
/// password), change roles, disable and enable, reset the authenticator; refusals for other roles; the protections that
/// keep an active administrator; the audit events. Tests of a class run one after another on one database.
/// </summary>
public abstract class AccountAdminTests(AppFixture app)
{
    private const string Accounts = "/staff/admin/accounts";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDocument page, params (string Name, string Value)[] fields)
    {
        var pairs = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", page.AntiforgeryToken()));
        using var content = new FormUrlEncodedContent(pairs);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    private Task<StaffUser> UserAsync(string id) =>
        app.WithScopeAndReturnAsync(async s => (await s.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(id))!);

    private Task<IList<string>> RolesAsync(string id) =>
        app.WithScopeAndReturnAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            return await users.GetRolesAsync((await users.FindByIdAsync(id))!);
        });

    private Task<List<AuditEvent>> AuditAsync(string action, string userId) =>
        app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == action && e.Details!.Contains(userId)).ToListAsync());

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient admin, string userId, string handler, params (string, string)[] fields)
    {
        var page = await admin.GetDocumentAsync($"{Accounts}/{userId}");
        return await PostAsync(admin, $"{Accounts}/{userId}?handler={handler}", page, fields);
    }

    /// <summary>Disables every administrator except <paramref name="keep"/>, so that the test knows who the active admins are.</summary>
    private Task DisableOtherAdminsAsync(params string[] keep) => app.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<StaffUser>>();
        foreach (var admin in await users.GetUsersInRoleAsync(StaffRoles.Admin))
        {
            if (!keep.Contains(admin.Id))
            {
                await users.SetLockoutEndDateAsync(admin, DateTimeOffset.MaxValue);
            }
        }
    });

    [Fact]
    public async Task An_admin_creates_an_account_with_a_generated_password_and_the_user_must_enrol_an_authenticator()
    {
        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var home = await admin.Client.GetDocumentAsync("/staff");
        Assert.NotNull(home.QuerySelector($"#staff-menu a[href='{Accounts}']"));

        var form = await admin.Client.GetDocumentAsync($"{Accounts}/new");
        var email = StaffSignIn.NewEmail();
        using var response = await PostAsync(admin.Client, $"{Accounts}/new", form,
            ("Input.Email", $"  {email} "), ("Input.DisplayName", "新規 職員"), ("Input.Role", StaffRoles.Supervisor), ("Input.PasswordMode", "generate"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var result = await Html.ParseAsync(response);
        var password = result.QuerySelector("#generated-password")?.TextContent.Trim();
        Assert.NotNull(password);
        Assert.True(password.Length >= 12);
        var userId = result.QuerySelector("#created-account")!.GetAttribute("href")!.Split('/')[^1];

        var user = await UserAsync(userId);
        Assert.Equal(email, user.Email);
        Assert.Equal("新規 職員", user.DisplayName);
        Assert.False(user.TwoFactorEnabled);
        Assert.Equal([StaffRoles.Supervisor], await RolesAsync(userId));

        var created = Assert.Single(await AuditAsync(AuditActions.AccountCreated, userId));
        Assert.Equal(admin.UserId, created.ActorId);
        Assert.DoesNotContain(email, created.Details!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(password, created.Details!, StringComparison.Ordinal);

        // The first sign-in with the generated password goes through the authenticator enrolment.
        using var newcomer = await StaffSignIn.SignInAndEnrolAsync(app, userId, email, password);
        Assert.True((await UserAsync(userId)).TwoFactorEnabled);

        var list = await admin.Client.GetDocumentAsync(Accounts);
        var row = list.QuerySelector($"#accounts tr[data-user-id='{userId}']");
        Assert.NotNull(row);
        Assert.Equal("責任者", row.QuerySelector("[data-field='roles']")!.TextContent.Trim());
        Assert.Equal("設定済み", row.QuerySelector("[data-field='two-factor']")!.TextContent.Trim());
        Assert.NotEqual("記録なし", row.QuerySelector("[data-field='last-sign-in']")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_typed_password_is_checked_and_bad_input_is_explained_in_Japanese_without_creating_anything()
    {
        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var email = StaffSignIn.NewEmail();
        async Task<IDocument> Post(params (string, string)[] fields)
        {
            var form = await admin.Client.GetDocumentAsync($"{Accounts}/new");
            using var response = await PostAsync(admin.Client, $"{Accounts}/new", form, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await Html.ParseAsync(response);
        }

        var empty = await Post(("Input.PasswordMode", "type"));
        var summary = empty.QuerySelector("#error-summary")!.TextContent;
        Assert.Contains("メールアドレスを入力してください。", summary, StringComparison.Ordinal);
        Assert.Contains("表示名を入力してください。", summary, StringComparison.Ordinal);
        Assert.Contains("役割を選んでください。", summary, StringComparison.Ordinal);
        Assert.Contains("初期パスワードを入力してください。", summary, StringComparison.Ordinal);
        Assert.NotNull(empty.QuerySelector("#error-summary a[href='#Input_Email']"));

        var mismatch = await Post(("Input.Email", email), ("Input.DisplayName", "入力 職員"), ("Input.Role", StaffRoles.Staff),
            ("Input.PasswordMode", "type"), ("Input.Password", "a-long-password-1"), ("Input.ConfirmPassword", "a-long-password-2"));
        Assert.Contains("確認用に入力したパスワードが一致しません。", mismatch.QuerySelector("#Input_ConfirmPassword-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, mismatch.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Null(mismatch.QuerySelector("#Input_Password")!.GetAttribute("value"));

        var weak = await Post(("Input.Email", email), ("Input.DisplayName", "入力 職員"), ("Input.Role", StaffRoles.Staff),
            ("Input.PasswordMode", "type"), ("Input.Password", "aaaaaaaaaaaaaa"), ("Input.ConfirmPassword", "aaaaaaaaaaaaaa"));
        Assert.Contains("4種類以上の文字", weak.QuerySelector("#Input_Password-error")!.TextContent, StringComparison.Ordinal);

        var badEmail = await Post(("Input.Email", "not-an-address"), ("Input.DisplayName", "入力 職員"), ("Input.Role", "Root"), ("Input.PasswordMode", "generate"));
        Assert.Contains("メールアドレスの形式が正しくありません", badEmail.QuerySelector("#Input_Email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("役割を選んでください。", badEmail.QuerySelector("#Input_Role-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await app.WithScopeAndReturnAsync(s => s.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email)));

        var done = await Post(("Input.Email", email), ("Input.DisplayName", "入力 職員"), ("Input.Role", StaffRoles.Staff),
            ("Input.PasswordMode", "type"), ("Input.Password", "typed-by-the-admin-42"), ("Input.ConfirmPassword", "typed-by-the-admin-42"));
        Assert.NotNull(done.QuerySelector("#created"));
        Assert.Null(done.QuerySelector("#generated-password"));

        var duplicate = await Post(("Input.Email", email.ToUpperInvariant()), ("Input.DisplayName", "重複 職員"), ("Input.Role", StaffRoles.Staff), ("Input.PasswordMode", "generate"));
        Assert.Contains("このメールアドレスのアカウントは既にあります。", duplicate.QuerySelector("#Input_Email-error")!.TextContent, StringComparison.Ordinal);

        var english = await admin.Client.GetDocumentAsync($"{Accounts}/new?culture=en");
        Assert.Contains("Create an account", english.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_changes_roles_disables_enables_and_resets_the_authenticator_with_audit_events()
    {
        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var (userId, email, key) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff, withAuthenticator: true);

        using (var roles = await ChangeAsync(admin.Client, userId, "Roles", ("RolesInput.Roles", StaffRoles.Supervisor), ("RolesInput.Roles", StaffRoles.Auditor)))
        {
            Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
            Assert.Equal($"{Accounts}/{userId}?done=roles", StaffSignIn.Location(roles));
        }

        Assert.Equal([StaffRoles.Auditor, StaffRoles.Supervisor], (await RolesAsync(userId)).Order());
        var changed = Assert.Single(await AuditAsync(AuditActions.AccountRolesChanged, userId));
        Assert.Contains("\"before\":{\"roles\":[\"Staff\"]}", changed.Details, StringComparison.Ordinal);
        Assert.Contains("\"after\":{\"roles\":[\"Supervisor\",\"Auditor\"]}", changed.Details, StringComparison.Ordinal);
        Assert.Equal(admin.UserId, changed.ActorId);

        using (var noRole = await ChangeAsync(admin.Client, userId, "Roles"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noRole.StatusCode);
            Assert.Contains("役割を1つ以上選んでください。", (await Html.ParseAsync(noRole)).QuerySelector("#problem")!.TextContent, StringComparison.Ordinal);
        }

        using (var locked = await ChangeAsync(admin.Client, userId, "Lock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        }

        Assert.True((await UserAsync(userId)).LockoutEnd >= AccountAdministration.DisabledFrom);
        using (var client = app.Factory.CreateBrowserClient())
        using (var refused = await StaffSignIn.PostPasswordAsync(client, email, StaffSignIn.Password))
        {
            // The same answer as a wrong password: the sign-in page does not tell that the account exists or is disabled.
            Assert.Contains("メールアドレスまたはパスワードが正しくありません。", (await Html.ParseAsync(refused)).QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        }

        var page = await admin.Client.GetDocumentAsync($"{Accounts}/{userId}");
        Assert.Equal("無効", page.QuerySelector("#account-state")!.TextContent.Trim());

        using (var unlocked = await ChangeAsync(admin.Client, userId, "Unlock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        }

        Assert.Null((await UserAsync(userId)).LockoutEnd);
        using (var back = await StaffSignIn.SignInWithCodeAsync(app, email, key!))
        {
        }

        using (var reset = await ChangeAsync(admin.Client, userId, "ResetAuthenticator"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        Assert.False((await UserAsync(userId)).TwoFactorEnabled);
        using (var again = await StaffSignIn.SignInAndEnrolAsync(app, userId, email))
        {
            Assert.NotEqual(key, again.AuthenticatorKey);
        }

        foreach (var action in new[] { AuditActions.AccountLocked, AuditActions.AccountUnlocked, AuditActions.AccountAuthenticatorReset })
        {
            var recorded = Assert.Single(await AuditAsync(action, userId));
            Assert.Equal(admin.UserId, recorded.ActorId);
            Assert.DoesNotContain(email, recorded.Details!, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_disabled_account_or_a_removed_role_takes_effect_on_the_open_session_at_its_next_recheck()
    {
        // The staff fixtures recheck on every request (StaffSettings); the product rechecks every minute.
        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using (var before = await supervisor.Client.GetAsync(new Uri("/staff/intake", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Supervisor → Auditor: the open session ends (the role change renews the security stamp) and the next sign-in
        // carries the new role only.
        using (var roles = await ChangeAsync(admin.Client, supervisor.UserId, "Roles", ("RolesInput.Roles", StaffRoles.Auditor)))
        {
            Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
        }

        using (var queue = await supervisor.Client.GetAsync(new Uri("/staff/queue", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
            Assert.StartsWith(StaffIdentityRegistration.SignInPath, StaffSignIn.Location(queue), StringComparison.Ordinal);
        }

        using var auditor = await StaffSignIn.SignInWithCodeAsync(app, supervisor.Email, supervisor.AuthenticatorKey);
        using (var intake = await auditor.GetAsync(new Uri("/staff/intake", UriKind.Relative)))
        {
            Assert.StartsWith(StaffIdentityRegistration.AccessDeniedPath, StaffSignIn.Location(intake), StringComparison.Ordinal);
        }

        using (var audit = await auditor.GetAsync(new Uri("/audit/events", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        }

        // Disabled: the open session is signed out at its next request, and the sign-in is refused.
        using (var queue = await staff.Client.GetAsync(new Uri("/staff/queue", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        }

        using (var locked = await ChangeAsync(admin.Client, staff.UserId, "Lock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        }

        using (var after = await staff.Client.GetAsync(new Uri("/staff/queue", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith(StaffIdentityRegistration.SignInPath, StaffSignIn.Location(after), StringComparison.Ordinal);
        }

        using (var again = await staff.Client.GetAsync(new Uri("/staff", UriKind.Relative)))
        {
            Assert.StartsWith(StaffIdentityRegistration.SignInPath, StaffSignIn.Location(again), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role_disable_themselves_or_reset_their_own_authenticator()
    {
        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);

        using (var demote = await ChangeAsync(admin.Client, admin.UserId, "Roles", ("RolesInput.Roles", StaffRoles.Staff)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, demote.StatusCode);
            Assert.Contains("自分自身の管理者の役割は外せません", (await Html.ParseAsync(demote)).QuerySelector("#problem")!.TextContent, StringComparison.Ordinal);
        }

        using (var selfLock = await ChangeAsync(admin.Client, admin.UserId, "Lock"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, selfLock.StatusCode);
        }

        using (var selfReset = await ChangeAsync(admin.Client, admin.UserId, "ResetAuthenticator"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, selfReset.StatusCode);
        }

        Assert.Equal([StaffRoles.Admin], await RolesAsync(admin.UserId));
        var user = await UserAsync(admin.UserId);
        Assert.Null(user.LockoutEnd);
        Assert.True(user.TwoFactorEnabled);
        Assert.Empty(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action.StartsWith("account.") && e.Details!.Contains(admin.UserId)).ToListAsync()));

        // Adding a role to oneself is fine.
        using var more = await ChangeAsync(admin.Client, admin.UserId, "Roles", ("RolesInput.Roles", StaffRoles.Admin), ("RolesInput.Roles", StaffRoles.Auditor));
        Assert.Equal(HttpStatusCode.Redirect, more.StatusCode);
    }

    [Fact]
    public async Task The_last_active_administrator_keeps_the_role_and_the_account_even_against_concurrent_changes()
    {
        var (first, _, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Admin, withAuthenticator: true);
        var (second, _, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Admin, withAuthenticator: true);
        await DisableOtherAdminsAsync(first, second);

        // Two administrators demote each other at the same moment: one may succeed, never both.
        var results = await Task.WhenAll(
            Task.Run(() => app.WithScopeAndReturnAsync(s => s.GetRequiredService<AccountAdministration>().SetRolesAsync(first, second, [StaffRoles.Staff]))),
            Task.Run(() => app.WithScopeAndReturnAsync(s => s.GetRequiredService<AccountAdministration>().SetRolesAsync(second, first, [StaffRoles.Staff]))));
        Assert.True(results.Count(r => r.Succeeded) <= 1, "both administrators lost the Admin role");
        var remaining = new List<string>();
        foreach (var id in new[] { first, second })
        {
            if ((await RolesAsync(id)).Contains(StaffRoles.Admin))
            {
                remaining.Add(id);
            }
        }

        Assert.NotEmpty(remaining);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Problem, new[] { AccountAdministration.LastAdminProblem, AccountAdministration.ConflictProblem }.Cast<PrivacyDesk.Domain.Label?>()));

        // Now make one the only active administrator; changes by anyone else that would remove them are refused whole.
        var last = remaining[0];
        await DisableOtherAdminsAsync(last);
        var administration = (Func<AccountAdministration, Task<AccountChange>> change) =>
            app.WithScopeAndReturnAsync(s => change(s.GetRequiredService<AccountAdministration>()));
        var demoted = await administration(a => a.SetRolesAsync("another-actor", last, [StaffRoles.Staff]));
        var disabled = await administration(a => a.LockAsync("another-actor", last));
        Assert.Equal(AccountAdministration.LastAdminProblem, demoted.Problem);
        Assert.Equal(AccountAdministration.LastAdminProblem, disabled.Problem);
        Assert.Contains(StaffRoles.Admin, await RolesAsync(last));
        Assert.Null((await UserAsync(last)).LockoutEnd);
        Assert.Empty(await AuditAsync(AuditActions.AccountLocked, last));
    }

    public static TheoryData<string> NonAdminRoles => new() { StaffRoles.Staff, StaffRoles.Supervisor, StaffRoles.Auditor };

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task Other_roles_are_refused_every_account_page_and_change(string role)
    {
        using var staff = await StaffSignIn.SignInAsync(app, role);
        var (targetId, _, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);

        foreach (var url in new[] { Accounts, $"{Accounts}/new", $"{Accounts}/{targetId}" })
        {
            using var get = await staff.Client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith("/staff/account/access-denied", StaffSignIn.Location(get), StringComparison.Ordinal);
        }

        using (var denied = await staff.Client.GetAsync(new Uri("/staff/account/access-denied", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        // Posts carry a valid antiforgery token (from a page the user may see) and are still refused.
        var home = await staff.Client.GetDocumentAsync("/staff");
        var posts = new (string Url, (string, string)[] Fields)[]
        {
            ($"{Accounts}/new", [("Input.Email", StaffSignIn.NewEmail()), ("Input.DisplayName", "不正 作成"), ("Input.Role", StaffRoles.Admin), ("Input.PasswordMode", "generate")]),
            ($"{Accounts}/{targetId}?handler=Roles", [("RolesInput.Roles", StaffRoles.Admin)]),
            ($"{Accounts}/{targetId}?handler=Lock", []),
            ($"{Accounts}/{targetId}?handler=ResetAuthenticator", []),
            ($"{Accounts}/{staff.UserId}?handler=Roles", [("RolesInput.Roles", StaffRoles.Admin)]),
        };
        foreach (var (url, fields) in posts)
        {
            using var post = await PostAsync(staff.Client, url, home, fields);
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.StartsWith("/staff/account/access-denied", StaffSignIn.Location(post), StringComparison.Ordinal);
        }

        Assert.Equal([StaffRoles.Staff], await RolesAsync(targetId));
        Assert.Equal([role], await RolesAsync(staff.UserId));
        Assert.Null((await UserAsync(targetId)).LockoutEnd);
        Assert.Empty(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action.StartsWith("account.") && e.ActorId == staff.UserId).ToListAsync()));
    }

    [Fact]
    public async Task Posts_without_an_antiforgery_token_are_refused()
    {
        using var admin = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var (targetId, _, _) = await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff);
        using var content = new FormUrlEncodedContent([]);

        using var response = await admin.Client.PostAsync(new Uri($"{Accounts}/{targetId}?handler=Lock", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await UserAsync(targetId)).LockoutEnd);
    }
}

public sealed class AccountAdminTestsOnSqlite(StaffSqliteAppFixture app) : AccountAdminTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class AccountAdminTestsOnPostgres(StaffPostgresAppFixture app) : AccountAdminTests(app), IClassFixture<StaffPostgresAppFixture>;
