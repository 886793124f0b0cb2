using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// Serilog: console plus a rolling JSON file. Personal data never goes into a log line: code logs identifiers
/// (request id, reference number, document id) only, and the framework categories that would print query strings
/// or SQL parameter values are held at Warning.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddPrivacyDeskLogging(this WebApplicationBuilder builder)
    {
        // Read configuration from the container, not the builder: a host (such as the tests) may add settings late.
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Conditional(
                _ => services.GetRequiredService<IConfiguration>().GetValue("Logging:Console", true),
                sink => sink.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(LogDirectory(services), "privacydesk-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31),
            // Each host owns its logger: several hosts in one process (tests, admin commands) must not share Log.Logger.
            preserveStaticLogger: true);
        return builder;
    }

    private static string LogDirectory(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()["Logging:Directory"]
        ?? Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, "logs");
}
