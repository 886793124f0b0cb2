using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Account;

/// <summary>
/// The steps of a staff sign-in. The password step only ever issues the short-lived two-factor cookie (the user id);
/// the application cookie, the only one the /staff policies accept, is issued after a second factor: an authenticator
/// code, a recovery code, or the code that completes the enrolment of a new authenticator.
/// </summary>
public sealed class StaffAccountFlow(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    AuditTrail audit,
    PrivacyDeskDbContext db)
{
    public const string SignInPage = "/staff/account/sign-in";
    public const string TwoFactorPage = "/staff/account/two-factor";
    public const string EnrolPage = "/staff/account/enrol";
    public const string Home = "/staff";

    /// <summary>After a correct password: remember only the user id, in the two-factor cookie.</summary>
    public async Task StartSecondStepAsync(HttpContext http, StaffUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The user who passed the password step in this browser, or null.</summary>
    public Task<StaffUser?> PendingUserAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    public static Task EndSecondStepAsync(HttpContext http) => http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);

    /// <summary>The full session, marked as passed the second factor (the policies require the mark).</summary>
    public async Task SignInWithSecondFactorAsync(HttpContext http, StaffUser user)
    {
        await EndSecondStepAsync(http);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(StaffIdentityRegistration.MultiFactorClaimType, StaffIdentityRegistration.MultiFactorClaimValue)]);
    }

    /// <summary>
    /// Saves what happened to <paramref name="user"/> (the events its Record… methods raised) as its audit rows, acting
    /// as that user (the sign-in is not complete yet); <paramref name="withoutAccount"/> is an event of a sign-in that
    /// matched no account, recorded as "anonymous".
    /// </summary>
    public async Task SaveAsync(StaffUser? user, Domain.Events.IDomainEvent? withoutAccount = null)
    {
        var role = user is null ? null : string.Join(",", await users.GetRolesAsync(user));
        using var actor = audit.UseActor(user?.Id ?? "anonymous", role);
        if (withoutAccount is not null)
        {
            audit.Raise(withoutAccount);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A code as typed: spaces and hyphens removed.</summary>
    public static string NormalizeCode(string? code) =>
        new((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>A local return address, percent-encoded so that any content is a valid Location header; else the menu.</summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl) => Hosting.LocalUrls.Safe(url, returnUrl, Home);

    public static string WithReturnUrl(string page, string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || returnUrl == Home ? page : $"{page}?returnUrl={Uri.EscapeDataString(returnUrl)}";
}
