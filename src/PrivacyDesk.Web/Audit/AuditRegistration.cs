using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Retention;

namespace PrivacyDesk.Web.Audit;

public static class AuditRegistration
{
    /// <summary>
    /// The chain's keys (section <c>Audit</c>), the verifier, the daily anchor (job and file), the auditor pages' queries
    /// and CSV, and retention (documents and letters).
    /// </summary>
    public static IServiceCollection AddAuditing(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.AddSingleton<AuditKeyStore>();
        services.AddSingleton<AuditAnchorFile>();
        services.AddScoped<AuditAnchoring>();
        services.AddHostedService<AuditAnchorWorker>();
        services.AddScoped<AuditChainVerifier>();
        services.AddSingleton<AuditVerificationRunner>();
        services.AddScoped<Pages.Audit.Requests.AuditHistoryQuery>();
        services.AddScoped<Pages.Audit.Events.AuditEventLogQuery>();
        services.AddScoped<Pages.Audit.AuditStatisticsQuery>();
        services.AddScoped<Pages.Audit.Requests.AuditTimelineQuery>();
        services.AddRetention();

        // Reads of personal data: one filter for every page marked [AuditsPersonalDataRead] (ADR 0014).
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new PersonalDataReadFilter()));
        return services;
    }
}
