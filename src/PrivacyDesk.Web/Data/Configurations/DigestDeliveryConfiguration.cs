using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Web.Staff.Digest;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> builder)
    {
        builder.ToTable("DigestDeliveries");

        // One digest per user per JST day, enforced by the database across instances.
        builder.HasKey(d => new { d.UserId, d.Date });
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.HasIndex(d => d.Date);
    }
}
