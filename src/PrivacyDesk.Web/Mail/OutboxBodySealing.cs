using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PrivacyDesk.Web.Data.Providers;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Mail;

/// <summary>
/// Mail bodies are sealed at rest and emptied once sent.
/// </summary>
/// <remarks>
/// <para>Why sealed rather than written without the link: the acknowledgement mail is the member's only lasting copy of
/// the status link (the receipt page shows it once, and only its SHA-256 is kept on the request), so the mail must
/// carry the token; and bodies also hold personal data (names, the reason for a deficiency). So the body is sealed under
/// the documents' master key (purpose "outbox-body", associated data = the message id) in the same SaveChanges that
/// queues it, opened only in memory by the sender, and set to empty when the server has accepted it. A copy of the
/// database holds no working token, neither in queued mail (sealed) nor in sent mail (empty).</para>
/// <para>What stays plain, for the record and for retries: kind, request id, recipient address (already on the request,
/// and needed by no secret), subject (the reference number, never the token), attempts and times.</para>
/// </remarks>
public sealed class OutboxBodySealing(MasterKeySealer sealer) : SaveChangesInterceptor
{
    internal const string Purpose = "outbox-body";

    /// <summary>Opens a stored body; a legacy plain body (not yet sealed by the start-up pass) is returned as it is.</summary>
    public string Open(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MasterKeySealer.IsSealed(message.TextBody) ? sealer.OpenText(message.TextBody, Purpose, Context(message.Id)) : message.TextBody;
    }

    /// <summary>Seals <paramref name="message"/>'s body in place, unless it is empty or already sealed. True when it changed.</summary>
    public bool Seal(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.TextBody.Length == 0 || MasterKeySealer.IsSealed(message.TextBody))
        {
            return false;
        }

        message.TextBody = sealer.SealText(message.TextBody, Purpose, Context(message.Id));
        return true;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        SealPending(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        SealPending(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void SealPending(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                Seal(entry.Entity);
            }
        }
    }

    private static string Context(Guid messageId) => messageId.ToString("D", CultureInfo.InvariantCulture);
}

public static class OutboxBodySealingRegistration
{
    /// <summary>Every context of the app seals queued mail bodies as it saves them (see <see cref="OutboxBodySealing"/>).</summary>
    public static IServiceCollection AddOutboxBodySealing(this IServiceCollection services)
    {
        services.AddSingleton<OutboxBodySealing>();
        services.ConfigureDbContext<SqliteDbContext>((sp, b) => b.AddInterceptors(sp.GetRequiredService<OutboxBodySealing>()));
        services.ConfigureDbContext<PostgresDbContext>((sp, b) => b.AddInterceptors(sp.GetRequiredService<OutboxBodySealing>()));
        services.ConfigureDbContext<SqlServerDbContext>((sp, b) => b.AddInterceptors(sp.GetRequiredService<OutboxBodySealing>()));
        return services;
    }
}
