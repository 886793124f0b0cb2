using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Account;

/// <summary>POST /staff/account/sign-out ends the session (and any half-finished sign-in) in this browser.</summary>
public sealed partial class SignOutModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffAccountFlow flow,
    ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        await signIn.SignOutAsync();
        if (user is not null)
        {
            LogSignedOut(logger, user.Id);
            user.RecordSignedOut();
            await flow.SaveAsync(user);
        }

        return LocalRedirect(StaffAccountFlow.SignInPage + "?signed-out=true");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} signed out")]
    private static partial void LogSignedOut(ILogger logger, string userId);
}
