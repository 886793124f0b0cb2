using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>What the auditor list pages share: the period filter with its validation, and Excel-safe CSV responses.</summary>
public abstract class AuditPageModel(IValidator<PeriodInput> periodValidator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public PeriodInput Period => new() { From = From, To = To };

    public IReadOnlyList<string> Errors { get; private set; } = [];

    protected async Task<bool> ValidatePeriodAsync(CancellationToken cancellationToken)
    {
        var result = await periodValidator.ValidateAsync(Period, cancellationToken);
        Errors = result.Errors.Select(e => e.ErrorMessage).ToList();
        return result.IsValid;
    }

    /// <summary>Streams a CSV download; <paramref name="write"/> writes the rows.</summary>
    protected async Task<IActionResult> CsvAsync(string fileStem, Func<ExcelCsvWriter, Task> write)
    {
        Response.ContentType = ExcelCsvWriter.ContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileStem}-{DateTime.UtcNow:yyyyMMddHHmmss}.csv\"";
        Response.Headers.CacheControl = "no-store";
        await using (var csv = new ExcelCsvWriter(Response.Body))
        {
            await write(csv);
        }

        return new EmptyResult();
    }

    /// <summary>The current query string with one parameter replaced (for next-page and export links).</summary>
    public string With(string path, string key, string? value)
    {
        var query = Request.Query.Where(q => q.Key != key && q.Key != "handler")
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"));
        if (value is not null)
        {
            query = query.Append($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}");
        }

        return $"{path}?{string.Join("&", query)}";
    }
}
