using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Where the chain verifier reads: the configured database, through the provider's own ADO.NET connections, and the
/// plain SQL of its three reads. The verifier uses no EF Core at all: in a fresh process (the <c>verify-audit</c>
/// command) the first use of a DbContext builds the whole model, which cost more CPU than walking 200,000 events
/// (docs/benchmarks/audit-verify.md). The table and column names are those the migrations created (ADR 0008); a test
/// (<c>AuditChainTests</c>) requires them to equal the names the EF model maps, on every provider it runs.
/// </summary>
public sealed class AuditChainStore
{
    private static readonly string[] EventColumns =
    [
        nameof(AuditEvent.Sequence), nameof(AuditEvent.OccurredAt), nameof(AuditEvent.ActorId), nameof(AuditEvent.ActorRole),
        nameof(AuditEvent.Action), nameof(AuditEvent.RequestId), nameof(AuditEvent.Details), nameof(AuditEvent.IpAddress),
        nameof(AuditEvent.ChainKeyId), nameof(AuditEvent.PreviousHash), nameof(AuditEvent.Hash),
    ];

    private readonly DbProviderFactory factory;
    private readonly string connectionString;

    private AuditChainStore(DatabaseProvider provider, DbProviderFactory factory, string connectionString)
    {
        this.factory = factory;
        this.connectionString = connectionString;
        string Name(string name) => provider == DatabaseProvider.SqlServer ? $"[{name}]" : $"\"{name}\"";
        var sequence = Name(nameof(AuditEvent.Sequence));
        var events = Name("AuditEvents");
        EventsSql = $"SELECT {string.Join(", ", EventColumns.Select(Name))} FROM {events} WHERE {sequence} > @after AND {sequence} <= @until ORDER BY {sequence}";
        StoredSql = $"SELECT {sequence}, {Name(nameof(AuditEvent.Hash))}, {Name(nameof(AuditEvent.ChainKeyId))} FROM {events} WHERE {sequence} IN ";
        HeadSql = $"SELECT {Name(nameof(AuditChainHead.LastSequence))}, {Name(nameof(AuditChainHead.LastHash))} FROM {Name("AuditChainHead")} " +
            $"WHERE {Name(nameof(AuditChainHead.Id))} = {AuditChainHead.SingletonId}";

        // SQLite stores DateTimeOffset as a number (ADR 0002, SqliteDbContext's conventions): the same converter reads it.
        if (provider == DatabaseProvider.Sqlite)
        {
            OccurredFromLong = new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();
        }
    }

    /// <summary>The events in (<c>@after</c>, <c>@until</c>], in sequence order, with the columns the walk reads in this order.</summary>
    public string EventsSql { get; }

    /// <summary>Sequence, stored hash and key id of the events whose sequence is in the list appended to it.</summary>
    public string StoredSql { get; }

    /// <summary>The chain head's last sequence and hash.</summary>
    public string HeadSql { get; }

    /// <summary>The converter from SQLite's stored number to the instant (null on providers with a date-time type).</summary>
    public Func<long, DateTimeOffset>? OccurredFromLong { get; }

    public static AuditChainStore For(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DbProviderFactory factory = options.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteFactory.Instance,
            DatabaseProvider.Postgres => NpgsqlFactory.Instance,
            DatabaseProvider.SqlServer => SqlClientFactory.Instance,
            var other => throw new InvalidOperationException($"Unknown database provider '{other}'."),
        };
        return new AuditChainStore(options.Provider, factory, options.ConnectionString
            ?? throw new InvalidOperationException("Database:ConnectionString is not set."));
    }

    /// <summary>A new (closed) connection to the configured database; each range of the walk has its own.</summary>
    public DbConnection CreateConnection()
    {
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        return connection;
    }
}
