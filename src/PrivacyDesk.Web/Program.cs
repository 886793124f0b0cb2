using PrivacyDesk.Web.Hosting;

// One executable: the web app, or an admin command (`dotnet run --project src/PrivacyDesk.Web -- migrate`).
if (AdminCommands.RefuseMovedTool(args) is { } moved)
{
    return moved;
}

var command = AdminCommands.Find(args);
var builder = WebApplication.CreateBuilder(command is null ? args : args[1..]);
builder.AddPrivacyDesk();

var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app, args[1..]);
}

await app.PrepareDatabaseAsync();
app.UsePrivacyDesk();
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
