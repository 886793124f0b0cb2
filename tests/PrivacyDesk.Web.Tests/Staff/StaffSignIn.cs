using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Staff;

/// <summary>A browser signed in as a staff member through the real pages (password, then TOTP).</summary>
public sealed record StaffSession(HttpClient Client, string UserId, string Email, string AuthenticatorKey, IReadOnlyList<string> RecoveryCodes)
    : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>
/// Staff accounts for tests: create one with a role through the app's UserManager, and sign in through the real
/// sign-in, enrolment and code pages, as a person would.
/// <code>using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
/// var page = await staff.Client.GetDocumentAsync("/staff/queue");</code>
/// </summary>
public static class StaffSignIn
{
    /// <summary>The password of every test account (long enough for the 12-character rule).</summary>
    public const string Password = "correct-horse-battery-staple";

    public const string SignInUrl = "/staff/account/sign-in";

    public static string NewEmail() => $"staff-{Guid.NewGuid():N}@staff.example";

    /// <summary>Creates a user with <paramref name="role"/>; with <paramref name="withAuthenticator"/> it already has TOTP set up.</summary>
    public static async Task<(string UserId, string Email, string? AuthenticatorKey)> CreateUserAsync(
        AppFixture app, string role, bool withAuthenticator = false, string? email = null, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        email ??= NewEmail();
        return await app.WithScopeAndReturnAsync(async services =>
        {
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var name in StaffRoles.All)
            {
                if (!await roles.RoleExistsAsync(name))
                {
                    // Another test may create it at the same moment.
                    _ = await roles.CreateAsync(new IdentityRole(name));
                }
            }

            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName ?? "試験 職員" };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
            string? key = null;
            if (withAuthenticator)
            {
                Check(await users.ResetAuthenticatorKeyAsync(user));
                key = await users.GetAuthenticatorKeyAsync(user);
                Check(await users.SetTwoFactorEnabledAsync(user, true));
            }

            return (user.Id, email, key);
        });
    }

    /// <summary>A new user with <paramref name="role"/>, signed in through the pages, enrolling an authenticator on the way.</summary>
    public static async Task<StaffSession> SignInAsync(AppFixture app, string role, string? displayName = null)
    {
        var (userId, email, _) = await CreateUserAsync(app, role, displayName: displayName);
        return await SignInAndEnrolAsync(app, userId, email);
    }

    /// <summary>Signs in an existing user who has no authenticator yet, and enrols one.</summary>
    public static async Task<StaffSession> SignInAndEnrolAsync(AppFixture app, string userId, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.Factory.CreateBrowserClient();
        using var afterPassword = await PostPasswordAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith("/staff/account/enrol", afterPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var enrol = await client.GetDocumentAsync("/staff/account/enrol");
        var key = SharedKey(enrol);
        using var done = await PostFormAsync(client, "/staff/account/enrol", enrol, new() { ["Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var page = await Html.ParseAsync(done);
        var codes = page.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(10, codes.Length);
        return new StaffSession(client, userId, email, key, codes);
    }

    /// <summary>Signs in a user who already has an authenticator (<paramref name="key"/>).</summary>
    public static async Task<HttpClient> SignInWithCodeAsync(AppFixture app, string email, string key, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        client ??= app.Factory.CreateBrowserClient();
        using var afterPassword = await PostPasswordAsync(client, email, Password);
        Assert.StartsWith("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var page = await client.GetDocumentAsync("/staff/account/two-factor");
        using var response = await PostFormAsync(client, "/staff/account/two-factor?handler=Code", page, new() { ["Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>The password step: GET the sign-in page for its antiforgery token, then POST.</summary>
    public static async Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string email, string password, string url = SignInUrl)
    {
        var page = await client.GetDocumentAsync(url);
        return await PostFormAsync(client, url, page, new() { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>POSTs <paramref name="fields"/> with the antiforgery token of <paramref name="page"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IDocument page, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        fields["__RequestVerificationToken"] = page.AntiforgeryToken();
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>The shared key shown on the enrolment page, as an authenticator app would read it.</summary>
    public static string SharedKey(IDocument enrolPage)
    {
        ArgumentNullException.ThrowIfNull(enrolPage);
        var shown = enrolPage.QuerySelector("#shared-key")?.TextContent ?? throw new InvalidOperationException("No shared key on the page.");
        return shown.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStep = new();

    /// <summary>
    /// A TOTP code for <paramref name="key"/> that the app has not accepted yet, as a person would type the next code
    /// shown by the app: each code is accepted once, so a second sign-in within the same 30 seconds uses the next
    /// step's code (the app allows one step of drift), waiting for it when even that one was used.
    /// </summary>
    public static string Code(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var last = LastStep.GetOrAdd(key, long.MinValue);
            var step = Math.Max(now, last + 1);
            if (step > now + 1)
            {
                Thread.Sleep(TimeSpan.FromSeconds(30 - (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30)));
                continue;
            }

            if (LastStep.TryUpdate(key, step, last))
            {
                return CodeAt(key, step);
            }
        }
    }

    /// <summary>The code of one 30-second time step (for replay tests).</summary>
    public static string CodeAt(string key, long step) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);

    /// <summary>The current time step.</summary>
    public static long CurrentStep => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    /// <summary>A 6-digit code that is not valid now (nor in the neighbouring time steps).</summary>
    public static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var now = DateTime.UtcNow;
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        for (var candidate = 0; ; candidate++)
        {
            var code = candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!valid.Contains(code))
            {
                return code;
            }
        }
    }

    /// <summary>Where a redirect points, as a local path and query (cookie challenges give absolute addresses).</summary>
    public static string? Location(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location;
        return location is null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

/// <summary>
/// An app for staff tests: the per-IP POST limit is lifted, since one test class signs in many times from one address;
/// sessions recheck their account on every request (the product rechecks every minute), so that a test sees a disabled
/// account or a changed role take effect at once, and every staff test goes through the refreshed session.
/// </summary>
internal static class StaffSettings
{
    public static IDictionary<string, string?> Values => new Dictionary<string, string?>
    {
        ["AbuseProtection:PostsPerMinute"] = "100000",
        ["AbuseProtection:StatusLookupsPerMinute"] = "100000",
        [PrivacyDesk.Web.Identity.StaffIdentityRegistration.SessionRecheckSetting] = "0",
    };
}

/// <inheritdoc cref="StaffSettings"/>
public sealed class StaffSqliteAppFixture : AppFixture
{
    public override string ProviderName => "Sqlite";

    protected override IDictionary<string, string?> Settings => StaffSettings.Values;

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

/// <inheritdoc cref="StaffSqliteAppFixture"/>
public sealed class StaffPostgresAppFixture : AppFixture
{
    public override string ProviderName => "Postgres";

    protected override IDictionary<string, string?> Settings => StaffSettings.Values;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
