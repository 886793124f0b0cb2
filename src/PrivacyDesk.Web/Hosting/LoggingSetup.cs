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
        var logDirectory = builder.Configuration["Logging:Directory"] ?? Path.Combine(builder.Environment.ContentRootPath, "logs");
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(logDirectory, "privacydesk-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31));
        return builder;
    }
}
