using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Account;

/// <summary>
/// The password step. An unknown email and a wrong password get the same answer; five failures lock the account for
/// 15 minutes. A correct password leads to the code page, or to the authenticator enrolment when the account has none.
/// </summary>
public sealed partial class SignInModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffAccountFlow flow,
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

    /// <summary>The page to go to after a correct password, or null with <see cref="Problem"/> set.</summary>
    private async Task<string?> CheckPasswordAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            Problem = SignInProblem.Missing;
            return null;
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Same work and answer as a wrong password, so that the answer does not tell which emails exist.
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHash.Value, Input.Password);
            LogUnknownUser(logger);
            await flow.RecordAsync(StaffAccountFlow.Actions.SignInFailed, null, new { reason = "unknown_user" });
            Problem = SignInProblem.Invalid;
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, user.Id);
            await flow.RecordAsync(StaffAccountFlow.Actions.LockedOut, user, new { userId = user.Id });
            Problem = SignInProblem.LockedOut;
            return null;
        }

        if (!result.Succeeded)
        {
            LogWrongPassword(logger, user.Id);
            await flow.RecordAsync(StaffAccountFlow.Actions.SignInFailed, user, new { userId = user.Id, reason = result.IsNotAllowed ? "not_allowed" : "wrong_password" });
            Problem = SignInProblem.Invalid;
            return null;
        }

        await flow.StartSecondStepAsync(HttpContext, user);
        return await users.GetTwoFactorEnabledAsync(user) ? StaffAccountFlow.TwoFactorPage : StaffAccountFlow.EnrolPage;
    }

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
}

public enum SignInProblem
{
    None,
    Missing,
    Invalid,
    LockedOut,
}
