using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog.Core;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database, reached through real HTTP handling (TestServer). One factory is one app instance;
/// two factories on the same connection string are two instances sharing one database.
/// </summary>
public sealed class PrivacyDeskFactory(TestDatabase database, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The master key of every PostgreSQL test instance (base64 of 32 fixed bytes; a test value, never a real one).</summary>
    public static readonly string TestMasterKey = Convert.ToBase64String(
        System.Security.Cryptography.SHA256.HashData("PrivacyDesk test master key"u8));

    public TestDatabase Database { get; } = database;
    public CapturingLogSink Logs { get; } = new();
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("privacydesk-logs-").FullName;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("privacydesk-data-").FullName;

    /// <summary>
    /// The peer address of requests that arrive without one (TestServer sets none). A shared host gives each test class
    /// its own, so that per-client state in the app's memory (rate limits, sign-in throttle, draft quota) starts afresh.
    /// </summary>
    public IPAddress? ClientAddress { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:Directory", LogDirectory);
        builder.UseSetting("Logging:Console", "false");

        // Capture everything down to Debug, so that the no-personal-data test sees what a verbose deployment would log.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");

        // The daily digest's timer would queue mail to whatever staff a test created; digest tests run it themselves.
        builder.UseSetting("Digest:Enabled", "false");

        // Likewise the reminder job (ADR 0023): its tests run ReminderRunner themselves with a fake clock.
        builder.UseSetting("Reminders:WorkerEnabled", "false");

        // Test classes post many forms from one client address and leave most unsubmitted: lift the draft quota and
        // cap far above that (UploadDraftBoundsTests sets its own small limits through the settings below).
        builder.UseSetting("UploadDrafts:MaxDraftsPerClient", "1000000");
        builder.UseSetting("UploadDrafts:MaxBytesPerClient", "1099511627776");
        builder.UseSetting("UploadDrafts:MaxTotalDrafts", "1000000");
        builder.UseSetting("UploadDrafts:MaxTotalBytes", "1099511627776");

        // A shared database needs a shared master key (the app refuses to start without one): every PostgreSQL
        // instance of the tests uses the same fixed one, as a load-balanced deployment would. Settings may override it.
        if (Database.Provider == "Postgres")
        {
            builder.UseSetting("Documents:MasterKey", TestMasterKey);
        }

        // Likewise the daily audit anchor (its tests run it themselves). Instances on one database share its chain key,
        // as a deployment's instances must: each would otherwise key events with its own key file.
        builder.UseSetting("Audit:AnchorEnabled", "false");
        builder.UseSetting("Audit:ChainKey", Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("audit chain key of " + Database.ConnectionString))));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogEventSink>(Logs));
            services.AddSingleton<IStartupFilter>(new ClientAddressFilter(this));

            // Identity's hasher (PBKDF2, same format and code path) at a test work factor: the suite creates and signs in
            // hundreds of staff accounts, and at the production default each hash costs tens of milliseconds of the
            // shared CPU. Hashes stay verifiable either way (the count is stored in each hash).
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    /// <summary>Everything written to the rolling JSON log file so far.</summary>
    public string ReadLogFiles()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.EnumerateFiles(LogDirectory, "*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TryDelete(LogDirectory);
            TryDelete(DataDirectory);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown is left to the OS temp cleaner.
        }
    }

    private sealed class ClientAddressFilter(PrivacyDeskFactory factory) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Connection.RemoteIpAddress is null && factory.ClientAddress is { } address)
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
