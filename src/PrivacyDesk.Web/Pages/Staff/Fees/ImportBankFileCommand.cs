using System.Globalization;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>
/// <c>import-bank-file &lt;path&gt;</c>: the import of /staff/fees/import, for a file fetched by a scheduled job. Prints
/// counts only (payer names are personal data and stay out of consoles and their logs). Exit code 0 when imported, 1
/// when the file was refused (nothing stored), 2 on a usage error.
/// </summary>
internal sealed class ImportBankFileCommand : AdminCommand
{
    public override string Name => "import-bank-file";
    public override string Usage => "import-bank-file <path>";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
                   ?? throw new CommandUsageException("The path of the bank file is missing.");
        if (!File.Exists(path))
        {
            throw new CommandUsageException($"No such file: {path}");
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            var outcome = await services.GetRequiredService<BankFileImporter>()
                .ImportAsync(content, Path.GetFileName(path), Actor, Domain.Requests.PrivacyRequest.SystemActor, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"取込 {outcome.New} 件（照合 {outcome.Matched} 件、未照合 {outcome.Unmatched} 件）、取込済みのため除外 {outcome.AlreadyImported} 件。\n" +
                $"Imported {outcome.New} credits ({outcome.Matched} matched, {outcome.Unmatched} unmatched); {outcome.AlreadyImported} already imported."));
            return 0;
        }
        catch (BankFileException ex)
        {
            await Console.Error.WriteLineAsync($"取り込めませんでした（何も保存していません）: {ex.Japanese}\nNot imported (nothing was stored): {ex.English}");
            return 1;
        }
    }

    /// <summary>Who ran it, for the ledger's "recorded by": the operating-system account of the scheduled job.</summary>
    private static string Actor => "cli:" + Environment.UserName;
}
