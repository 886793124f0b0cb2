using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Mail;

public static class MailOutboxRegistration
{
    /// <summary>
    /// Registers outgoing mail: <see cref="SmtpOptions"/> (section "Smtp", validated at start), the MailKit sender, the
    /// scoped <see cref="OutboxProcessor"/> and the hosted <see cref="OutboxWorker"/>. Idempotent: a second call does nothing.
    /// </summary>
    public static IServiceCollection AddMailOutbox(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(OutboxProcessor)))
        {
            return services;
        }

        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxInstance>();
        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services.AddOutboxBodySealing();
        services.AddScoped<OutboxProcessor>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
