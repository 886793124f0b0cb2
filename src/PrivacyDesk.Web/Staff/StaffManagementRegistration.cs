using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using FluentValidation;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;
using PrivacyDesk.Web.Pages.Staff.Dashboard;
using PrivacyDesk.Web.Staff.Digest;

namespace PrivacyDesk.Web.Staff;

public static class StaffManagementRegistration
{
    /// <summary>
    /// The general-affairs oversight features: the dashboard query, the daily deadline digest (options section
    /// <c>Digest</c>, its sender and the hosted worker) and the account administration pages' services.
    /// </summary>
    public static IServiceCollection AddStaffManagement(this IServiceCollection services)
    {
        services.AddScoped<DashboardQuery>();

        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>());
        services.AddScoped<DailyDigest>();
        services.AddHostedService<DigestWorker>();

        services.AddScoped<AccountAdministration>();
        return services;
    }
}
