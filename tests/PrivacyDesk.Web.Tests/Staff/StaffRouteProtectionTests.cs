using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Staff;

/// <summary>
/// Finds every page under /Staff from the app's own endpoints, so that a new page added without a policy fails here:
/// each needs at least ReadRequests (except the account pages), and an anonymous visitor is sent to sign-in.
/// </summary>
public abstract class StaffRouteProtectionTests(AppFixture app)
{
    private List<RouteEndpoint> StaffPages() => StaffPages(app.Factory.Services);

    internal static List<RouteEndpoint> StaffPages(IServiceProvider services) => services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath is { } path
                    && path.StartsWith("/Staff/", StringComparison.Ordinal) && !path.StartsWith("/Staff/Account/", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_staff_page()
    {
        using var client = app.Factory.CreateBrowserClient();
        var urls = StaffPages()
            .Select(p => Regex.Replace(p.RoutePattern.RawText ?? string.Empty, @"\{family[^}]*\}", "disclosure"))
            .Select(raw => Regex.Replace(raw, @"\{\w*[iI]d:guid\}", Guid.NewGuid().ToString()))
            .Select(raw => "/" + Regex.Replace(raw, @"\{[^}]*\?\}", string.Empty).Trim('/'))
            .Distinct()
            .ToList();
        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}");
            Assert.Contains("/staff/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }
}

public sealed class StaffRouteProtectionTestsOnSqlite(SqliteAppFixture app) : StaffRouteProtectionTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class StaffRouteProtectionTestsOnPostgres(PostgresAppFixture app) : StaffRouteProtectionTests(app), IClassFixture<PostgresAppFixture>;

/// <summary>The policies on the staff pages' endpoints: metadata of the app, the same on either store, checked once.</summary>
public sealed class StaffRoutePolicyTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public void Every_staff_page_requires_a_staff_policy()
    {
        var pages = StaffRouteProtectionTests.StaffPages(app.Factory.Services);
        Assert.Contains(pages, p => p.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath == "/Staff/Queue/Index");
        Assert.Contains(pages, p => p.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath == "/Staff/Intake/Request");
        foreach (var page in pages)
        {
            var policies = page.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToArray();
            Assert.True(policies.Contains(StaffPolicies.ReadRequests) || policies.Any(p => p is not null && StaffPolicies.Roles.ContainsKey(p)),
                $"{page.RoutePattern.RawText} has no staff policy");
            Assert.Null(page.Metadata.GetMetadata<IAllowAnonymous>());
        }
    }
}
