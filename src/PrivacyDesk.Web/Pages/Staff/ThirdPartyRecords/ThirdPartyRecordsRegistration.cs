using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

public static class ThirdPartyRecordsRegistration
{
    /// <summary>The register of third-party provision records: options (validated at start), importer, query, purge.</summary>
    public static IServiceCollection AddThirdPartyRecords(this IServiceCollection services)
    {
        services.AddOptions<ProvisionRecordOptions>().BindConfiguration(ProvisionRecordOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvisionRecordOptions>, ProvisionRecordOptionsValidator>();
        services.AddScoped<ProvisionRecordImporter>();
        services.AddScoped<ProvisionRecordQuery>();
        services.AddScoped<ProvisionRecordPurger>();
        return services;
    }
}
