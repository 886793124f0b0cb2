using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.ProvisionRecords;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class ProvisionRecordConfiguration : IEntityTypeConfiguration<ProvisionRecord>
{
    public void Configure(EntityTypeBuilder<ProvisionRecord> builder)
    {
        builder.ToTable("ProvisionRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CounterpartyName).HasMaxLength(ProvisionRecord.MaxTextLength).IsRequired();
        builder.Property(r => r.CounterpartyAddress).HasMaxLength(ProvisionRecord.MaxTextLength);
        builder.Property(r => r.CounterpartyRepresentative).HasMaxLength(ProvisionRecord.MaxTextLength);
        builder.Property(r => r.MemberNumber).HasMaxLength(64);
        builder.Property(r => r.PersonName).HasMaxLength(ProvisionRecord.MaxTextLength).IsRequired();
        builder.Property(r => r.PersonKana).HasMaxLength(ProvisionRecord.MaxTextLength).IsRequired();
        builder.Property(r => r.SearchKana).HasMaxLength(ProvisionRecord.MaxTextLength).IsRequired();
        builder.Property(r => r.DataItems).HasMaxLength(ProvisionRecord.MaxTextLength).IsRequired();
        builder.Property(r => r.Acquisition).HasMaxLength(ProvisionRecord.MaxTextLength);
        builder.Property(r => r.Note).HasMaxLength(ProvisionRecord.MaxNoteLength);
        builder.Property(r => r.RowKey).HasMaxLength(64).IsRequired();
        builder.Property(r => r.RecordedBy).HasMaxLength(450).IsRequired();

        // Two purges at once: the second one's UPDATE ... WHERE PurgedAt IS NULL finds nothing and its batch rolls back.
        builder.Property(r => r.PurgedAt).IsConcurrencyToken();

        // The same row imported twice is one record, also when two imports run at once: the second insert fails.
        builder.HasIndex(r => r.RowKey).IsUnique();

        // How a requester is matched: member number, or kana key plus birth date.
        builder.HasIndex(r => r.MemberNumber);
        builder.HasIndex(r => new { r.SearchKana, r.PersonBirthDate });
        builder.HasIndex(r => new { r.PurgedAt, r.ProvidedOn });
    }
}
