using PrivacyDesk.Web.Retention;

namespace PrivacyDesk.Web.Audit;

public static class AuditRegistration
{
    /// <summary>The chain verifier, the auditor pages' queries and CSV, and retention (documents and letters).</summary>
    public static IServiceCollection AddAuditing(this IServiceCollection services)
    {
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<AuditHistoryQuery>();
        services.AddScoped<AuditEventLogQuery>();
        services.AddScoped<AuditStatisticsQuery>();
        services.AddScoped<AuditTimelineQuery>();
        services.AddScoped<FluentValidation.IValidator<Pages.Audit.PeriodInput>, Pages.Audit.PeriodInputValidator>();
        services.AddRetention();
        return services;
    }
}
