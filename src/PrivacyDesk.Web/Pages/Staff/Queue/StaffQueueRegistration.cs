namespace PrivacyDesk.Web.Pages.Staff.Queue;

public static class StaffQueueRegistration
{
    /// <summary>Registers <see cref="StaffQueueQuery"/> and its options (section <c>StaffQueue</c>).</summary>
    public static IServiceCollection AddStaffQueue(this IServiceCollection services)
    {
        services.AddOptions<StaffQueueOptions>().BindConfiguration(StaffQueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<StaffQueueQuery>();
        services.AddScoped<PrivacyDesk.Web.Pages.Staff.Approvals.PendingApprovalsQuery>();
        return services;
    }
}
