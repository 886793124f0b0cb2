using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Web.Pages.Staff.Dashboard;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class DashboardFigureConfiguration : IEntityTypeConfiguration<DashboardFigure>
{
    public void Configure(EntityTypeBuilder<DashboardFigure> builder)
    {
        builder.ToTable("DashboardFigures");

        // One counter per figure and key: the upsert in DashboardFigureChanges relies on this key for its ON CONFLICT.
        builder.HasKey(f => new { f.Figure, f.KeyA, f.KeyB });
    }
}
