using System.Globalization;
using PrivacyDesk.Web.Data;

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
    private static readonly AdminCommand[] All = [new MigrateCommand(), new Mail.SendMailCommand(), new Identity.CreateUserCommand(),
        new Audit.VerifyAuditCommand(), new Retention.PurgeDocumentsCommand(), new Closing.SendRemindersCommand(),
        new Staff.Digest.SendDigestCommand(), new Pages.Staff.Dashboard.DashboardCommand(), new Pages.Staff.Dashboard.RecountDashboardCommand(),
        new Audit.AnchorAuditCommand(), new Audit.RotateAuditKeyCommand(),
        new Pages.Staff.Fees.ImportBankFileCommand(),
        new Pages.Staff.ThirdPartyRecords.ImportProvisionRecordsCommand()];

    public static IReadOnlyList<AdminCommand> Commands => All;

    public static AdminCommand? Find(string[] args) =>
        args.Length == 0 ? null : All.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));

    /// <summary>
    /// Tools that write made-up data live in tools/PrivacyDesk.Tools, which the product does not reference (ADR 0015).
    /// Named here only so that an old command line says where they went instead of starting the web server.
    /// </summary>
    private static readonly string[] MovedToTools = ["seed-demo", "seed-audit", "bench-host"];

    /// <summary>Exit code 2 and where the command went, when <paramref name="args"/> names a tool; otherwise null.</summary>
    public static int? RefuseMovedTool(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !MovedToTools.Contains(args[0], StringComparer.Ordinal))
        {
            return null;
        }

        Console.Error.WriteLine(
            $"{args[0]} は開発用ツールに移りました（本番のアプリには含まれません）: dotnet run --project tools/PrivacyDesk.Tools -- {args[0]} …\n" +
            $"{args[0]} moved to the developer tools (not part of the product): dotnet run --project tools/PrivacyDesk.Tools -- {args[0]} …");
        return 2;
    }
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
