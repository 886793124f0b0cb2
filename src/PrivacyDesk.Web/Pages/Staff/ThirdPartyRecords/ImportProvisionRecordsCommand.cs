using System.Globalization;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

/// <summary>
/// <c>import-provision-records &lt;path&gt;</c>: the import of /staff/third-party-records/import from the command line.
/// Prints counts only (the records are personal data). Exit code 0 when imported, 1 when the file was refused (nothing
/// stored), 2 on a usage error.
/// </summary>
internal sealed class ImportProvisionRecordsCommand : AdminCommand
{
    public override string Name => "import-provision-records";
    public override string Usage => "import-provision-records <path>";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
                   ?? throw new CommandUsageException("The path of the CSV file is missing.");
        if (!File.Exists(path))
        {
            throw new CommandUsageException($"No such file: {path}");
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            var outcome = await services.GetRequiredService<ProvisionRecordImporter>()
                .ImportAsync(content, "cli:" + Environment.UserName, Domain.Requests.PrivacyRequest.SystemActor, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"取込 {outcome.Added} 件（{outcome.Rows} 行中）、取込済みのため除外 {outcome.AlreadyRecorded} 件。\n" +
                $"Imported {outcome.Added} of {outcome.Rows} records; {outcome.AlreadyRecorded} already recorded."));
            return 0;
        }
        catch (ProvisionImportException ex)
        {
            await Console.Error.WriteLineAsync($"取り込めませんでした（何も保存していません）: {ex.Japanese}\nNot imported (nothing was stored): {ex.English}");
            return 1;
        }
    }
}
