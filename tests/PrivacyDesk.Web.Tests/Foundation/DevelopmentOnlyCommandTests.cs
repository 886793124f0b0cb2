using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// seed-demo and seed-audit write made-up requests and audit events. They live in the tools' executable
/// (tools/PrivacyDesk.Tools), which the product does not reference; run outside Development they must refuse (exit code 2,
/// a clear message) and leave the store untouched, so that a production register or hash chain never receives invented
/// data. The product's executable does not run them at all: it says where they went. Runs the built executables as
/// separate processes, as an operator would.
/// </summary>
public sealed class DevelopmentOnlyCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("privacydesk-devonly-").FullName;

    [Fact]
    public async Task Seed_commands_refuse_outside_development_and_leave_the_store_untouched()
    {
        Assert.Equal(0, (await RunAsync(Product, "Production", "migrate")).ExitCode);
        var before = await CountsAsync();

        var audit = await RunAsync(Tools, "Production", "seed-audit", "--events", "25");
        Assert.Equal(2, audit.ExitCode);
        Assert.Contains("開発環境", audit.Error, StringComparison.Ordinal);
        Assert.Contains("runs only in the Development environment", audit.Error, StringComparison.Ordinal);

        var demo = await RunAsync(Tools, "Staging", "seed-demo", "--requests", "5");
        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("Current environment: Staging", demo.Error, StringComparison.Ordinal);

        Assert.Equal(before, await CountsAsync());

        // The guard is about the environment, not a broken command: in Development the same call appends its events.
        var development = await RunAsync(Tools, "Development", "seed-audit", "--events", "25");
        Assert.True(development.ExitCode == 0, development.Error);
        Assert.Equal(before.AuditEvents + 25, (await CountsAsync()).AuditEvents);
    }

    [Fact]
    public async Task The_product_executable_runs_no_seed_command_and_says_where_it_went()
    {
        Assert.Equal(0, (await RunAsync(Product, "Development", "migrate")).ExitCode);
        var before = await CountsAsync();
        foreach (var tool in new[] { "seed-demo", "seed-audit" })
        {
            // Even in Development: the product has no seeding code to run (an unknown first argument used to start the
            // web server instead).
            var run = await RunAsync(Product, "Development", tool, "--requests", "5");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("tools/PrivacyDesk.Tools", run.Error, StringComparison.Ordinal);
            Assert.Contains("開発用ツール", run.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public void The_product_assemblies_reference_no_tool_or_sample_code()
    {
        var product = new[] { typeof(Program).Assembly, typeof(PrivacyDesk.Letters.LetterEngine).Assembly, typeof(PrivacyDesk.Domain.Requests.PrivacyRequest).Assembly };
        foreach (var assembly in product)
        {
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(),
                a => a.Name is "PrivacyDesk.Tools" or "PrivacyDesk.Letters.Samples");
            Assert.DoesNotContain(assembly.GetTypes(), t =>
                t.Namespace?.EndsWith(".Seeding", StringComparison.Ordinal) == true
                || t.Name.Contains("Seeder", StringComparison.Ordinal)
                || t.Name is "LetterSamples" or "BenchmarkEndpoints");
        }
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

    private const string Product = "src/PrivacyDesk.Web";
    private const string Tools = "tools/PrivacyDesk.Tools";

    private async Task<(int ExitCode, string Error)> RunAsync(string project, string environment, params string[] args)
    {
        var app = Path.Combine(RepositoryRoot(), "src", "PrivacyDesk.Web");
        var executable = Path.Combine(RepositoryRoot(), project);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(executable, "bin", Configuration, "net10.0", Path.GetFileName(project) + ".dll"));
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
