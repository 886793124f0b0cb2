using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Account;

/// <summary>
/// The password step. An unknown email, a wrong password and a locked account get the same answer; five failures from
/// one address block that address for that account for 15 minutes (<see cref="SignInThrottle"/>). A correct password
/// leads to the code page, or to the authenticator enrolment when the account has none.
/// </summary>
public sealed partial class SignInModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffAccountFlow flow,
    SignInThrottle throttle,
    ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "signed-out")]
    public bool SignedOut { get; set; }

    public SignInProblem Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // A half-finished sign-in in this browser is forgotten when the sign-in page is shown again.
        await StaffAccountFlow.EndSecondStepAsync(HttpContext);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var next = await CheckPasswordAsync();
        if (next is null)
        {
            // A failed attempt also forgets an earlier half-finished sign-in in this browser.
            await StaffAccountFlow.EndSecondStepAsync(HttpContext);
            return Page();
        }

        return LocalRedirect(StaffAccountFlow.WithReturnUrl(next, StaffAccountFlow.SafeReturnUrl(Url, ReturnUrl)));
    }

    /// <summary>
    /// The page to go to after a correct password, or null with <see cref="Problem"/> set. An unknown email, a wrong
    /// password, a locked or disabled account and a throttled address all get the same answer after the same work (one
    /// password hash check), so neither the text nor the time tells which emails exist or which accounts are locked.
    /// </summary>
    private async Task<string?> CheckPasswordAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            Problem = SignInProblem.Missing;
            return null;
        }

        var email = Input.Email.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = await users.FindByEmailAsync(email);
        var account = user?.Id ?? SignInThrottle.UnknownAccount(email);
        Problem = SignInProblem.Invalid;

        if (throttle.IsBlocked(account, address, out var since) && (user is null || !await throttle.ClearedSinceAsync(users, user, address, since)))
        {
            VerifyForTiming(user);
            LogThrottled(logger, user?.Id);
            user?.RecordSignInThrottled();
            await flow.SaveAsync(user, user is null ? new Domain.Events.StaffSignInThrottled(null) : null);
            return null;
        }

        if (user is null)
        {
            VerifyForTiming(null);
            throttle.RecordFailure(account, address);
            LogUnknownUser(logger);
            await flow.SaveAsync(null, new Domain.Events.StaffSignInFailed(null, "unknown_user"));
            return null;
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Disabled by an administrator, or locked by wrong second factors: the password is not even looked at, but
            // the hash work is done all the same.
            VerifyForTiming(user);
            LogLockedOut(logger, user.Id);
            user.RecordLockedOut();
            await flow.SaveAsync(user);
            return null;
        }

        // No account-wide lockout for a wrong password (see SignInThrottle); wrong second factors still lock the account.
        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            throttle.RecordFailure(account, address);
            LogWrongPassword(logger, user.Id);
            user.RecordSignInFailed(result.IsNotAllowed ? "not_allowed" : "wrong_password");
            await flow.SaveAsync(user);
            return null;
        }

        throttle.Reset(account, address);
        Problem = SignInProblem.None;
        await flow.StartSecondStepAsync(HttpContext, user);
        return await users.GetTwoFactorEnabledAsync(user) ? StaffAccountFlow.TwoFactorPage : StaffAccountFlow.EnrolPage;
    }

    /// <summary>One password hash check whose answer is not used: the cost of a real check, on a path that has none.</summary>
    private void VerifyForTiming(StaffUser? user) =>
        users.PasswordHasher.VerifyHashedPassword(user ?? new StaffUser(), user?.PasswordHash ?? DummyHash.Value, Input.Password!);

    public sealed class SignInInput
    {
        [DataType(DataType.EmailAddress)]
        public string? Email { get; set; }

        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff sign-in failed: unknown account")]
    private static partial void LogUnknownUser(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff sign-in failed: wrong password for user {UserId}")]
    private static partial void LogWrongPassword(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff user {UserId} is locked out")]
    private static partial void LogLockedOut(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff sign-in refused: too many failures for user {UserId} from this address")]
    private static partial void LogThrottled(ILogger logger, string? userId);
}

public enum SignInProblem
{
    None,
    Missing,
    Invalid,
}
