using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Tests.Infrastructure;
using Serilog.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace PrivacyDesk.Web.Tests.Mail;

/// <summary>
/// A clock the test moves by hand: <see cref="FakeTimeProvider"/> started at a given instant, given in any offset and
/// kept in UTC (FakeTimeProvider returns the offset it was given, and Npgsql writes UTC values only).
/// </summary>
public sealed class ManualTime(DateTimeOffset start) : FakeTimeProvider(start.ToUniversalTime())
{
    public static ManualTime StartingNow() => new(DateTimeOffset.UtcNow);
}

/// <summary>
/// The app on a fresh database plus a real SMTP server on a free loopback port. The worker's timer is off
/// (Smtp:Enabled=false): tests drive <see cref="OutboxProcessor.ProcessDueAsync"/> themselves.
/// </summary>
public abstract class MailAppFixture : AppFixture, IAsyncLifetime
{
    public const string FromAddress = "privacy-desk@example.jp";
    public const int MaxAttempts = 3;
    public const int BatchSize = 5;

    private WebApplicationFactory<Program>? mailHost;

    public TestSmtpServer Smtp { get; } = new();

    /// <summary>The app with mail registered (a no-op addition once the host registers it itself).</summary>
    public WebApplicationFactory<Program> MailHost => mailHost ?? throw new InvalidOperationException("The fixture is not started.");

    public CapturingLogSink Logs => Factory.Logs;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = nameof(SmtpSecurity.None),
        ["Smtp:FromAddress"] = FromAddress,
        ["Smtp:Enabled"] = "false",
        ["Smtp:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
        ["Smtp:BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Timeout"] = "00:00:10",
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Smtp.StartAsync();
        await InitializeAsync();
        mailHost = WithMail(Factory);
        _ = mailHost.Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (mailHost is not null)
        {
            await mailHost.DisposeAsync();
        }

        await DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Another app instance on the same database, with mail registered and extra settings.</summary>
    public static WebApplicationFactory<Program> WithMail(WebApplicationFactory<Program> factory, IDictionary<string, string?>? settings = null) =>
        factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(services =>
            {
                services.AddMailOutbox();

                // The app's Serilog setup (AddSerilog without preserveStaticLogger) binds each ILogger<T> to the static
                // Log.Logger of the moment, and disposing any host swaps that for a silent one. With several hosts in one
                // test process, the mail classes' log lines would then land in another host's sink or nowhere. Bind
                // them to this host's own Serilog pipeline (same sinks and levels), so that Logs sees what they write.
                services.AddSingleton<ILoggerFactory>(sp => new SerilogLoggerFactory(sp.GetRequiredService<Serilog.ILogger>()));
            });
        });

    /// <summary>The options the app binds, as a fresh copy a test may change.</summary>
    public SmtpOptions Options(Action<SmtpOptions>? change = null)
    {
        var bound = MailHost.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var copy = new SmtpOptions
        {
            Host = bound.Host,
            Port = bound.Port,
            Security = bound.Security,
            UserName = bound.UserName,
            Password = bound.Password,
            FromAddress = bound.FromAddress,
            FromName = bound.FromName,
            PollInterval = bound.PollInterval,
            BatchSize = bound.BatchSize,
            MaxAttempts = bound.MaxAttempts,
            LeaseDuration = bound.LeaseDuration,
            Timeout = bound.Timeout,
            RetryBaseDelay = bound.RetryBaseDelay,
            RetryMaxDelay = bound.RetryMaxDelay,
            Enabled = bound.Enabled,
        };
        change?.Invoke(copy);
        return copy;
    }

    public async Task<OutboxMessage> EnqueueAsync(string kind, string to, string subject, string body, DateTimeOffset now, Guid? requestId = null)
    {
        await using var scope = MailHost.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var message = MailOutbox.Enqueue(db, kind, requestId, to, subject, body, now);
        await db.SaveChangesAsync();
        return message;
    }

    public async Task<OutboxMessage> ReadAsync(Guid id)
    {
        await using var scope = MailHost.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<List<OutboxMessage>> ReadAsync(IReadOnlyCollection<Guid> ids)
    {
        await using var scope = MailHost.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        return await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
    }

    /// <summary>
    /// Runs one batch with a processor from the app's container, optionally as another instance, on another clock, or with
    /// other options (then with a sender built from those options).
    /// </summary>
    public async Task<OutboxBatchResult> ProcessAsync(TimeProvider? time = null, SmtpOptions? options = null, string? instance = null)
    {
        await using var scope = MailHost.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var arguments = new List<object>();
        if (time is not null)
        {
            arguments.Add(time);
        }

        if (options is not null)
        {
            var wrapped = Microsoft.Extensions.Options.Options.Create(options);
            arguments.Add(wrapped);
            arguments.Add(new SmtpMailSender(wrapped));
        }

        if (instance is not null)
        {
            arguments.Add(new OutboxInstance(instance));
        }

        var processor = ActivatorUtilities.CreateInstance<OutboxProcessor>(services, [.. arguments]);
        return await processor.ProcessDueAsync(CancellationToken.None);
    }
}

public sealed class SqliteMailFixture : MailAppFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresMailFixture : MailAppFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
