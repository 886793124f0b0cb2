using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Tests.Security;

/// <summary>
/// TestServer connections have no peer address. This filter, outside the app's own pipeline, gives each request the
/// address in <see cref="Header"/> as its TCP peer, so that tests can speak as different clients and proxies.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>Another instance of the app on the same database, with peer addresses and extra settings.</summary>
    public static WebApplicationFactory<Program> Instance(WebApplicationFactory<Program> factory, IDictionary<string, string?>? settings = null,
        string? environment = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithWebHostBuilder(builder =>
        {
            if (environment is not null)
            {
                builder.UseEnvironment(environment);
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton<IStartupFilter, TestPeerAddress>();
                services?.Invoke(s);
            });
        });
    }

    /// <summary>A browser (cookies, no automatic redirects) that connects from <paramref name="peer"/>.</summary>
    public static HttpClient Browser(WebApplicationFactory<Program> factory, string? peer = null, Uri? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true };
        if (baseAddress is not null)
        {
            options.BaseAddress = baseAddress;
        }

        var client = factory.CreateClient(options);
        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(Header, peer);
        }

        return client;
    }
}

/// <summary>Identity's hasher, counting how often a password is checked against a hash.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<StaffUser>
{
    private readonly PasswordHasher<StaffUser> inner = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
