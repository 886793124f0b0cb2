using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Foundation;

public abstract class HostTests(AppFixture app)
{
    [Fact]
    public async Task Live_answers_200()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_200_once_migrations_are_applied()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());

        var (applied, pending) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToArray(), (await db.Database.GetPendingMigrationsAsync()).ToArray()));
        Assert.NotEmpty(applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task Landing_page_is_Japanese_text_not_entities()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("生活クラブ事業連合生活協同組合連合会", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Unknown_page_gets_a_Japanese_not_found_page()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("お探しのページは見つかりませんでした", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class HostTestsOnSqlite(SqliteAppFixture app) : HostTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class HostTestsOnPostgres(PostgresAppFixture app) : HostTests(app), IClassFixture<PostgresAppFixture>;
