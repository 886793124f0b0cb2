using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Foundation;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// An auditor can change nothing: every handler other than GET on every page under /staff (except the account pages)
/// and /audit, found from the app's own endpoints and page handlers so that a new page is covered without editing this
/// test, is called with a valid antiforgery token and must be refused, and no business table changes.
/// </summary>
public abstract class AuditorReadOnlyTests(AppFixture app)
{
    [Fact]
    public async Task An_auditor_is_refused_by_every_state_changing_handler_and_nothing_changes()
    {
        var request = await app.WithDbAsync(async db =>
        {
            var r = await StoreTests.NewRequestAsync(db, RequestFamily.Disclosure, [RequestKind.Disclosure], RequesterType.Principal);
            db.Requests.Add(r);
            await db.SaveChangesAsync();
            return r;
        });

        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);
        var token = (await auditor.Client.GetDocumentAsync("/staff")).AntiforgeryToken();
        var before = await SnapshotAsync();

        var targets = await StateChangingHandlersAsync();
        Assert.NotEmpty(targets);
        foreach (var (method, template, handler) in targets)
        {
            var url = Regex.Replace(template, @"\{family[^}]*\}", "disclosure");
            url = Regex.Replace(url, @"\{id[^}]*\}", request.Id.ToString());
            url = "/" + Regex.Replace(url, @"\{[^}]*\?\}", string.Empty).Trim('/') + (handler is null ? string.Empty : $"?handler={handler}");
            using var message = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Reason"] = "auditor attempt",
                    ["Version"] = "0",
                }),
            };
            using var response = await auditor.Client.SendAsync(message);
            var refused = response.StatusCode is HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && (StaffSignIn.Location(response) ?? string.Empty).Contains("access-denied", StringComparison.Ordinal));
            Assert.True(refused, $"{method} {url} answered {(int)response.StatusCode} {StaffSignIn.Location(response)} to an auditor");
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>(method, route template, handler name) of every non-GET handler of the pages under /Staff and /Audit.</summary>
    private async Task<List<(string Method, string Template, string? Handler)>> StateChangingHandlersAsync()
    {
        var loader = app.Factory.Services.GetRequiredService<PageLoader>();
        var found = new List<(string, string, string?)>();
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page
                || !(page.ViewEnginePath.StartsWith("/Staff/", StringComparison.Ordinal) || page.ViewEnginePath.StartsWith("/Audit/", StringComparison.Ordinal))
                || page.ViewEnginePath.StartsWith("/Staff/Account/", StringComparison.Ordinal))
            {
                continue;
            }

            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            foreach (var handler in compiled.HandlerMethods.Where(h => !string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
            {
                found.Add((handler.HttpMethod.ToUpperInvariant(), endpoint.RoutePattern.RawText ?? string.Empty, handler.Name));
            }
        }

        return found.Distinct().ToList();
    }

    /// <summary>Everything an auditor must not be able to change (audit events are expected to grow).</summary>
    private Task<string> SnapshotAsync() => app.WithDbAsync(async db => string.Join("|",
        await db.Requests.CountAsync(), await db.Requests.SumAsync(r => r.Version), await db.StatusChanges.CountAsync(),
        await db.Documents.CountAsync(), await db.DocumentContents.CountAsync(), await db.FeePayments.CountAsync(),
        await db.Decisions.CountAsync(), await db.Letters.CountAsync(), await db.Outbox.CountAsync(), await db.People.CountAsync(),
        await db.Users.CountAsync(), string.Join(",", (await db.Users.Select(u => u.ConcurrencyStamp).ToListAsync()).Order(StringComparer.Ordinal)),
        await db.UserRoles.CountAsync(), await db.ReferenceCounters.SumAsync(c => c.LastValue)));
}

public sealed class AuditorReadOnlyTestsOnSqlite(StaffSqliteAppFixture app) : AuditorReadOnlyTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class AuditorReadOnlyTestsOnPostgres(StaffPostgresAppFixture app) : AuditorReadOnlyTests(app), IClassFixture<StaffPostgresAppFixture>;
