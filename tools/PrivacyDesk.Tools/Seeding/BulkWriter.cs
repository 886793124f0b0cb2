using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PrivacyDesk.Tools.Seeding;

/// <summary>
/// Writes entity graphs straight to the tables with plain ADO.NET, for bulk loads where EF's change tracking costs
/// minutes (seed-demo). Everything about the schema comes from the EF model of the context: the table and column names,
/// the shadow foreign keys (taken from the parent in the graph), and each column's type mapping with its value
/// converter (e.g. SQLite's DateTimeOffset → long). A column the model gains later is written from the entity, so the
/// writer cannot drift from the schema. Graphs are walked through the model's navigations, like EF's own Add.
/// </summary>
/// <remarks>
/// Rows are buffered per table and flushed in foreign-key order by a provider sink (prepared INSERTs for SQLite,
/// binary COPY for PostgreSQL, SqlBulkCopy for SQL Server) on the context's connection and current transaction.
/// Nothing is tracked; the caller owns the transaction.
/// </remarks>
public sealed class BulkWriter
{
    private readonly DbContext db;
    private readonly IBulkSink sink;
    private readonly Dictionary<IEntityType, BulkTable> tables = [];
    private readonly Dictionary<Type, EntityPlan> plans = [];
    private readonly HashSet<object> seen = new(ReferenceEqualityComparer.Instance);

    public BulkWriter(DbContext db)
    {
        this.db = db;
        sink = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => new SqliteBulkSink(),
            "Npgsql.EntityFrameworkCore.PostgreSQL" => new PostgresBulkSink(),
            "Microsoft.EntityFrameworkCore.SqlServer" => new SqlServerBulkSink(),
            var other => throw new NotSupportedException($"No bulk writer for provider '{other}'."),
        };
    }

    /// <summary>Rows waiting to be flushed, over all tables.</summary>
    public int PendingRows => tables.Values.Sum(t => t.Rows.Count);

    /// <summary>Adds an entity and everything reachable from it through the model's navigations.</summary>
    public void Add(object entity) => Add(entity, null);

    /// <summary>Writes the buffered rows, parents before children, in the context's current transaction.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside a transaction begun on the context.");
        foreach (var table in InsertOrder())
        {
            if (table.Rows.Count > 0)
            {
                await sink.WriteAsync(table, connection, transaction, cancellationToken);
                table.Rows.Clear();
            }
        }

        seen.Clear();
    }

    private void Add(object entity, object? parent)
    {
        if (!seen.Add(entity))
        {
            return;
        }

        var plan = Plan(entity.GetType());

        // Principals this row points at (a request's people) go in first; dependents (its history, documents) after.
        foreach (var navigation in plan.ToPrincipals)
        {
            if (navigation.GetClrValueUsingContainingEntity(entity) is { } principal)
            {
                Add(principal, null);
            }
        }

        plan.Table.Add(entity, parent);

        foreach (var (getter, isCollection) in plan.ToDependents)
        {
            var value = getter.GetClrValueUsingContainingEntity(entity);
            if (isCollection && value is System.Collections.IEnumerable children)
            {
                foreach (var child in children)
                {
                    Add(child, entity);
                }
            }
            else if (value is not null)
            {
                Add(value, entity);
            }
        }
    }

    private EntityPlan Plan(Type clrType)
    {
        if (!plans.TryGetValue(clrType, out var plan))
        {
            var entityType = db.Model.FindEntityType(clrType)
                ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
            if (entityType.GetSkipNavigations().Any())
            {
                throw new NotSupportedException($"{entityType.DisplayName()} has many-to-many navigations, which the bulk writer does not write.");
            }

            var table = new BulkTable(entityType);
            tables.Add(entityType, table);
            plan = new EntityPlan(
                table,
                entityType.GetNavigations().Where(n => n.IsOnDependent).Select(n => n.GetGetter()).ToArray(),
                entityType.GetNavigations().Where(n => !n.IsOnDependent).Select(n => (n.GetGetter(), n.IsCollection)).ToArray());
            plans.Add(clrType, plan);
        }

        return plan;
    }

    private sealed record EntityPlan(BulkTable Table, IClrPropertyGetter[] ToPrincipals, (IClrPropertyGetter Getter, bool IsCollection)[] ToDependents);

    /// <summary>The buffered tables ordered so that every foreign key's principal table comes first.</summary>
    private List<BulkTable> InsertOrder()
    {
        var ordered = new List<BulkTable>();
        var visiting = new HashSet<IEntityType>();

        void Visit(BulkTable table)
        {
            if (ordered.Contains(table) || !visiting.Add(table.EntityType))
            {
                return;
            }

            foreach (var foreignKey in table.EntityType.GetForeignKeys())
            {
                if (foreignKey.PrincipalEntityType != table.EntityType && tables.TryGetValue(foreignKey.PrincipalEntityType, out var principal))
                {
                    Visit(principal);
                }
            }

            ordered.Add(table);
        }

        foreach (var table in tables.Values)
        {
            Visit(table);
        }

        return ordered;
    }
}

/// <summary>One table of the model with its columns and the rows buffered for it, already in provider values.</summary>
public sealed class BulkTable
{
    public BulkTable(IEntityType entityType)
    {
        EntityType = entityType;
        var mapping = entityType.GetTableMappings().SingleOrDefault()
            ?? throw new NotSupportedException($"{entityType.DisplayName()} is not mapped to exactly one table.");
        if (entityType.GetTableMappings().Count() > 1 || mapping.Table.EntityTypeMappings.Count() > 1)
        {
            throw new NotSupportedException($"{entityType.DisplayName()} shares or splits its table, which the bulk writer does not handle.");
        }

        Name = mapping.Table.Name;
        Schema = mapping.Table.Schema;
        Columns = mapping.ColumnMappings
            .Where(c => c.Column.ComputedColumnSql is null)
            .Select(c => new BulkColumn(c.Property, c.Column.Name, c.Column.StoreType, c.TypeMapping))
            .ToArray();
    }

    public IEntityType EntityType { get; }
    public string Name { get; }
    public string? Schema { get; }
    public IReadOnlyList<BulkColumn> Columns { get; }
    public List<object?[]> Rows { get; } = [];

    internal void Add(object entity, object? parent)
    {
        var row = new object?[Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = Columns[i].ProviderValue(entity, parent);
        }

        Rows.Add(row);
    }
}

/// <summary>A column: where its value comes from (the entity, or the parent for a shadow foreign key) and how it converts.</summary>
public sealed class BulkColumn
{
    private readonly IProperty property;
    private readonly IClrPropertyGetter? getter;
    private readonly (Type PrincipalType, IClrPropertyGetter PrincipalKey)[] parentKeys;

    public BulkColumn(IProperty property, string name, string storeType, RelationalTypeMapping typeMapping)
    {
        this.property = property;
        Name = name;
        StoreType = storeType;
        TypeMapping = typeMapping;
        getter = property.IsShadowProperty() ? null : property.GetGetter();
        parentKeys = property.GetContainingForeignKeys()
            .Select(fk => (fk.PrincipalEntityType.ClrType, fk.PrincipalKey.Properties[fk.Properties.ToList().IndexOf(property)].GetGetter()))
            .ToArray();
        ProviderClrType = typeMapping.Converter?.ProviderClrType ?? typeMapping.ClrType;
    }

    public string Name { get; }
    public string StoreType { get; }
    public RelationalTypeMapping TypeMapping { get; }

    /// <summary>The CLR type of the values handed to ADO.NET (after the converter), nullable unwrapped.</summary>
    public Type ProviderClrType { get; }

    public bool IsNullable => property.IsNullable;

    internal object? ProviderValue(object entity, object? parent)
    {
        var value = getter is not null ? getter.GetClrValueUsingContainingEntity(entity) : ShadowValue(parent);
        if (value is null)
        {
            return null;
        }

        return TypeMapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    /// <summary>A shadow property is a foreign key to the parent in the graph (e.g. StatusChanges.RequestId).</summary>
    private object? ShadowValue(object? parent)
    {
        if (parent is not null)
        {
            foreach (var (principalType, principalKey) in parentKeys)
            {
                if (principalType.IsInstanceOfType(parent))
                {
                    return principalKey.GetClrValueUsingContainingEntity(parent);
                }
            }
        }

        if (!property.IsNullable)
        {
            throw new InvalidOperationException(
                $"The bulk writer has no value for the required shadow property {property.DeclaringType.DisplayName()}.{property.Name}.");
        }

        return null;
    }
}
