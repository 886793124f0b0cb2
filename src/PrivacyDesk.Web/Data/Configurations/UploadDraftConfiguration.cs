using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Web.Intake;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class UploadDraftConfiguration : IEntityTypeConfiguration<UploadDraft>
{
    public void Configure(EntityTypeBuilder<UploadDraft> builder)
    {
        builder.ToTable("UploadDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.DraftKeyHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsUnicode(false).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(d => d.KeyId).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasIndex(d => new { d.DraftKeyHash, d.Role });
        builder.HasIndex(d => d.CreatedAt);
    }
}
