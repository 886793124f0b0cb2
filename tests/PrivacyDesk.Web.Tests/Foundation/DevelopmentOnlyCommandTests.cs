using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// seed-demo and seed-audit write made-up requests and audit events: run through the app's own executable outside
/// Development they must refuse (exit code 2, a clear message) and leave the store untouched, so that a production
/// register or hash chain never receives invented data. Runs the built app as a separate process, as an operator would.
/// </summary>
public sealed class DevelopmentOnlyCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("privacydesk-devonly-").FullName;

    [Fact]
    public async Task Seed_commands_refuse_outside_development_and_leave_the_store_untouched()
    {
        Assert.Equal(0, (await RunAsync("Production", "migrate")).ExitCode);
        var before = await CountsAsync();

        var audit = await RunAsync("Production", "seed-audit", "--events", "25");
        Assert.Equal(2, audit.ExitCode);
        Assert.Contains("開発環境", audit.Error, StringComparison.Ordinal);
        Assert.Contains("runs only in the Development environment", audit.Error, StringComparison.Ordinal);

        var demo = await RunAsync("Staging", "seed-demo", "--requests", "5");
        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("Current environment: Staging", demo.Error, StringComparison.Ordinal);

        Assert.Equal(before, await CountsAsync());

        // The guard is about the environment, not a broken command: in Development the same call appends its events.
        var development = await RunAsync("Development", "seed-audit", "--events", "25");
        Assert.True(development.ExitCode == 0, development.Error);
        Assert.Equal(before.AuditEvents + 25, (await CountsAsync()).AuditEvents);
    }

    private async Task<(long AuditEvents, long Requests)> CountsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "privacydesk.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return (await CountAsync(connection, "AuditEvents"), await CountAsync(connection, "Requests"));
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(int ExitCode, string Error)> RunAsync(string environment, params string[] args)
    {
        var app = Path.Combine(RepositoryRoot(), "src", "PrivacyDesk.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(app, "bin", Configuration, "net10.0", "PrivacyDesk.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(app);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__DataDirectory"] = directory;
        start.Environment["Logging__Directory"] = Path.Combine(directory, "logs");
        start.Environment["Logging__Console"] = "false";
        start.Environment["Digest__Enabled"] = "false";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await error);
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string RepositoryRoot()
    {
        for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "PrivacyDesk.sln")))
            {
                return current.FullName;
            }
        }

        throw new InvalidOperationException("PrivacyDesk.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
