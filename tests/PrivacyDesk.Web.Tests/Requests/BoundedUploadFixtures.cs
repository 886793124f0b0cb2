using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// The app with small draft quotas (3 drafts or 30 MB per client, 6 drafts in all), a fake clock, and a test-only
/// header that sets the client address, so that tests can post as several clients. Rate limits are off.
/// </summary>
public abstract class BoundedUploadFixture : AppFixture
{
    public const string ClientHeader = "X-Test-Client";
    public const int DraftsPerClient = 3;
    public const int TotalDrafts = 6;

    private WebApplicationFactory<Program>? app;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The instance the tests drive (the fixture's own instance only ran the migrations).</summary>
    public WebApplicationFactory<Program> App => app ??= Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
    }));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["AbuseProtection:PostsPerMinute"] = "100000",
        ["AbuseProtection:StatusLookupsPerMinute"] = "100000",
        ["UploadDrafts:MaxDraftsPerClient"] = DraftsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["UploadDrafts:MaxBytesPerClient"] = (30 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["UploadDrafts:MaxTotalDrafts"] = TotalDrafts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A member's browser posting from <paramref name="address"/>.</summary>
    public MemberSession Member(string address)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return new MemberSession(client);
    }

    public async Task<T> WithAppDbAsync<T>(Func<PrivacyDeskDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(builder);
        };
    }
}

public sealed class SqliteBoundedUploadFixture : BoundedUploadFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresBoundedUploadFixture : BoundedUploadFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
