using System.Globalization;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Mail;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>The app with a real SMTP server beside it, and rate limits high enough for a test class's traffic.</summary>
/// <remarks>
/// The SMTP server is shared like the host (one per fixture type, so that the settings, and with them the host, are the
/// same for every class of the type); each class starts with its received list empty.
/// </remarks>
public abstract class FormAppFixture : AppFixture, IAsyncLifetime
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, TestSmtpServer> Servers = new();

    public TestSmtpServer Smtp => Servers.GetOrAdd(GetType(), _ => new TestSmtpServer());

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:FromAddress"] = "privacy-desk@example.jp",
        ["Smtp:Enabled"] = "false",
        ["AbuseProtection:PostsPerMinute"] = "100000",
        ["AbuseProtection:StatusLookupsPerMinute"] = "100000",
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Smtp.StartAsync();
        await InitializeAsync();
        Smtp.Clear();
    }

    // The shared server keeps running for the next class; the test process ends it.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}

public sealed class SqliteFormFixture : FormAppFixture
{
    public override string ProviderName => "Sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresFormFixture : FormAppFixture
{
    public override string ProviderName => "Postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
