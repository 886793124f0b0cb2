namespace PrivacyDesk.Web.Pages.Staff.Fees;

public static class FeesRegistration
{
    /// <summary>Fee reconciliation: bank-file options, the importer.</summary>
    public static IServiceCollection AddFees(this IServiceCollection services)
    {
        services.AddOptions<BankFileOptions>().BindConfiguration(BankFileOptions.Section);
        services.AddScoped<BankFileImporter>();
        services.AddScoped<FeeOverviewQuery>();
        services.AddScoped<FluentValidation.IValidator<ManualMatchInput>, ManualMatchInputValidator>();
        return services;
    }
}
