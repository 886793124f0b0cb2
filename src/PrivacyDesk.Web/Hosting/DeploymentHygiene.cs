using System.Net;
using System.Text;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// What a deployment behind the Internet needs: the Host header checked against <c>AllowedHosts</c>, the client's real
/// address and scheme taken from <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> only when a configured proxy sent them,
/// and in Production HTTPS redirection, HSTS and every cookie marked Secure.
/// </summary>
public static class DeploymentHygiene
{
    public const string ForwardedHeadersSection = "ForwardedHeaders";

    /// <summary>Liveness and readiness probes are answered over plain HTTP too (orchestrators probe the pod directly).</summary>
    private static readonly PathString HealthPath = new("/health");

    public static IServiceCollection AddDeploymentHygiene(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // In Production an unset or "*" AllowedHosts means the host of Organization:PublicBaseUrl: a request for any other
        // host name gets 400, so nothing the app writes can carry a host name an attacker chose.
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<OrganizationOptions>>((options, organization) =>
        {
            if (environment.IsProduction() && (options.AllowedHosts.Count == 0 || options.AllowedHosts.Contains("*")))
            {
                options.AllowedHosts = [PublicHost(organization.Value)];
            }
        });

        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration.GetSection(ForwardedHeadersSection)));

        if (environment.IsProduction())
        {
            services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<OrganizationOptions>>((options, organization) =>
            {
                options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
                options.HttpsPort = Uri.TryCreate(organization.Value.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                    ? uri.Port
                    : 443;
            });

            // Every cookie, whoever writes it (antiforgery, TempData, sign-in, culture, the form's browser cookie), is
            // Secure: the TempData cookie carries the receipt's reference and status token.
            services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.Always);
        }

        return services;
    }

    /// <summary>The first middleware: the real client and scheme, then (Production) HTTPS only and Secure cookies.</summary>
    public static WebApplication UseDeploymentHygiene(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            // Without a known proxy the middleware would trust every sender, so it is only added when one is configured.
            app.UseForwardedHeaders();
        }

        if (app.Environment.IsProduction())
        {
            app.UseWhen(context => !context.Request.Path.StartsWithSegments(HealthPath), branch => branch.UseHttpsRedirection());
            app.UseCookiePolicy();
        }

        return app;
    }

    /// <summary>
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), each a list or a
    /// string separated by ";" or ",". Identity's defaults (loopback) are dropped: only what is configured is trusted.
    /// The Host header is never taken from the proxy (AllowedHosts checks the one the client sent).
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Values(section.GetSection("KnownProxies")))
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in Values(section.GetSection("KnownNetworks")))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    private static IEnumerable<string> Values(IConfigurationSection section)
    {
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return values.SelectMany(v => v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string PublicHost(OrganizationOptions organization) =>
        Uri.TryCreate(organization.PublicBaseUrl, UriKind.Absolute, out var uri)
            ? uri.IdnHost
            : throw new InvalidOperationException("Organization:PublicBaseUrl must be an absolute URL (https://privacy.example.jp).");
}

/// <summary>Return addresses that are safe to put in a Location header.</summary>
public static class LocalUrls
{
    /// <summary>
    /// <paramref name="returnUrl"/> if it is a local path (not "//host", "/\host", "~/" or absolute), else
    /// <paramref name="fallback"/>; percent-encoded (<see cref="Escape"/>) so that any content is a valid header value.
    /// </summary>
    public static string Safe(Microsoft.AspNetCore.Mvc.IUrlHelper url, string? returnUrl, string fallback)
    {
        ArgumentNullException.ThrowIfNull(url);
        return !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith('~') ? Escape(returnUrl) : fallback;
    }

    /// <summary>
    /// Percent-encodes (UTF-8) every character that may not appear in a header or that a browser would drop from a URL:
    /// non-ASCII (「/requests/状況」, U+3000), spaces and controls. "/\t/evil.example" thus stays a local path instead of
    /// becoming "//evil.example" in the browser. Existing escapes are kept as they are.
    /// </summary>
    public static string Escape(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.All(ch => ch is > ' ' and < '\u007F'))
        {
            return url;
        }

        var builder = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
