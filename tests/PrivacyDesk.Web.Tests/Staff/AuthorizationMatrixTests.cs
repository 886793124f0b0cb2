using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff.Requests;

namespace PrivacyDesk.Web.Tests.Staff;

/// <summary>
/// The authorization matrix: every page under /staff and /audit, found from the app's own endpoints, × anonymous, a
/// requester holding a status link, Staff, Supervisor, Auditor and Admin. Who may open each page, and who may post to
/// each of its handlers, is written out here, so a new page (or handler) that is not in the matrix fails the test
/// until someone decides who may use it. Refused posts must change nothing.
/// </summary>
public abstract class AuthorizationMatrixTests(AppFixture app)
{
    private const string Anonymous = "anonymous";
    private const string StatusLinkHolder = "status-link";

    private static readonly string[] Read = [StaffRoles.Staff, StaffRoles.Supervisor, StaffRoles.Auditor, StaffRoles.Admin];
    private static readonly string[] Work = [StaffRoles.Staff, StaffRoles.Supervisor, StaffRoles.Admin];
    private static readonly string[] Approve = [StaffRoles.Supervisor, StaffRoles.Admin];
    private static readonly string[] Administer = [StaffRoles.Admin];
    private static readonly string[] AuditOnly = [StaffRoles.Auditor, StaffRoles.Admin];

    /// <summary>Who may GET each page, and who may POST to each handler ("" is the unnamed OnPost).</summary>
    private static readonly Dictionary<string, (string[] Get, Dictionary<string, string[]> Post)> Matrix = new()
    {
        ["/Staff/Index"] = (Read, []),
        ["/Staff/Queue/Index"] = (Read, []),
        ["/Staff/Intake/Index"] = (Work, []),
        ["/Staff/Intake/Request"] = (Work, new() { ["Review"] = Work, ["Submit"] = Work, ["Edit"] = Work }),
        ["/Staff/Requests/Detail/Index"] = (Read, new() { ["Assign"] = Work, ["Note"] = Work }),
        ["/Staff/Requests/Document/Index"] = (Read, []),
        ["/Staff/Requests/IdentityCheck/Index"] = (Work, new() { ["Accept"] = Work, ["Return"] = Work }),
        ["/Staff/Requests/Fee/Index"] = (Work, new() { [""] = Work }),
        ["/Staff/Requests/Decision/Index"] = (Work, new() { [""] = Work, ["Restate"] = Work }),
        ["/Staff/Requests/Approval/Index"] = (Approve, new() { ["Approve"] = Approve, ["SendBack"] = Approve, ["ApproveRestatement"] = Approve }),
        ["/Staff/Letters/Index"] = (Read, new() { ["Issue"] = Work }),
        ["/Staff/Dashboard/Index"] = (Read, []),
        ["/Staff/Approvals/Index"] = (Approve, []),
        ["/Staff/Requests/Deadline/Index"] = (Work, new() { [""] = Work }),
        ["/Staff/Requests/Contact/Index"] = (Work, new() { [""] = Work }),
        ["/Staff/Requests/StatusCode/Index"] = (Work, new() { [""] = Work, ["Acknowledgement"] = Work }),
        ["/Staff/Requests/Closing/Index"] = (Work, new() { ["Reject"] = Work, ["Withdraw"] = Work }),
        ["/Staff/Requests/PostedDocuments/Index"] = (Work, new() { [""] = Work }),
        ["/Staff/Fees/Index"] = (Work, new() { ["Match"] = Work }),
        ["/Staff/Fees/Import"] = (Work, new() { [""] = Work }),
        ["/Staff/Mail/Index"] = (Work, new() { ["Resend"] = Work, ["Post"] = Work }),
        ["/Staff/ThirdPartyRecords/Index"] = (Read, []),
        ["/Staff/ThirdPartyRecords/Import"] = (Work, new() { [""] = Work }),
        ["/Staff/Admin/Accounts/Index"] = (Administer, []),
        ["/Staff/Admin/Accounts/Create"] = (Administer, new() { [""] = Administer }),
        ["/Staff/Admin/Accounts/Edit"] = (Administer, new() { ["Roles"] = Administer, ["Lock"] = Administer, ["Unlock"] = Administer, ["ResetAuthenticator"] = Administer }),
        ["/Audit/Index"] = (AuditOnly, []),
        ["/Audit/Statistics"] = (AuditOnly, []),
        ["/Audit/Verify"] = (AuditOnly, []),
        ["/Audit/Events/Index"] = (AuditOnly, []),
        ["/Audit/Requests/Index"] = (AuditOnly, []),
        ["/Audit/Requests/Timeline"] = (AuditOnly, []),
    };

    private static readonly string[] Viewers = [Anonymous, StatusLinkHolder, .. StaffRoles.All];

    private sealed record Page(string Path, string Url, IReadOnlyList<(string Method, string? Name)> Handlers);

    private async Task<List<Page>> PagesAsync(Guid requestId, Guid documentId)
    {
        var services = app.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var pages = new List<Page>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor
                || !(descriptor.ViewEnginePath.StartsWith("/Staff/", StringComparison.Ordinal) || descriptor.ViewEnginePath.StartsWith("/Audit/", StringComparison.Ordinal))
                || descriptor.ViewEnginePath.StartsWith("/Staff/Account/", StringComparison.Ordinal))
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var url = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');

            // The account pages take a staff user's id; every other {id} is a request.
            url = Regex.Replace(url, @"\{id(:[^}]*)?\}", descriptor.ViewEnginePath.StartsWith("/Staff/Admin/", StringComparison.Ordinal) ? await StaffUserAsync() : requestId.ToString());
            url = Regex.Replace(url, @"\{documentId(:[^}]*)?\}", documentId.ToString());
            url = Regex.Replace(url, @"\{family[^}]*\}", "disclosure");
            url = Regex.Replace(url, @"/?\{[^}]*\?\}", string.Empty);
            var handlers = compiled.HandlerMethods.Select(h => (h.HttpMethod, h.Name)).Distinct().ToList();
            pages.Add(new Page(descriptor.ViewEnginePath, url, handlers));
        }

        return pages.DistinctBy(p => p.Url).ToList();
    }

    [Fact]
    public async Task Every_page_and_handler_is_in_the_matrix()
    {
        var (id, documentId) = await SubjectAsync();
        var pages = await PagesAsync(id, documentId);
        Assert.Contains(pages, p => p.Path == "/Staff/Requests/Detail/Index");
        foreach (var page in pages)
        {
            Assert.True(Matrix.ContainsKey(page.Path), $"{page.Path} ({page.Url}) is not in the authorization matrix: decide who may use it.");
            foreach (var (method, name) in page.Handlers.Where(h => h.Method == "POST"))
            {
                Assert.True(Matrix[page.Path].Post.ContainsKey(name ?? string.Empty),
                    $"POST handler '{name}' of {page.Path} is not in the authorization matrix.");
            }
        }
    }

    [Fact]
    public async Task Each_viewer_gets_exactly_the_pages_the_matrix_allows()
    {
        var (id, documentId) = await SubjectAsync();
        var pages = (await PagesAsync(id, documentId)).Where(p => Matrix.ContainsKey(p.Path)).ToList();
        var failures = new List<string>();
        foreach (var viewer in Viewers)
        {
            using var client = await ClientAsync(viewer);
            foreach (var page in pages)
            {
                using var response = await client.GetAsync(new Uri(page.Url, UriKind.Relative));
                var location = StaffSignIn.Location(response) ?? string.Empty;
                var outcome = response.StatusCode == HttpStatusCode.OK ? "allowed"
                    : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/staff/account/sign-in", StringComparison.Ordinal) ? "sign-in"
                    : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/staff/account/access-denied", StringComparison.Ordinal) ? "denied"
                    : $"{(int)response.StatusCode} {location}";
                var expected = viewer is Anonymous or StatusLinkHolder ? "sign-in" : Matrix[page.Path].Get.Contains(viewer) ? "allowed" : "denied";
                if (outcome != expected)
                {
                    failures.Add($"{viewer} GET {page.Url}: expected {expected}, got {outcome}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Refused_posts_are_refused_and_change_nothing()
    {
        var (id, documentId) = await SubjectAsync();
        var pages = (await PagesAsync(id, documentId)).Where(p => Matrix.ContainsKey(p.Path)).ToList();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var viewer in Viewers)
        {
            clients[viewer] = await ClientAsync(viewer);
        }

        var before = await FingerprintAsync(id);
        var failures = new List<string>();
        var posts = 0;
        foreach (var viewer in Viewers)
        {
            using var client = clients[viewer];

            // A valid antiforgery token for this browser, so that a refusal comes from authorization and not from
            // a missing token.
            var token = viewer is Anonymous or StatusLinkHolder
                ? null
                : (await client.GetDocumentAsync("/staff/account/sign-out")).AntiforgeryToken();
            foreach (var page in pages)
            {
                foreach (var (handler, allowed) in Matrix[page.Path].Post.Where(h => !h.Value.Contains(viewer)))
                {
                    posts++;
                    var url = handler.Length == 0 ? page.Url : $"{page.Url}?handler={handler}";
                    var fields = new List<KeyValuePair<string, string>>
                    {
                        new("Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new("Note.Text", "refused"), new("Assign.AssignTo", string.Empty),
                        new("Input.AmountYen", "1000"), new("Input.Method", "BankTransfer"), new("Input.PaidOn", BackOffice.Today),
                    };
                    if (token is not null)
                    {
                        fields.Add(new("__RequestVerificationToken", token));
                    }

                    using var content = new FormUrlEncodedContent(fields);
                    using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
                    var location = StaffSignIn.Location(response) ?? string.Empty;
                    var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                                  || (response.StatusCode == HttpStatusCode.Redirect
                                      && (location.Contains("/staff/account/sign-in", StringComparison.Ordinal) || location.Contains("/staff/account/access-denied", StringComparison.Ordinal)));
                    if (!refused)
                    {
                        failures.Add($"{viewer} POST {url}: {(int)response.StatusCode} {location} (allowed only for {string.Join(",", allowed)})");
                    }
                }
            }
        }

        Assert.True(posts > 20, $"only {posts} refused posts were tried");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await FingerprintAsync(id));
    }

    private sealed record Fingerprint(int Version, RequestStatus Status, int Notes, int Payments, int Decisions, int Requests);

    private Task<Fingerprint> FingerprintAsync(Guid id) => app.WithDbAsync(async db =>
    {
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
        return new Fingerprint(request.Version, request.Status,
            await db.RequestNotes.CountAsync(), await db.FeePayments.CountAsync(), await db.Decisions.CountAsync(), await db.Requests.CountAsync());
    });

    private (Guid Id, Guid DocumentId)? subject;
    private string? staffUser;

    /// <summary>A staff account that the account pages are asked about.</summary>
    private async Task<string> StaffUserAsync() => staffUser ??= (await StaffSignIn.CreateUserAsync(app, StaffRoles.Staff)).UserId;

    /// <summary>One filed request (with documents) that every page is asked about.</summary>
    private async Task<(Guid Id, Guid DocumentId)> SubjectAsync()
    {
        if (subject is { } known)
        {
            return known;
        }

        var (id, _) = await BackOffice.FileAsync(app, RequestFamily.Disclosure);
        var documentId = await app.WithDbAsync(db => db.Documents.Where(d => EF.Property<Guid>(d, "RequestId") == id).Select(d => d.Id).FirstAsync());
        subject = (id, documentId);
        return (id, documentId);
    }

    private async Task<HttpClient> ClientAsync(string viewer)
    {
        switch (viewer)
        {
            case Anonymous:
                return app.Factory.CreateBrowserClient();
            case StatusLinkHolder:
            {
                // A member who filed a request and holds its status link: they can see their status page, and that
                // gives them nothing under /staff.
                var client = app.Factory.CreateBrowserClient();
                var receipt = await new MemberSession(client).FileAsync(RequestFamily.Correction, RequesterType.Principal);
                var statusUrl = receipt.QuerySelector("#status-link")!.GetAttribute("href")!;
                using var status = await client.GetAsync(new Uri(new Uri(statusUrl).PathAndQuery, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, status.StatusCode);
                return client;
            }

            default:
                return (await StaffSignIn.SignInAsync(app, viewer)).Client;
        }
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(StaffSqliteAppFixture app) : AuthorizationMatrixTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class AuthorizationMatrixTestsOnPostgres(StaffPostgresAppFixture app) : AuthorizationMatrixTests(app), IClassFixture<StaffPostgresAppFixture>;
