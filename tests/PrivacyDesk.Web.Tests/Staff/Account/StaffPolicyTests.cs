using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Tests.Staff.Account;

/// <summary>The policy/role table and the /Staff folder convention, checked through the registered services.</summary>
public sealed class StaffPolicyTests
{
    // Written out by hand (not read from StaffPolicies.Roles), so that a change to the table has to change this test.
    public static TheoryData<string, string, bool> Table()
    {
        var allowed = new Dictionary<string, string[]>
        {
            ["staff.read"] = ["Staff", "Supervisor", "Auditor", "Admin"],
            ["staff.work"] = ["Staff", "Supervisor", "Admin"],
            ["staff.approve"] = ["Supervisor", "Admin"],
            ["staff.admin"] = ["Admin"],
            ["staff.audit"] = ["Auditor", "Admin"],
        };
        var data = new TheoryData<string, string, bool>();
        foreach (var (policy, roles) in allowed)
        {
            foreach (var role in new[] { "Staff", "Supervisor", "Auditor", "Admin" })
            {
                data.Add(policy, role, roles.Contains(role));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_policy_allows_exactly_its_roles(string policy, string role, bool allowed)
    {
        var authorization = Services().GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(Principal(role, mfa: true), policy);
        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task An_auditor_is_refused_work_but_may_read_and_audit()
    {
        var authorization = Services().GetRequiredService<IAuthorizationService>();
        var auditor = Principal(StaffRoles.Auditor, mfa: true);
        Assert.False((await authorization.AuthorizeAsync(auditor, StaffPolicies.WorkRequests)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(auditor, StaffPolicies.ApproveDecisions)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(auditor, StaffPolicies.ReadRequests)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(auditor, StaffPolicies.Audit)).Succeeded);
    }

    [Theory]
    [InlineData(StaffPolicies.ReadRequests)]
    [InlineData(StaffPolicies.WorkRequests)]
    [InlineData(StaffPolicies.ApproveDecisions)]
    [InlineData(StaffPolicies.Administer)]
    [InlineData(StaffPolicies.Audit)]
    public async Task No_policy_accepts_a_session_without_the_second_factor(string policy)
    {
        var authorization = Services().GetRequiredService<IAuthorizationService>();
        Assert.False((await authorization.AuthorizeAsync(Principal(StaffRoles.Admin, mfa: false), policy)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), policy)).Succeeded);
    }

    [Fact]
    public void Identity_options_follow_the_security_rules()
    {
        var identity = Services().GetRequiredService<IOptions<IdentityOptions>>().Value;
        Assert.Equal(12, identity.Password.RequiredLength);
        Assert.Equal(5, identity.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(15), identity.Lockout.DefaultLockoutTimeSpan);
        Assert.True(identity.Lockout.AllowedForNewUsers);
        Assert.True(identity.User.RequireUniqueEmail);

        var cookie = Services().GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        Assert.Equal("pd.staff", cookie.Cookie.Name);
        Assert.True(cookie.Cookie.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Strict, cookie.Cookie.SameSite);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest, cookie.Cookie.SecurePolicy);
        Assert.True(cookie.SlidingExpiration);
        Assert.Equal(TimeSpan.FromMinutes(30), cookie.ExpireTimeSpan);
        Assert.Equal("/staff/account/sign-in", cookie.LoginPath);
        Assert.Equal("/staff/account/access-denied", cookie.AccessDeniedPath);
    }

    /// <summary>Runs the page conventions on a model of <paramref name="viewEnginePath"/>: the policy it ends up with, or null if anonymous.</summary>
    private static string? PolicyOf(RazorPagesOptions options, string viewEnginePath)
    {
        var descriptor = new Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor
        {
            RelativePath = "/Pages" + viewEnginePath + ".cshtml",
            ViewEnginePath = viewEnginePath,
            AreaName = null,
        };
        var model = new PageApplicationModel(descriptor, typeof(object).GetTypeInfo(), typeof(object).GetTypeInfo(), []);
        foreach (var convention in options.Conventions.OfType<IPageApplicationModelConvention>())
        {
            convention.Apply(model);
        }

        if (model.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        return model.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).SingleOrDefault();
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRazorPages();
        services.AddStaffIdentity();
        return services.BuildServiceProvider();
    }

    private static ClaimsPrincipal Principal(string role, bool mfa)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        if (mfa)
        {
            identity.AddClaim(new Claim("amr", "mfa"));
        }

        return new ClaimsPrincipal(identity);
    }
}
