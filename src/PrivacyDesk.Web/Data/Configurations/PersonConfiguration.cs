using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.People;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.FullName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.FullNameKana).HasMaxLength(100).IsRequired();
        builder.Property(p => p.SearchKana).HasMaxLength(100).IsRequired();
        builder.Property(p => p.PostalCode).HasMaxLength(8).IsUnicode(false).IsRequired();
        builder.Property(p => p.Prefecture).HasMaxLength(10).IsRequired();
        builder.Property(p => p.City).HasMaxLength(100).IsRequired();
        builder.Property(p => p.AddressLine).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Phone).HasMaxLength(20).IsUnicode(false).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.MemberNumber).HasMaxLength(30);
        builder.Property(p => p.MemberCoop).HasMaxLength(100);
        builder.Ignore(p => p.FullAddress);

        // Staff search by kana and duplicate detection by kana and birth date.
        builder.HasIndex(p => new { p.SearchKana, p.DateOfBirth });
    }
}
