using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>
/// 銀行ファイルの取込: staff upload the bank's Zengin file or CSV statement; the page shows what each credit became.
/// A refused file stores nothing and says why, naming the record and byte of the first fault.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[RequestSizeLimit(6 * 1024 * 1024)]
public sealed class ImportModel(BankFileImporter importer, IOptions<BankFileOptions> options, ILogger<ImportModel> logger) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string? Error { get; private set; }
    public ImportOutcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = Localized.Text("取り込むファイルを選んでください。", "Choose the file to import.");
            return Page();
        }

        if (Upload.Length > options.Value.MaxFileBytes)
        {
            Error = Localized.Text("ファイルが大きすぎます。", "The file is too large.");
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        try
        {
            Outcome = await importer.ImportAsync(buffer.ToArray(), Upload.FileName, RequestWorkbench.ActorOf(User),
                string.Join(",", User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)), cancellationToken);
        }
        catch (BankFileException ex)
        {
            // The code and position identify the fault; the message may quote the file, so it is not logged.
            logger.LogInformation("Bank file refused: {Code} at record {Record}, byte {Position}", ex.Code, ex.RecordNumber, ex.BytePosition);
            Error = Localized.Text(ex.Japanese, ex.English);
        }
        catch (Exception ex) when (StoreResilience.IsStoreFailure(ex))
        {
            logger.LogWarning(ex, "Bank file import failed in the store; nothing was stored");
            Error = Localized.Text("保存できませんでした。何も取り込んでいません。しばらくしてからもう一度お試しください。",
                "The import could not be saved; nothing was imported. Try again shortly.");
        }

        return Page();
    }
}
