using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> builder)
    {
        builder.ToTable("DocumentContents");
        builder.HasKey(c => c.DocumentId);
        builder.Property(c => c.KeyId).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasOne<IdentityDocument>().WithOne().HasForeignKey<DocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IssuedLetterConfiguration : IEntityTypeConfiguration<IssuedLetter>
{
    public void Configure(EntityTypeBuilder<IssuedLetter> builder)
    {
        builder.ToTable("Letters");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Kind).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(l => l.IssuedBy).HasMaxLength(450).IsRequired();
        builder.Property(l => l.Sha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Ignore(l => l.IsPurged);
        builder.HasIndex(l => new { l.PurgedAt, l.IssuedAt });
        builder.HasOne<PrivacyRequest>().WithMany().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.RequestId);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.ActorRole).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(45).IsUnicode(false);

        // The hash chain (ADR 0008): one event per sequence number; hashes are raw SHA-256 bytes.
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.Property(e => e.PreviousHash).HasMaxLength(AuditCanonicalForm.HashSize).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(AuditCanonicalForm.HashSize).IsRequired();
        builder.Property(e => e.ChainKeyId).HasMaxLength(32).IsUnicode(false);
        builder.Ignore(e => e.RecordedOrder);
        builder.HasIndex(e => new { e.ActorId, e.Sequence });
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.RequestId, e.OccurredAt });
    }
}

internal sealed class AuditAnchorRecordConfiguration : IEntityTypeConfiguration<AuditAnchorRecord>
{
    public void Configure(EntityTypeBuilder<AuditAnchorRecord> builder)
    {
        builder.ToTable("AuditAnchors");
        builder.HasKey(a => a.Date);
        builder.Property(a => a.Hash).HasMaxLength(AuditCanonicalForm.HashSize).IsRequired();
        builder.Property(a => a.ChainKeyId).HasMaxLength(32).IsUnicode(false);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(254).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.Property(m => m.LockedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(2000);

        // The worker asks for unsent mail that is due.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> builder)
    {
        builder.ToTable("ReferenceCounters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}
