using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Tools;

/// <summary>
/// The developer tools' executable: <c>dotnet run --project tools/PrivacyDesk.Tools -- &lt;command&gt; [options]</c>.
/// It builds the web app's own host (configuration, services, store) and runs a tool command (<see cref="ToolCommands"/>)
/// or any of the app's admin commands, so that one executable seeds a store and then measures it (the benchmark
/// scripts). The web app references none of this.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == BenchHost.Name)
        {
            return await BenchHost.RunAsync(args[1..]);
        }

        var command = ToolCommands.Find(args) ?? AdminCommands.Find(args);
        if (command is null)
        {
            await Console.Error.WriteLineAsync(
                "使い方 / usage: PrivacyDesk.Tools <command> [options]\n" +
                string.Join('\n', ToolCommands.Commands.Concat(AdminCommands.Commands).Select(c => "  " + c.Usage).Append("  " + BenchHost.Usage)));
            return 2;
        }

        var builder = ToolHost.CreateBuilder(args[1..]);
        builder.AddPrivacyDesk();
        var app = builder.Build();
        return await command.RunAsync(app, args[1..]);
    }
}

/// <summary>The web app's host, built from the tools' executable.</summary>
internal static class ToolHost
{
    /// <summary>
    /// The application name is the web app's, so that its Razor pages, user secrets and data-protection purposes are the
    /// app's own and not the tools'.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PrivacyDeskHost).Assembly.GetName().Name,
        });
}
