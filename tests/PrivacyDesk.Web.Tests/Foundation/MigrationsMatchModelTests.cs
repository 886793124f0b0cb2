using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Data.Providers;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// Every provider's migrations must produce the model the configurations describe. EF checks this inside Migrate (its
/// pending-model-changes warning) by building the design-time model and the snapshot's model at every start that applies
/// a migration; the app turns that check off (DatabaseRegistration, docs/benchmarks/startup.md, session 10) because it
/// is a property of the build, not of the store. It is made here instead, for all three contexts, on every test run, and
/// by `dotnet ef migrations has-pending-model-changes` in .ci/run.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    public static TheoryData<string> Providers() => OfflineContexts.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_snapshot_matches_the_model(string provider)
    {
        using var context = OfflineContexts.Create(Enum.Parse<DatabaseProvider>(provider));

        Assert.False(context.Database.HasPendingModelChanges(),
            $"The {provider} model has changes that no migration applies: add a migration for all three providers "
            + "(README, \"Changing the data model\").");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrate_does_not_repeat_the_check_at_start_up(string provider)
    {
        using var context = OfflineContexts.Create(Enum.Parse<DatabaseProvider>(provider));
        var warnings = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.WarningsConfiguration;

        Assert.Equal(WarningBehavior.Ignore, warnings.GetBehavior(RelationalEventId.PendingModelChangesWarning));
    }
}
