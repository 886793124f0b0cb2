using PrivacyDesk.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Staff.Account;

/// <summary>The PRIVACYDESK_PASSWORD variable is process-wide: these classes never run at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PasswordVariableGroup
{
    public const string Name = "PRIVACYDESK_PASSWORD";
}

/// <summary>create-user, run in-process on the app's own services.</summary>
public abstract class CreateUserCommandTests(AppFixture app)
{
    private const string StrongPassword = "a-long-enough-admin-passphrase";

    [Fact]
    public async Task Creates_an_admin_who_signs_in_with_enrolment()
    {
        var email = StaffSignIn.NewEmail();
        var (exit, output, error) = await RunAsync(StrongPassword, "create-user", "--email", email, "--role", "admin", "--name", "管理 太郎");
        Assert.True(exit == 0, error);
        Assert.DoesNotContain(email, output, StringComparison.OrdinalIgnoreCase);

        var (userId, roles, displayName) = await app.WithScopeAndReturnAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            return (user.Id, await users.GetRolesAsync(user), user.DisplayName);
        });
        Assert.Equal([StaffRoles.Admin], roles);
        Assert.Equal("管理 太郎", displayName);
        Assert.True(await app.WithScopeAndReturnAsync(async s =>
        {
            var roleManager = s.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in StaffRoles.All)
            {
                if (!await roleManager.RoleExistsAsync(role))
                {
                    return false;
                }
            }

            return true;
        }));

        var created = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditActions.AccountCreated && e.Details!.Contains(userId)));
        Assert.DoesNotContain(email, created.Details, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"via\":\"create-user\"", created.Details, StringComparison.Ordinal);
        Assert.Equal("system", created.ActorId);

        using var session = await StaffSignIn.SignInAndEnrolAsync(app, userId, email, StrongPassword);
        var menu = await session.Client.GetDocumentAsync("/staff");
        Assert.Equal("管理 太郎", menu.QuerySelector("#display-name")?.TextContent.Trim());
        Assert.Equal("管理者", menu.QuerySelector("#roles")?.TextContent.Trim());
        Assert.DoesNotContain(email, app.Factory.Logs.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_Japanese_and_English_reasons()
    {
        var email = StaffSignIn.NewEmail();
        var (exit, _, error) = await RunAsync("short-pass", "create-user", "--email", email, "--role", "Staff");
        Assert.NotEqual(0, exit);
        Assert.Contains("パスワードは12文字以上にしてください。", error, StringComparison.Ordinal);
        Assert.Contains("Passwords must be at least 12 characters.", error, StringComparison.Ordinal);
        Assert.False(await UserExistsAsync(email));
    }

    /// <summary>The admin page's form rules apply to the command too: a display name over the page's limit is refused.</summary>
    [Fact]
    public async Task The_admin_page_rules_apply_and_a_refused_name_leaves_no_account()
    {
        var email = StaffSignIn.NewEmail();
        var (exit, _, error) = await RunAsync(StrongPassword, "create-user", "--email", email, "--role", "Staff", "--name", new string('名', 101));
        Assert.Equal(1, exit);
        Assert.Contains("表示名は100文字以内で入力してください。", error, StringComparison.Ordinal);
        Assert.Contains("Use at most 100 characters.", error, StringComparison.Ordinal);
        Assert.False(await UserExistsAsync(email));
    }

    [Fact]
    public async Task A_duplicate_email_is_refused()
    {
        var email = StaffSignIn.NewEmail();
        Assert.Equal(0, (await RunAsync(StrongPassword, "create-user", "--email", email, "--role", "Staff")).Exit);
        var (exit, _, error) = await RunAsync(StrongPassword, "create-user", "--email", email.ToUpperInvariant(), "--role", "Admin");
        Assert.NotEqual(0, exit);
        Assert.Contains("このメールアドレスのアカウントは既にあります。", error, StringComparison.Ordinal);
        var roles = await app.WithScopeAndReturnAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
        });
        Assert.Equal([StaffRoles.Staff], roles);
    }

    [Fact]
    public async Task An_unknown_role_or_a_missing_email_is_a_usage_error()
    {
        await Assert.ThrowsAsync<Hosting.CommandUsageException>(() => RunAsync(StrongPassword, "create-user", "--email", StaffSignIn.NewEmail(), "--role", "Root"));
        await Assert.ThrowsAsync<Hosting.CommandUsageException>(() => RunAsync(StrongPassword, "create-user", "--role", "Admin"));
    }

    private async Task<bool> UserExistsAsync(string email) => await app.WithScopeAndReturnAsync(async s =>
        await s.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email) is not null);

    private async Task<(int Exit, string Output, string Error)> RunAsync(string password, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var previous = Environment.GetEnvironmentVariable(CreateUserCommand.PasswordVariable);
        Environment.SetEnvironmentVariable(CreateUserCommand.PasswordVariable, password);
        try
        {
            var command = new CreateUserCommand { Output = output, Error = error };
            var exit = await app.WithScopeAndReturnAsync(s => command.ExecuteAsync(s, args, CancellationToken.None));
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(CreateUserCommand.PasswordVariable, previous);
        }
    }
}

[Collection(PasswordVariableGroup.Name)]
public sealed class CreateUserCommandTestsOnSqlite(StaffSqliteAppFixture app) : CreateUserCommandTests(app), IClassFixture<StaffSqliteAppFixture>;

[Collection(PasswordVariableGroup.Name)]
[Trait("Provider", "Postgres")]
public sealed class CreateUserCommandTestsOnPostgres(StaffPostgresAppFixture app) : CreateUserCommandTests(app), IClassFixture<StaffPostgresAppFixture>;

/// <summary>The command's registration: no app or store involved, checked once.</summary>
public sealed class CreateUserCommandRegistrationTests
{
    [Fact]
    public void The_command_is_registered()
    {
        Assert.Contains(Hosting.AdminCommands.Commands, c => c is CreateUserCommand && c.Name == "create-user");
        Assert.Same(typeof(CreateUserCommand), Hosting.AdminCommands.Find(["create-user", "--email", "x"])?.GetType());
    }
}
