using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;

namespace PrivacyDesk.Web.Tests.Security;

/// <summary>
/// Findings 9–11: any returnUrl is answered without a 5xx; the Host header is checked and never reflected (links come
/// from Organization:PublicBaseUrl); forwarded headers count only from a configured proxy; Production redirects to
/// HTTPS, sends HSTS and marks every cookie Secure. The store plays no part here, so this runs on SQLite only.
/// </summary>
public sealed class HostingHygieneTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    private const string PublicBaseUrl = "https://privacy.example.test";

    public static TheoryData<string, string> ReturnUrls => new()
    {
        { "/requests/状況", "/requests/%E7%8A%B6%E6%B3%81" },
        { "/requests/a\u3000b", "/requests/a%E3%80%80b" },
        { "/requests/状況?q=状況#見出し", "/requests/%E7%8A%B6%E6%B3%81?q=%E7%8A%B6%E6%B3%81#%E8%A6%8B%E5%87%BA%E3%81%97" },
        { "/requests/\ud800", "/requests/%EF%BF%BD" },
        { "/\t/evil.example", "/" },
        { "/requests/\u0001", "/" },
        { "//evil.example/", "/" },
        { "https://evil.example/", "/" },
    };

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task Any_returnUrl_on_the_language_switch_is_answered_with_a_local_ascii_redirect(string returnUrl, string expected)
    {
        using var client = app.Factory.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/culture");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.AntiforgeryToken(),
            ["culture"] = "en",
            ["returnUrl"] = returnUrl,
        });
        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_switch_of_a_404_page_for_a_japanese_path_works()
    {
        using var client = app.Factory.CreateBrowserClient();
        using var notFound = await client.GetAsync(new Uri("/requests/状況", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var page = await Html.ParseAsync(notFound);
        var form = page.QuerySelector("form[action='/culture']")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["culture"] = "en",
            ["returnUrl"] = form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")!,
        });
        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/requests/%E7%8A%B6%E6%B3%81", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_receipt_link_and_redirects_never_carry_the_host_the_client_sent()
    {
        using var instance = TestPeerAddress.Instance(app.Factory, Settings());
        using var client = TestPeerAddress.Browser(instance, baseAddress: new Uri("http://evil.example"));
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Disclosure, RequesterType.Principal);
        Assert.StartsWith(PublicBaseUrl + "/requests/status?r=", receipt.QuerySelector("#status-link")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", receipt.Body!.InnerHtml, StringComparison.Ordinal);

        using var challenge = await client.GetAsync(new Uri("/staff/queue", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("/staff/account/sign-in?returnUrl=%2Fstaff%2Fqueue", challenge.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task In_production_a_foreign_host_gets_400_and_the_public_host_gets_https_with_hsts()
    {
        using var production = Production();
        using var client = TestPeerAddress.Browser(production, baseAddress: new Uri(PublicBaseUrl));

        using (var foreign = await client.GetAsync(new Uri("https://evil.example/")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        }

        using (var home = await client.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.StartsWith("max-age=", home.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        }

        using (var plain = await client.GetAsync(new Uri("http://privacy.example.test/requests/disclosure?x=1")))
        {
            Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
            Assert.Equal("https://privacy.example.test/requests/disclosure?x=1", plain.Headers.Location?.ToString());
        }

        // Probes reach the pod over plain HTTP.
        using (var probe = await client.GetAsync(new Uri("http://privacy.example.test/health/live")))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }
    }

    [Fact]
    public async Task In_production_every_cookie_is_secure_including_tempdata_culture_and_sign_in()
    {
        using var production = Production();
        using var client = TestPeerAddress.Browser(production, baseAddress: new Uri(PublicBaseUrl));
        var cookies = new List<string>();
        void Collect(HttpResponseMessage response) =>
            cookies.AddRange(response.Headers.TryGetValues("Set-Cookie", out var values) ? values : []);

        // Antiforgery, the form's browser cookie, TempData (the receipt's reference and token).
        using (var first = await client.GetAsync(new Uri("/requests/disclosure", UriKind.Relative)))
        {
            Collect(first);
        }

        var session = new MemberSession(client);
        var form = await session.OpenAsync(RequestFamily.Disclosure);
        var (review, confirmation) = await session.ReviewAsync(RequestFamily.Disclosure, form,
            ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal), ValidForm.Files(RequesterType.Principal));
        Collect(review);
        using (var submitted = await session.ConfirmAsync(RequestFamily.Disclosure, confirmation))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
            Collect(submitted);
        }

        review.Dispose();
        using (var culturePage = await client.GetAsync(new Uri("/culture", UriKind.Relative)))
        {
            Collect(culturePage);
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = (await Html.ParseAsync(culturePage)).AntiforgeryToken(),
                ["culture"] = "en",
                ["returnUrl"] = "/",
            });
            using var switched = await client.PostAsync(new Uri("/culture", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Collect(switched);
        }

        using var staffClient = TestPeerAddress.Browser(production, baseAddress: new Uri(PublicBaseUrl));
        var (_, email, _) = await Staff.StaffSignIn.CreateUserAsync(app, Identity.StaffRoles.Staff);
        using (var password = await Staff.StaffSignIn.PostPasswordAsync(staffClient, email, Staff.StaffSignIn.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
            Collect(password);
        }

        foreach (var name in new[] { "pd.af=", "pd.form=", ".AspNetCore.Mvc.CookieTempDataProvider=", ".AspNetCore.Culture=", "pd.staff.2fa=" })
        {
            Assert.Contains(cookies, c => c.StartsWith(name, StringComparison.Ordinal));
        }

        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Forwarded_headers_count_only_from_a_known_proxy_for_the_rate_limit_and_the_audit()
    {
        using var proxied = TestPeerAddress.Instance(app.Factory, new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.1",
            ["ForwardedHeaders:KnownNetworks"] = "10.1.0.0/16",
            ["AbuseProtection:PostsPerMinute"] = "2",
        });
        using var client = TestPeerAddress.Browser(proxied);

        async Task<HttpStatusCode> PostAsync(string peer, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/culture", UriKind.Relative));
            request.Headers.Add(TestPeerAddress.Header, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        // Through the known proxy (and a proxy of the known network), each member has a bucket of their own.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync("10.0.0.1", "203.0.113.1"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync("10.1.2.3", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync("10.0.0.1", "203.0.113.1"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync("10.0.0.1", "203.0.113.2"));

        // From anyone else the header is ignored: changing it does not buy a new bucket.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync("192.0.2.99", "203.0.113.3"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync("192.0.2.99", "203.0.113.4"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync("192.0.2.99", "203.0.113.5"));

        // The audit records the member's address behind the proxy, and the sender's own address otherwise.
        var viaProxy = await FailedSignInAddressAsync(client, "10.0.0.1", "203.0.113.7");
        var direct = await FailedSignInAddressAsync(client, "192.0.2.77", "203.0.113.8");
        Assert.Equal("203.0.113.7", viaProxy);
        Assert.Equal("192.0.2.77", direct);
    }

    private async Task<string?> FailedSignInAddressAsync(HttpClient client, string peer, string forwardedFor)
    {
        var email = Staff.StaffSignIn.NewEmail();
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/staff/account/sign-in", UriKind.Relative));
        get.Headers.Add(TestPeerAddress.Header, peer);
        get.Headers.Add("X-Forwarded-For", forwardedFor);
        using var page = await client.SendAsync(get);
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/staff/account/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = (await Html.ParseAsync(page)).AntiforgeryToken(),
                ["Input.Email"] = email,
                ["Input.Password"] = "not-the-password-" + forwardedFor,
            }),
        };
        post.Headers.Add(TestPeerAddress.Header, peer);
        post.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await app.WithDbAsync(db => db.AuditEvents
            .Where(e => e.Action == "staff.sign_in_failed")
            .OrderByDescending(e => e.Sequence)
            .Select(e => e.IpAddress)
            .FirstAsync());
    }

    private WebApplicationFactory<Program> Production() => TestPeerAddress.Instance(app.Factory, Settings(), environment: "Production");

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Organization:PublicBaseUrl"] = PublicBaseUrl,
        ["AbuseProtection:PostsPerMinute"] = "1000",
    };
}
