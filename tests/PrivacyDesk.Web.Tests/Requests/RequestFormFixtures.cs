using System.Globalization;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Mail;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>The app with a real SMTP server beside it, and rate limits high enough for a test class's traffic.</summary>
public abstract class FormAppFixture : AppFixture, IAsyncLifetime
{
    public TestSmtpServer Smtp { get; } = new();

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
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
    }
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
