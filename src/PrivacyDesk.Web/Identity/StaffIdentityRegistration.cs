using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Identity;

/// <summary>
/// Staff sign-in: ASP.NET Core Identity on our own pages (Pages/Staff/Account), TOTP required for everyone, and the
/// back-office authorization policies. Every page under /Staff needs at least <see cref="StaffPolicies.ReadRequests"/>
/// unless it is an account page, so a new page without its own policy is still protected.
/// </summary>
public static class StaffIdentityRegistration
{
    public const string SignInPath = "/staff/account/sign-in";
    public const string AccessDeniedPath = "/staff/account/access-denied";
    public const string ApplicationCookieName = "pd.staff";
    public const string TwoFactorCookieName = "pd.staff.2fa";

    /// <summary>The "amr" claim value given only by a completed second factor (code, recovery code or enrolment).</summary>
    public const string MultiFactorClaimType = "amr";
    public const string MultiFactorClaimValue = "mfa";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxFailedAccessAttempts = 5;
    public const int RequiredPasswordLength = 12;

    /// <summary>Seconds between a session's rechecks of its account (disabled, roles, password or 2FA changed).</summary>
    public const string SessionRecheckSetting = "StaffSessions:RecheckSeconds";
    public const int DefaultSessionRecheckSeconds = 60;

    public static IServiceCollection AddStaffIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(o =>
            {
                o.ApplicationCookie?.Configure(c =>
                {
                    Harden(c, ApplicationCookieName);
                    c.ExpireTimeSpan = SessionLifetime;
                    c.SlidingExpiration = true;
                    c.LoginPath = SignInPath;
                    c.AccessDeniedPath = AccessDeniedPath;
                    c.LogoutPath = "/staff/account/sign-out";
                    c.ReturnUrlParameter = "returnUrl";

                    // The handler builds these redirects from the request's Host header; a path alone reflects nothing.
                    c.Events.OnRedirectToLogin = context => RedirectToPath(context);
                    c.Events.OnRedirectToAccessDenied = context => RedirectToPath(context);
                });

                // Holds only the user id between the password step and the second factor (or the enrolment).
                o.TwoFactorUserIdCookie?.Configure(c =>
                {
                    Harden(c, TwoFactorCookieName);
                    c.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                    c.SlidingExpiration = false;
                });
                o.TwoFactorRememberMeCookie?.Configure(c => Harden(c, "pd.staff.2fa-remember"));
                o.ExternalCookie?.Configure(c => Harden(c, "pd.staff.external"));
            });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = RequiredPasswordLength;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;

                // Authenticator codes are accepted once (the last accepted time step is stored per user).
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorTokenProvider.ProviderName;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PrivacyDeskDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(OneTimeAuthenticatorTokenProvider.ProviderName)
            .AddErrorDescriber<StaffIdentityErrorDescriber>();

        // The EF store, with authenticator keys and recovery codes sealed under the master key (not in the database).
        services.Replace(ServiceDescriptor.Scoped<IUserStore<StaffUser>, SealedTokenUserStore>());

        // The cookies validate the security stamp (sign-out everywhere after a password or 2FA change); a refreshed
        // principal keeps the second-factor mark of the session it replaces.
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<StaffUser>>();
        services.TryAddScoped<ITwoFactorSecurityStampValidator, TwoFactorSecurityStampValidator<StaffUser>>();
        services.AddScoped<StaffDirectory>();
        services.AddOptions<StaffSessionOptions>().BindConfiguration(StaffSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<Microsoft.Extensions.Options.IOptions<StaffSessionOptions>>(
            (o, sessions) => o.ValidationInterval = TimeSpan.FromSeconds(sessions.Value.RecheckSeconds));
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            var mfa = context.CurrentPrincipal?.FindFirst(c => c.Type == MultiFactorClaimType && c.Value == MultiFactorClaimValue);
            if (mfa is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(MultiFactorClaimType, MultiFactorClaimValue))
            {
                identity.AddClaim(new Claim(MultiFactorClaimType, MultiFactorClaimValue));
            }

            return Task.CompletedTask;
        });

        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in StaffPolicies.Roles)
            {
                // The role alone is not enough: only a session that passed the second factor carries "amr" = "mfa".
                o.AddPolicy(policy, p => p
                    .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                    .RequireAuthenticatedUser()
                    .RequireClaim(MultiFactorClaimType, MultiFactorClaimValue)
                    .RequireRole(roles));
            }
        });

        services.AddScoped<Pages.Staff.Account.StaffAccountFlow>();
        services.AddSingleton<SignInThrottle>();

        return services;
    }

    /// <summary>
    /// Every page under /Staff needs at least <see cref="StaffPolicies.ReadRequests"/>, so a new page without its own
    /// policy is still protected; only the account pages (sign-in, 2FA) are open. Pass to <c>AddRazorPages</c>.
    /// </summary>
    public static void ProtectStaffFolder(RazorPagesOptions options)
    {
        options.Conventions.AuthorizeFolder("/Staff", StaffPolicies.ReadRequests);
        options.Conventions.AllowAnonymousToFolder("/Staff/Account");

        // The auditors' pages (read-only): Auditor and Admin, after the same sign-in with a second factor.
        options.Conventions.AuthorizeFolder("/Audit", StaffPolicies.Audit);
    }

    private static Task RedirectToPath(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    private static void Harden(CookieAuthenticationOptions cookie, string name)
    {
        cookie.Cookie.Name = name;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.IsEssential = true;
    }
}
