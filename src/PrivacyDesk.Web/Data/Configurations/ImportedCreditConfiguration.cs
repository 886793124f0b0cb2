using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Fees.BankFiles;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class ImportedCreditConfiguration : IEntityTypeConfiguration<ImportedCredit>
{
    public void Configure(EntityTypeBuilder<ImportedCredit> builder)
    {
        builder.ToTable("ImportedCredits");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();

        // A credit's bank identity (account, date, 照会番号, amount): unique, so that importing a file twice, two
        // overlapping statements or two imports racing each other can never count one credit twice.
        builder.Property(c => c.IdentityKey).HasMaxLength(300).IsRequired();
        builder.HasIndex(c => c.IdentityKey).IsUnique();
        builder.Property(c => c.AccountKey).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Sequence).HasMaxLength(150).IsRequired();
        builder.Property(c => c.PayerName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.ManualReason).HasMaxLength(1000);
        builder.Property(c => c.ImportedBy).HasMaxLength(450).IsRequired();
        builder.Property(c => c.MatchedBy).HasMaxLength(450);

        // /staff/fees lists what is left for staff (unmatched, overpaid) and the ledger by date.
        builder.HasIndex(c => new { c.State, c.BookedOn });
        builder.HasIndex(c => c.BookedOn);
    }
}
