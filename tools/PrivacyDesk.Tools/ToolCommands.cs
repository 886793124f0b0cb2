using System.Globalization;
using PrivacyDesk.Tools.Seeding;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Tools;

/// <summary>The commands that exist only in the tools' executable, never in the product's.</summary>
public static class ToolCommands
{
    private static readonly AdminCommand[] All = [new SeedDemoCommand(), new SeedAuditCommand()];

    public static IReadOnlyList<AdminCommand> Commands => All;

    public static AdminCommand? Find(string[] args) =>
        args.Length == 0 ? null : All.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
}

/// <summary><c>seed-demo --requests N</c>: realistic, fictitious requests at every stage (Development only).</summary>
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

/// <summary><c>seed-audit --events N</c>: appends N fictitious chained events (benchmarks only; Development only).</summary>
internal sealed class SeedAuditCommand : AdminCommand
{
    public override string Name => "seed-audit";
    public override bool DevelopmentOnly => true;
    public override string Usage => "seed-audit --events N [--batch B] [--seed S]";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = IntOption(args, "--events", 1_000_000, 1, 100_000_000);
        var batch = IntOption(args, "--batch", 50_000, 1, 1_000_000);
        var seed = IntOption(args, "--seed", 20261129, 0, int.MaxValue);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var seeder = ActivatorUtilities.CreateInstance<AuditBulkSeeder>(services);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var seeded = await seeder.SeedAsync(count, batch, seed, done => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done:N0} / {count:N0}")), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {seeded:N0} chained audit events in {started.Elapsed.TotalSeconds:0.0} s. / 監査イベントを {seeded:N0} 件作成しました。"));
        return 0;
    }
}

/// <summary>
/// <c>bench-host --urls URL</c>: the whole web app, as it starts in production (migrations, middleware, pages), plus
/// <c>/bench/echo</c> (<see cref="BenchmarkEndpoints"/>), the baseline the intake benchmark compares against
/// (scripts/bench-intake.sh). The product itself has no benchmark endpoint.
/// </summary>
internal static class BenchHost
{
    public const string Name = "bench-host";
    public const string Usage = "bench-host [--urls URL] [--contentRoot DIR]";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = ToolHost.CreateBuilder(args);
        builder.AddPrivacyDesk();
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        app.UsePrivacyDesk();
        app.MapBenchmarkEndpoints();
        await app.RunAsync();
        return 0;
    }
}
