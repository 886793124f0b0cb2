using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Identity;
using QRCoder;

namespace PrivacyDesk.Web.Pages.Staff.Account;

/// <summary>
/// Authenticator enrolment, required before a first session: after the password step, an account without two-factor
/// sees its shared key and a QR code, and proves it with a code. Only then is two-factor enabled, ten recovery codes
/// issued (shown this once) and the session started. An account that already has an authenticator can never come here
/// with the password alone.
/// </summary>
public sealed partial class EnrolModel(
    UserManager<StaffUser> users,
    StaffAccountFlow flow,
    ILogger<EnrolModel> logger) : PageModel
{
    public const string Issuer = "PrivacyDesk";
    public const int RecoveryCodeCount = 10;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string SharedKey { get; private set; } = string.Empty;
    public string QrCodeDataUri { get; private set; } = string.Empty;
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public EnrolProblem Problem { get; private set; }

    public string ContinueUrl => StaffAccountFlow.SafeReturnUrl(Url, ReturnUrl);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await flow.PendingUserAsync();
        if (user is null || user.TwoFactorEnabled)
        {
            return Away(user);
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await flow.PendingUserAsync();
        if (user is null || user.TwoFactorEnabled)
        {
            return Away(user);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return await LockedOutAsync(user);
        }

        var code = StaffAccountFlow.NormalizeCode(Code);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            Problem = EnrolProblem.CodeFormat;
            await LoadKeyAsync(user);
            return Page();
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            // Wrong codes count towards the lockout, as on the code page.
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                return await LockedOutAsync(user);
            }

            LogWrongCode(logger, user.Id);
            user.RecordSecondFactorFailed("enrolment");
            await flow.SaveAsync(user);
            Problem = EnrolProblem.WrongCode;
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await users.ResetAccessFailedCountAsync(user);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToArray() ?? [];
        await flow.SignInWithSecondFactorAsync(HttpContext, user);
        LogEnrolled(logger, user.Id);
        user.RecordTwoFactorEnabled();
        user.RecordSignedIn("enrolment");
        await flow.SaveAsync(user);

        // The codes are in this response only; never stored in plain text, never shown again.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<IActionResult> LockedOutAsync(StaffUser user)
    {
        await StaffAccountFlow.EndSecondStepAsync(HttpContext);
        user.RecordLockedOut();
        await flow.SaveAsync(user);
        Problem = EnrolProblem.LockedOut;
        return Page();
    }

    private LocalRedirectResult Away(StaffUser? user) => LocalRedirect(StaffAccountFlow.WithReturnUrl(
        user is null ? StaffAccountFlow.SignInPage : StaffAccountFlow.TwoFactorPage, StaffAccountFlow.SafeReturnUrl(Url, ReturnUrl)));

    private async Task LoadKeyAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was generated.");
        }

        SharedKey = FormatKey(key);
        var account = await users.GetEmailAsync(user) ?? user.Id;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The key in lower-case groups of four, as authenticator apps show it.</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString().ToLowerInvariant();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} enrolled an authenticator")]
    private static partial void LogEnrolled(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} gave a wrong enrolment code")]
    private static partial void LogWrongCode(ILogger logger, string userId);
}

public enum EnrolProblem
{
    None,
    CodeFormat,
    WrongCode,
    LockedOut,
}
