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
/// At start: checks that a font exists, so that a missing one stops the app with
/// <see cref="PrivacyDesk.Letters.Fonts.LetterFontNotFoundException"/> instead of failing on the first letter. Then
/// builds the letter engine (the 7.8 MB font read and parsed) and renders the 委任状 template once (kept in memory,
/// served by /forms), in the background, so that neither delays readiness and the first letter staff issue does not pay
/// for the font and the code's first run (docs/benchmarks/letters.md).
/// </summary>
internal sealed class LetterFontCheck(IServiceProvider services, IOptions<LetterOptions> options, ILogger<LetterFontCheck> logger) : IHostedService
{
    private Task warmUp = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Throws when the configured font is missing or no candidate exists: the host does not start.
        PrivacyDesk.Letters.Fonts.LetterFontLocator.Locate(options.Value, AppContext.BaseDirectory);
        warmUp = Task.Run(WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    // A host stopped right after its start (tests) waits for the warm-up rather than dispose the engine under it.
    public Task StopAsync(CancellationToken cancellationToken) => warmUp.WaitAsync(cancellationToken);

    private void WarmUp()
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var engine = services.GetRequiredService<LetterEngine>();
            engine.PowerOfAttorneyForm();
            logger.LogInformation("Letters ready in {Elapsed:F0} ms", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The font was found but could not be used: every letter will fail with the same error, logged now.
            logger.LogError(ex, "The letter engine could not be built");
        }
    }
}
