using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.People;

namespace PrivacyDesk.Web.Data.Configurations;

/// <summary>The contact history of a request (ADR 0024): old and new values are personal data, kept here, never in the audit row.</summary>
internal sealed class ContactCorrectionConfiguration : IEntityTypeConfiguration<ContactCorrection>
{
    public void Configure(EntityTypeBuilder<ContactCorrection> builder)
    {
        builder.ToTable("ContactCorrections");
        builder.HasKey(c => c.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(c => c.Id).ValueGeneratedNever();

        // An address on one line: 〒 (9) + prefecture (10) + city (100) + address line (200), with room to spare.
        builder.Property(c => c.OldValue).HasMaxLength(400);
        builder.Property(c => c.NewValue).HasMaxLength(400);
        builder.Property(c => c.Reason).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.CorrectedBy).HasMaxLength(450).IsRequired();
        builder.Property<Guid>("RequestId");
        builder.HasIndex("RequestId");
    }
}
