using PrivacyDesk.Web.Staff.Dashboard;

namespace PrivacyDesk.Web.Staff;

public static class StaffManagementRegistration
{
    /// <summary>
    /// The general-affairs oversight features: the dashboard query, the daily deadline digest (options section
    /// <c>Digest</c>, a hosted service and its sender) and the account administration pages' services.
    /// </summary>
    public static IServiceCollection AddStaffManagement(this IServiceCollection services)
    {
        services.AddScoped<DashboardQuery>();
        return services;
    }
}
