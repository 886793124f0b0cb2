using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace PrivacyDesk.Web.Hosting;

/// <summary>Limits on what one client may send: request size, and how often it may post or look up a status.</summary>
public sealed class AbuseProtectionOptions
{
    public const string Section = "AbuseProtection";

    /// <summary>POSTs per client IP per minute (forms, status look-ups).</summary>
    [SettingRange("AbuseProtection:PostsPerMinute", 1, int.MaxValue)]
    public int PostsPerMinute { get; set; } = 20;

    /// <summary>Status page views per client IP per minute: the page answers guesses of reference numbers and tokens.</summary>
    [SettingRange("AbuseProtection:StatusLookupsPerMinute", 1, int.MaxValue)]
    public int StatusLookupsPerMinute { get; set; } = 10;

    /// <summary>Postcode look-ups (GET /postal-codes/…) per client IP per minute: a member types a few, a scraper many.</summary>
    [SettingRange("AbuseProtection:PostalCodeLookupsPerMinute", 1, int.MaxValue)]
    public int PostalCodeLookupsPerMinute { get; set; } = 30;

    /// <summary>The largest request body: the per-request document limit plus room for the form fields.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;
}

public static class AbuseProtection
{
    public const string StatusPolicy = "status";
    public const string PostalCodePolicy = "postal-code";

    public static IServiceCollection AddAbuseProtection(this IServiceCollection services)
    {
        services.AddOptions<AbuseProtectionOptions>().BindConfiguration(AbuseProtectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FormOptions>().Configure<Microsoft.Extensions.Options.IOptions<AbuseProtectionOptions>>((form, limits) =>
        {
            form.MultipartBodyLengthLimit = limits.Value.MaxRequestBodyBytes;
            form.ValueLengthLimit = 64 * 1024;
            form.ValueCountLimit = 512;
        });
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<AbuseProtectionOptions>>((kestrel, limits) =>
            {
                kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
                kestrel.AddServerHeader = false;
            });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(Localized.Text(
                    "短時間に多くの送信がありました。しばらく（1分ほど）待ってから、もう一度お試しください。",
                    "Too many requests in a short time. Please wait a minute and try again."), cancellationToken);
            };

            // Every POST, whatever the page, counts against the client's budget.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // A status-code page re-executes the same POST internally; count the client's request once.
                if (!HttpMethods.IsPost(context.Request.Method) || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AbuseProtectionOptions>>().Value.PostsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(limit));
            });

            options.AddPolicy(StatusPolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AbuseProtectionOptions>>().Value.StatusLookupsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(limit));
            });

            options.AddPolicy(PostalCodePolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AbuseProtectionOptions>>().Value.PostalCodeLookupsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(limit));
            });
        });
        return services;
    }

    // The real client: behind a proxy listed in ForwardedHeaders:KnownProxies/KnownNetworks, the forwarded address
    // (DeploymentHygiene runs first); from anyone else, the connection's own address.
    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
