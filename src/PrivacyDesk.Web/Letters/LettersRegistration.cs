using Microsoft.Extensions.Options;
using PrivacyDesk.Letters;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Pages.Staff.Letters;

namespace PrivacyDesk.Web.Letters;

public static class LettersRegistration
{
    /// <summary>
    /// The letter engine (one per process: it holds the loaded font and width caches), the issuer, and a start-up check
    /// that fails the app at once with a clear message when no Japanese font can be found (section <c>Letters</c>).
    /// </summary>
    public static IServiceCollection AddLetters(this IServiceCollection services)
    {
        services.AddOptions<LetterOptions>().BindConfiguration(LetterOptions.Section);
        services.AddSingleton(sp => Settings(
            sp.GetRequiredService<IOptions<OrganizationOptions>>().Value, sp.GetRequiredService<IOptions<LetterOptions>>().Value));
        services.AddSingleton(sp => LetterEngine.CreateWithPdfSharp(
            sp.GetRequiredService<IOptions<LetterOptions>>().Value, sp.GetRequiredService<LetterSettings>(), AppContext.BaseDirectory));
        services.AddHostedService<LetterFontCheck>();
        services.AddSingleton<LetterSealing>();
        services.AddScoped<LetterIssuer>();
        services.AddScoped<LetterNoticeMail>();
        return services;
    }

    /// <summary>The sender block, bank account and fee come from the Organization section the pages and mails already use.</summary>
    public static LetterSettings Settings(OrganizationOptions org, LetterOptions letters)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(letters);
        var bank = org.BankAccount;
        return new LetterSettings(
            new LetterSender(org.Name, org.Department, org.PostalCode, org.Address, org.Phone, org.Email, org.ReceptionHours),
            bank.IsConfigured ? new FeeAccount(bank.BankName, bank.BranchName, bank.AccountType, bank.AccountNumber, bank.AccountHolder) : null,
            org.Fee.DisclosureFeeYen,
            PurposesOfUse.From(letters.PurposesOfUse),
            letters.DateStyle,
            $"{org.PublicBaseUrl.TrimEnd('/')}/requests/status",
            org.RelationshipDocumentMaxAgeMonths,
            org.PublicBaseUrl.TrimEnd('/') + Pages.SiteLinks.PowerOfAttorney,
            org.IdentityDocumentCatalogue());
    }
}

/// <summary>
/// Builds the letter engine while the host starts: a missing font stops the app with
/// <see cref="PrivacyDesk.Letters.Fonts.LetterFontNotFoundException"/> instead of failing on the first letter.
/// </summary>
internal sealed class LetterFontCheck(IServiceProvider services, ILogger<LetterFontCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<LetterEngine>();
        if (engine.Renderer is PrivacyDesk.Letters.Rendering.PdfSharpLetterRenderer)
        {
            logger.LogInformation("Letters ready");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
