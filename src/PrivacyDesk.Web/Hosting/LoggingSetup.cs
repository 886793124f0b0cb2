using System.Globalization;
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
        // Each host owns its logger: several hosts in one process (tests, admin commands) must not share Log.Logger.
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                var configuration = services.GetRequiredService<IConfiguration>();
                var directory = configuration["Logging:Directory"]
                    ?? Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, "logs");
                logger
                    .MinimumLevel.Information()
                    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                    .ReadFrom.Configuration(configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .WriteTo.File(
                        new CompactJsonFormatter(),
                        Path.Combine(directory, "privacydesk-.json"),
                        rollingInterval: RollingInterval.Day,
                        retainedFileCountLimit: 31);
                if (configuration.GetValue("Logging:Console", true))
                {
                    logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
                }
            },
            preserveStaticLogger: true);
        return builder;
    }
}
