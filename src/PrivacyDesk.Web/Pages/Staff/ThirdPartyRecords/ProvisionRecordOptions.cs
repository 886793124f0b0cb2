using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.ProvisionRecords;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

/// <summary>The register of third-party provision records (configuration section <c>ProvisionRecords</c>).</summary>
public sealed class ProvisionRecordOptions
{
    public const string Section = "ProvisionRecords";

    /// <summary>Years a record is kept after the last day of provision (施行規則第14条第3号・第18条第3号: at least 3).</summary>
    public int GeneralRetentionYears { get; set; } = ProvisionRetention.Statutory.GeneralYears;

    /// <summary>Years a record that is the contract or similar document is kept (施行規則第14条第1号・第18条第1号: at least 1).</summary>
    public int ContractDocumentRetentionYears { get; set; } = ProvisionRetention.Statutory.ContractDocumentYears;

    /// <summary>The largest CSV file accepted for import.</summary>
    public int MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    public ProvisionRetention Retention => new(GeneralRetentionYears, ContractDocumentRetentionYears);
}

/// <summary>Refuses at start-up a retention shorter than the PPC rules allow, or a file limit that makes no sense.</summary>
internal sealed class ProvisionRecordOptionsValidator : IValidateOptions<ProvisionRecordOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvisionRecordOptions options)
    {
        var failures = new List<string>();
        var statutory = ProvisionRetention.Statutory;
        if (options.GeneralRetentionYears < statutory.GeneralYears || options.GeneralRetentionYears > 100)
        {
            failures.Add($"{ProvisionRecordOptions.Section}:GeneralRetentionYears must be {statutory.GeneralYears} to 100 (施行規則第14条: at least {statutory.GeneralYears} years).");
        }

        if (options.ContractDocumentRetentionYears < statutory.ContractDocumentYears || options.ContractDocumentRetentionYears > options.GeneralRetentionYears)
        {
            failures.Add($"{ProvisionRecordOptions.Section}:ContractDocumentRetentionYears must be {statutory.ContractDocumentYears} to GeneralRetentionYears (施行規則第14条第1号).");
        }

        if (options.MaxFileBytes is < 1024 or > 50 * 1024 * 1024)
        {
            failures.Add($"{ProvisionRecordOptions.Section}:MaxFileBytes must be 1 KB to 50 MB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
