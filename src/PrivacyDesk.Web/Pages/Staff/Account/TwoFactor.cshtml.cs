using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Account;

/// <summary>The second step for an account with an authenticator: a 6-digit code, or one of the recovery codes.</summary>
public sealed partial class TwoFactorModel(
    SignInManager<StaffUser> signIn,
    StaffAccountFlow flow,
    ILogger<TwoFactorModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public TwoFactorProblem Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await flow.PendingUserAsync();
        return user is null ? RedirectToSignIn()
            : !user.TwoFactorEnabled ? LocalRedirect(StaffAccountFlow.WithReturnUrl(StaffAccountFlow.EnrolPage, ReturnUrl))
            : Page();
    }

    public async Task<IActionResult> OnPostCodeAsync()
    {
        var user = await flow.PendingUserAsync();
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToSignIn();
        }

        var code = StaffAccountFlow.NormalizeCode(Code);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            Problem = TwoFactorProblem.CodeFormat;
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        return await CompleteAsync(result, user, "authenticator", TwoFactorProblem.WrongCode);
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        var user = await flow.PendingUserAsync();
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToSignIn();
        }

        var code = StaffAccountFlow.NormalizeCode(RecoveryCode);
        if (code.Length == 0)
        {
            Problem = TwoFactorProblem.WrongRecoveryCode;
            return Page();
        }

        // Identity stores the codes as issued (xxxxx-xxxxx); accept them typed with or without the hyphen.
        if (code.Length == 10)
        {
            code = $"{code[..5]}-{code[5..]}";
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        return await CompleteAsync(result, user, "recovery_code", TwoFactorProblem.WrongRecoveryCode);
    }

    private async Task<IActionResult> CompleteAsync(Microsoft.AspNetCore.Identity.SignInResult result, StaffUser user, string method, TwoFactorProblem wrong)
    {
        if (result.Succeeded)
        {
            LogSignedIn(logger, user.Id, method);
            user.RecordSignedIn(method);
            await flow.SaveAsync(user);
            return LocalRedirect(StaffAccountFlow.SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger, user.Id);
            user.RecordLockedOut();
            await flow.SaveAsync(user);
            await StaffAccountFlow.EndSecondStepAsync(HttpContext);
            Problem = TwoFactorProblem.LockedOut;
            return Page();
        }

        LogWrongCode(logger, user.Id, method);
        user.RecordSecondFactorFailed(method);
        await flow.SaveAsync(user);
        Problem = wrong;
        return Page();
    }

    private LocalRedirectResult RedirectToSignIn() =>
        LocalRedirect(StaffAccountFlow.WithReturnUrl(StaffAccountFlow.SignInPage, StaffAccountFlow.SafeReturnUrl(Url, ReturnUrl)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} signed in ({Method})")]
    private static partial void LogSignedIn(ILogger logger, string userId, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} gave a wrong second factor ({Method})")]
    private static partial void LogWrongCode(ILogger logger, string userId, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff user {UserId} is locked out")]
    private static partial void LogLockedOut(ILogger logger, string userId);
}

public enum TwoFactorProblem
{
    None,
    CodeFormat,
    WrongCode,
    WrongRecoveryCode,
    LockedOut,
}
