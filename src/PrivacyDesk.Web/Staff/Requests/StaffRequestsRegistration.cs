using FluentValidation;
using PrivacyDesk.Web.Pages.Staff.Requests;
using PrivacyDesk.Web.Pages.Staff.Requests.Approval;
using PrivacyDesk.Web.Pages.Staff.Requests.Decision;
using PrivacyDesk.Web.Pages.Staff.Requests.Detail;
using PrivacyDesk.Web.Pages.Staff.Requests.Fee;
using PrivacyDesk.Web.Pages.Staff.Requests.IdentityCheck;

namespace PrivacyDesk.Web.Staff.Requests;

public static class StaffRequestsRegistration
{
    /// <summary>The request pages of the back office: workbench, member notices, validators and decision options.</summary>
    public static IServiceCollection AddStaffRequests(this IServiceCollection services)
    {
        services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.Section);
        services.AddScoped<RequestWorkbench>();
        services.AddScoped<DeficiencyNotice>();
        return services;
    }
}
