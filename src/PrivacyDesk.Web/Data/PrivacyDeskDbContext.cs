using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Data;

/// <summary>
/// The one store of PrivacyDesk. Each database provider has a subclass that carries its own migrations
/// (see <c>Data/Providers</c> and ADR 0002); the model itself is the same for all of them.
/// </summary>
public abstract class PrivacyDeskDbContext(DbContextOptions options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<PrivacyRequest> Requests => Set<PrivacyRequest>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<IdentityDocument> Documents => Set<IdentityDocument>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<FeePayment> FeePayments => Set<FeePayment>();
    public DbSet<Domain.Fees.BankFiles.ImportedCredit> ImportedCredits => Set<Domain.Fees.BankFiles.ImportedCredit>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<IdentityCheck> IdentityChecks => Set<IdentityCheck>();
    public DbSet<RequestNote> RequestNotes => Set<RequestNote>();
    public DbSet<IssuedLetter> Letters => Set<IssuedLetter>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<AuditAnchorRecord> AuditAnchors => Set<AuditAnchorRecord>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<Intake.UploadDraft> UploadDrafts => Set<Intake.UploadDraft>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Staff.Digest.DigestDelivery> DigestDeliveries => Set<Staff.Digest.DigestDelivery>();
    public DbSet<Domain.ProvisionRecords.ProvisionRecord> ProvisionRecords => Set<Domain.ProvisionRecords.ProvisionRecord>();
    public DbSet<Pages.Staff.Dashboard.DashboardFigure> DashboardFigures => Set<Pages.Staff.Dashboard.DashboardFigure>();

    /// <summary>Events raised through <see cref="AuditTrail.Raise"/> (no aggregate holds them), for the next save.</summary>
    internal Domain.Events.RaisedEvents UnattachedEvents { get; } = new();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PrivacyDeskDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersionsOfChangedRequests();
        AuditRecorder.RecordEvents(this);

        // New audit events are chained (sequence, hashes) under the chain lock in the same transaction; see AuditChain. The
        // dashboard's counters move with the rows, in that transaction too (ADR 0027).
        return Pages.Staff.Dashboard.DashboardFigureChanges.SaveChangesAsync(
            this, _ => Task.FromResult(AuditChain.SaveChanges(this, () => base.SaveChanges(acceptAllChangesOnSuccess))), sync: true, CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersionsOfChangedRequests();

        // Domain events become audit rows here, in the unit of work that holds their change (ADR 0014).
        AuditRecorder.RecordEvents(this);
        return Pages.Staff.Dashboard.DashboardFigureChanges.SaveChangesAsync(
            this, ct => AuditChain.SaveChangesAsync(this, token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token), ct), sync: false, cancellationToken);
    }

    /// <summary>
    /// A request changes when any of its parts change (a payment, a document, a status entry), so the concurrency token
    /// moves with them: a second editor working from the old version is refused instead of overwriting.
    /// </summary>
    private void BumpVersionsOfChangedRequests()
    {
        ChangeTracker.DetectChanges();
        var changedRequestIds = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                        && e.Metadata.FindProperty("RequestId") is not null
                        && e.Entity is StatusChange or IdentityDocument or FeePayment or Decision or IdentityCheck or ContactCorrection)
            .Select(e => e.Property("RequestId").CurrentValue)
            .OfType<Guid>()
            .ToHashSet();

        foreach (var entry in ChangeTracker.Entries<PrivacyRequest>())
        {
            if (entry.State == EntityState.Modified
                || (entry.State == EntityState.Unchanged && changedRequestIds.Contains(entry.Entity.Id)))
            {
                entry.Entity.BumpVersion();
            }
        }
    }
}
