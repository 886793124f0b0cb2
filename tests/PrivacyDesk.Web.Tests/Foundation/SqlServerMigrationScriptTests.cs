using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using PrivacyDesk.Web.Data.Providers;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// SQL Server cannot run here, so its migrations are checked by generating the idempotent script (CI) and by this rule:
/// custom SQL goes through EXEC, because the script puts a whole migration in one batch, which SQL Server compiles
/// before running (a column added in the same migration is unknown; CREATE TRIGGER must start a batch).
/// </summary>
public sealed class SqlServerMigrationScriptTests
{
    public static TheoryData<string> SqlServerMigrations()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(SqlServerDbContext).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(Migration))
                                 && t.Namespace == "PrivacyDesk.Web.Data.Migrations.SqlServer")
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void The_SQL_Server_migrations_are_found()
    {
        Assert.True(SqlServerMigrations().Count >= 6);
    }

    [Theory]
    [MemberData(nameof(SqlServerMigrations))]
    public void Custom_SQL_in_a_SQL_Server_migration_runs_through_EXEC(string migrationType)
    {
        var migration = (Migration)Activator.CreateInstance(typeof(SqlServerDbContext).Assembly.GetType(migrationType)!)!;
        var custom = migration.UpOperations.Concat(migration.DownOperations).OfType<SqlOperation>().ToList();

        Assert.All(custom, operation =>
        {
            Assert.StartsWith("EXEC(N'", operation.Sql, StringComparison.Ordinal);
            Assert.EndsWith("')", operation.Sql, StringComparison.Ordinal);
        });
    }
}
