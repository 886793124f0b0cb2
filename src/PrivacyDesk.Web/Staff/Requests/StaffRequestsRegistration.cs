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
        services.AddScoped<IValidator<AssignInput>, AssignInputValidator>();
        services.AddScoped<IValidator<NoteInput>, NoteInputValidator>();
        services.AddScoped<IValidator<EndInput>, EndInputValidator>();
        services.AddScoped<IValidator<IdentityCheckInput>, IdentityCheckInputValidator>();
        services.AddScoped<IValidator<FeeInput>, FeeInputValidator>();
        services.AddScoped<IValidator<DecisionInput>, DecisionInputValidator>();
        services.AddScoped<IValidator<SendBackInput>, SendBackInputValidator>();
        return services;
    }
}
