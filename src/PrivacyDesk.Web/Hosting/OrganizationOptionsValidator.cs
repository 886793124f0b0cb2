using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// Checks section <c>Organization</c> at start-up (<c>ValidateOnStart</c>): a fee, a response target or a document age
/// out of range would otherwise surface only when the first member files, as a wrong amount on a letter or an exception
/// in the deadline clock. Each message names the setting, in Japanese and English.
/// </summary>
internal sealed class OrganizationOptionsValidator : IValidateOptions<OrganizationOptions>
{
    /// <summary>APPI Art. 38 allows a fee "reasonable in view of actual costs"; anything above this is a typo.</summary>
    public const int MaxFeeYen = 100_000;

    public ValidateOptionsResult Validate(string? name, OrganizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Fee is null || options.Fee.DisclosureFeeYen is < 0 or > MaxFeeYen)
        {
            errors.Add(OptionsMessages.Range("Organization:Fee:DisclosureFeeYen", 0, MaxFeeYen, "円", "yen"));
        }

        // DeadlineClock refuses 0 or less; Art. 39's guideline is two weeks, so a quarter is already far outside it.
        if (options.ResponseTargetDays is < 1 or > 90)
        {
            errors.Add(OptionsMessages.Range("Organization:ResponseTargetDays", 1, 90, "日", "days"));
        }

        if (options.RelationshipDocumentMaxAgeMonths is < 1 or > 24)
        {
            errors.Add(OptionsMessages.Range("Organization:RelationshipDocumentMaxAgeMonths", 1, 24, "か月", "months"));
        }

        // The accepted ID documents feed the landing page, the forms, the letters and the ID check: a bad list would
        // print a wrong promise to members, so it stops the start instead.
        foreach (var problem in options.IdentityDocumentProblems())
        {
            errors.Add($"Organization:IdentityDocuments / AddressProof: {problem.Japanese} / {problem.English}");
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add("Organization:PublicBaseUrl は http:// または https:// で始まる絶対 URL にしてください。 / " +
                       "Organization:PublicBaseUrl must be an absolute http:// or https:// URL.");
        }

        if (string.IsNullOrWhiteSpace(options.Name) || string.IsNullOrWhiteSpace(options.Phone))
        {
            errors.Add("Organization:Name と Organization:Phone は空にできません（ページ・メール・書面に表示します）。 / " +
                       "Organization:Name and Organization:Phone must not be empty (pages, mails and letters show them).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>The wording of start-up configuration errors: the setting's name, then Japanese, then English.</summary>
internal static class OptionsMessages
{
    public static string Range(string setting, long min, long max, string unitJa = "", string unitEn = "") =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{setting} は {min}{unitJa} 以上 {max}{unitJa} 以下にしてください。 / {setting} must be from {min} to {max}{(unitEn.Length == 0 ? "" : " " + unitEn)}.");
}

/// <summary>DataAnnotations <c>[Range]</c> whose message names the setting in Japanese and English.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute : System.ComponentModel.DataAnnotations.RangeAttribute
{
    public SettingRangeAttribute(string setting, int minimum, int maximum)
        : base(minimum, maximum)
    {
        ErrorMessage = OptionsMessages.Range(setting, minimum, maximum);
    }
}
