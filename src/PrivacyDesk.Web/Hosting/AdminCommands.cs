using System.Globalization;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Seeding;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// Admin commands run through the app's own executable, with the app's configuration and services:
/// <c>dotnet run --project src/PrivacyDesk.Web -- &lt;command&gt; [options]</c>.
/// </summary>
public abstract class AdminCommand
{
    public abstract string Name { get; }
    public abstract string Usage { get; }

    /// <summary>
    /// A tool that writes made-up data (demo requests, fictitious audit events): it runs only in the Development
    /// environment, so that it can never add invented requests to a real register or append events to a real chain.
    /// </summary>
    public virtual bool DevelopmentOnly => false;

    public abstract Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken);

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (DevelopmentOnly && !app.Environment.IsDevelopment())
        {
            await Console.Error.WriteLineAsync(
                $"{Name} は開発環境（ASPNETCORE_ENVIRONMENT=Development）でのみ実行できます。本番のデータに架空のデータを加えないためです。現在の環境: {app.Environment.EnvironmentName}\n" +
                $"{Name} runs only in the Development environment (ASPNETCORE_ENVIRONMENT=Development), so that made-up data never reaches a real store. Current environment: {app.Environment.EnvironmentName}");
            await app.DisposeAsync();
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await ExecuteAsync(scope.ServiceProvider, args, cancellation.Token);
        }
        catch (CommandUsageException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\nusage: {Usage}");
            return 2;
        }
        finally
        {
            // Disposing the app flushes its logger (each host owns its own).
            await app.DisposeAsync();
        }
    }

    protected static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Count ? args[i + 1] : throw new CommandUsageException($"{name} needs a value.");
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }

    protected static int IntOption(IReadOnlyList<string> args, string name, int fallback, int min, int max)
    {
        var text = Option(args, name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new CommandUsageException($"{name} must be a whole number from {min} to {max}.");
        }

        return value;
    }
}

public sealed class CommandUsageException(string message) : Exception(message);

public static class AdminCommands
{
    private static readonly AdminCommand[] All = [new MigrateCommand(), new SeedDemoCommand(), new Mail.SendMailCommand(), new Identity.CreateUserCommand(),
        new Audit.VerifyAuditCommand(), new Audit.SeedAuditCommand(), new Retention.PurgeDocumentsCommand(),
        new Staff.Digest.SendDigestCommand(), new Staff.Dashboard.DashboardCommand(),
        new Audit.AnchorAuditCommand(), new Audit.RotateAuditKeyCommand(),
        new Pages.Staff.Fees.ImportBankFileCommand()];

    public static IReadOnlyList<AdminCommand> Commands => All;

    public static AdminCommand? Find(string[] args) =>
        args.Length == 0 ? null : All.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
}

internal sealed class MigrateCommand : AdminCommand
{
    public override string Name => "migrate";
    public override string Usage => "migrate";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        Console.WriteLine("Migrations applied. / マイグレーションを適用しました。");
        return 0;
    }
}

internal sealed class SeedDemoCommand : AdminCommand
{
    public override string Name => "seed-demo";
    public override bool DevelopmentOnly => true;
    public override string Usage => "seed-demo --requests N [--seed S]";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = IntOption(args, "--requests", 100, 1, 10_000_000);
        var seed = IntOption(args, "--seed", 20261129, 0, int.MaxValue);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(services);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var created = await seeder.SeedAsync(count, seed, progress => Console.WriteLine($"  {progress:N0} / {count:N0}"), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {created:N0} demo requests in {started.Elapsed.TotalSeconds:0.0} s. / デモ請求を {created:N0} 件作成しました。"));
        return 0;
    }
}
