using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// What the start-up path must keep while it is made faster (docs/benchmarks/startup.md): a new store is migrated before
/// the app answers ready, SQLite ends in WAL mode (now set before the migrations), and the hosted services start side
/// by side.
/// </summary>
public sealed class StartupPathTests
{
    [Fact]
    public async Task A_new_SQLite_store_is_migrated_and_in_WAL_mode_when_ready_and_hosted_services_start_side_by_side()
    {
        await using var database = TestDatabase.CreateSqlite();
        using var factory = new PrivacyDeskFactory(database);
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);

        Assert.True(factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ServicesStartConcurrently);
    }
}

/// <summary>
/// The product's garbage collector and code-tiering settings (ADR 0031, src/PrivacyDesk.Web/GarbageCollection.props) reach
/// the web app's runtimeconfig.json, and the developer tools' host runs with the same ones: the intake benchmark measures the app's
/// memory through that host (scripts/bench-intake.sh), so a difference would measure another collector than the product's.
/// </summary>
public sealed class GarbageCollectionSettingsTests
{
    [Fact]
    public void The_web_app_and_the_bench_host_run_with_the_same_collector_settings()
    {
        var web = GcSettings("PrivacyDesk.Web.runtimeconfig.json");
        var tools = GcSettings("PrivacyDesk.Tools.runtimeconfig.json");

        Assert.Equal("true", web["System.GC.Server"]);
        Assert.Equal("7", web["System.GC.ConserveMemory"]);
        Assert.Equal("false", web["System.Runtime.TieredPGO"]);
        Assert.Equal(web, tools);
    }

    private static Dictionary<string, string> GcSettings(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").EnumerateObject()
            .Where(p => p.Name.StartsWith("System.GC.", StringComparison.Ordinal) || p.Name.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
            .ToDictionary(p => p.Name, p => p.Value.ToString().ToLowerInvariant());
    }
}
