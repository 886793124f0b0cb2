using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Data.Providers;

namespace PrivacyDesk.Web.Tests.Foundation;

/// <summary>
/// The app runs on the compiled models in Data/CompiledModels (ADR 0028 amendment: EF would otherwise build the whole
/// model at every start). A compiled model is generated code: after a change to an entity or its configuration it must
/// be regenerated (scripts/ef-compiled-models.sh), or the app would read and write with the old mapping. These tests
/// build each provider's model from the configurations, as `dotnet ef` does, and fail when the compiled one differs from
/// it in anything the database sees (tables, columns, types, keys, indexes, foreign keys).
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers() => OfflineContexts.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_app_runs_on_the_compiled_model(string provider)
    {
        using var context = OfflineContexts.Create(Enum.Parse<DatabaseProvider>(provider));

        // The runtime model of a context without a compiled model is built by conventions; the generated one says so by type.
        Assert.Equal("CompiledModels", context.Model.GetType().Namespace!.Split('.')[^2]);
        Assert.StartsWith(context.GetType().Name, context.Model.GetType().Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_matches_the_model_built_from_the_configurations(string provider)
    {
        using var context = OfflineContexts.Create(Enum.Parse<DatabaseProvider>(provider));
        var compiled = Describe(context.Model);
        var built = Describe(context.GetService<IDesignTimeModel>().Model);

        // (EF's migrations differ cannot read a compiled model: it lacks design-time annotations such as collations.)
        Assert.True(compiled.SequenceEqual(built),
            "The compiled model is stale: run scripts/ef-compiled-models.sh. Only in the compiled model: "
            + string.Join("; ", compiled.Except(built)) + ". Only in the configurations: " + string.Join("; ", built.Except(compiled)));
    }

    [Fact]
    public void The_description_names_every_column_index_and_mapped_property()
    {
        // The check above is only as good as Describe: a renamed column, a new index or a remapped property must change a line.
        using var context = OfflineContexts.Create(DatabaseProvider.Sqlite);
        var lines = Describe(context.GetService<IDesignTimeModel>().Model);
        Assert.Contains(lines, line => line.StartsWith("column Requests.ReferenceNumber ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("index Requests.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("property PrivacyRequest.ReferenceNumber -> ReferenceNumber", StringComparison.Ordinal));
    }

    /// <summary>One line per table, column, key, index, foreign key and mapped property: what the database and the mapping see.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            var name = table.Schema is null ? table.Name : $"{table.Schema}.{table.Name}";
            lines.Add($"table {name}");
            lines.AddRange(table.Columns.Select(c => $"column {name}.{c.Name} {c.StoreType} null={c.IsNullable}"));
            if (table.PrimaryKey is { } key)
            {
                lines.Add($"key {name}.{key.Name} ({string.Join(",", key.Columns.Select(c => c.Name))})");
            }

            lines.AddRange(table.UniqueConstraints.Select(u => $"unique {name}.{u.Name} ({string.Join(",", u.Columns.Select(c => c.Name))})"));
            lines.AddRange(table.Indexes.Select(i => $"index {name}.{i.Name} ({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filter={i.Filter}"));
            lines.AddRange(table.ForeignKeyConstraints.Select(f =>
                $"fk {name}.{f.Name} ({string.Join(",", f.Columns.Select(c => c.Name))}) -> {f.PrincipalTable.Name} ({string.Join(",", f.PrincipalColumns.Select(c => c.Name))}) {f.OnDeleteAction}"));
        }

        foreach (var entity in model.GetEntityTypes())
        {
            lines.Add($"entity {entity.ShortName()} -> {entity.GetTableName() ?? entity.GetViewName()} owned={entity.IsOwned()}");
            foreach (var property in entity.GetProperties())
            {
                lines.Add($"property {entity.ShortName()}.{property.Name} -> {property.GetColumnName()} {property.ClrType.Name} "
                    + $"converter={property.GetTypeMapping().Converter?.GetType().Name} concurrency={property.IsConcurrencyToken} "
                    + $"generated={property.ValueGenerated} maxLength={property.GetMaxLength()}");
            }

            lines.AddRange(entity.GetNavigations().Select(n => $"navigation {entity.ShortName()}.{n.Name} -> {n.TargetEntityType.ShortName()}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
