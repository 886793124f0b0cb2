using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

/// <summary>
/// 第三者提供記録の取込: staff upload the register's CSV. A refused file stores nothing and says which row and why; the
/// same file again adds nothing.
/// </summary>
[Authorize(Policy = StaffPolicies.WorkRequests)]
[RequestSizeLimit(6 * 1024 * 1024)]
public sealed class ImportModel(ProvisionRecordImporter importer, IOptions<ProvisionRecordOptions> options, ILogger<ImportModel> logger) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string? Error { get; private set; }
    public ProvisionImportOutcome? Outcome { get; private set; }

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
            Outcome = await importer.ImportAsync(buffer.ToArray(), RequestWorkbench.ActorOf(User),
                string.Join(",", User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)), cancellationToken);
        }
        catch (ProvisionImportException ex)
        {
            // The code and row identify the fault; the message may quote the file (personal data), so it is not logged.
            logger.LogInformation("Provision record file refused: {Code} at row {Row}", ex.Code, ex.Row);
            Error = Localized.Text(ex.Japanese, ex.English);
        }
        catch (Exception ex) when (StoreResilience.IsStoreFailure(ex))
        {
            logger.LogWarning(ex, "Provision record import failed in the store; nothing was stored");
            Error = Localized.Text("保存できませんでした。何も取り込んでいません。しばらくしてからもう一度お試しください。",
                "The import could not be saved; nothing was imported. Try again shortly.");
        }

        return Page();
    }
}
