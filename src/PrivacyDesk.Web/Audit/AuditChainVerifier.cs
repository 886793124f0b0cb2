using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PrivacyDesk.Domain;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

public enum AuditBreakKind
{
    /// <summary>The event's stored hash does not match its content: a field was edited.</summary>
    ContentChanged = 1,

    /// <summary>A sequence number is absent (the event was deleted), also at the end of the chain.</summary>
    EventMissing = 2,

    /// <summary>An event that the chain does not account for: a repeated or out-of-range sequence number, or beyond the head.</summary>
    EventInserted = 3,

    /// <summary>The event's previous hash is not the hash of the event before it (an event was rewritten and re-hashed).</summary>
    LinkBroken = 4,

    /// <summary>The last event's hash differs from the one the chain head recorded.</summary>
    ChainHeadMismatch = 5,

    /// <summary>The chain-head row itself is gone.</summary>
    ChainHeadMissing = 6,
}

/// <summary>The first place where the chain is broken.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind)
{
    public Label Description => Kind switch
    {
        AuditBreakKind.ContentChanged => new($"連番 {Sequence} のイベントの内容が記録時から変更されています（ハッシュが一致しません）。",
            $"Event {Sequence}: its content differs from what was recorded (hash mismatch)."),
        AuditBreakKind.EventMissing => new($"連番 {Sequence} のイベントがありません（削除されています）。",
            $"Event {Sequence} is missing (deleted)."),
        AuditBreakKind.EventInserted => new($"連番 {Sequence} に、チェーンにないイベントが挿入されています。",
            $"An event that is not part of the chain was inserted at sequence {Sequence}."),
        AuditBreakKind.LinkBroken => new($"連番 {Sequence} のイベントが直前のイベントにつながっていません（前のイベントが書き換えられたか、挿入されています）。",
            $"Event {Sequence} does not link to the event before it (that event was rewritten, or one was inserted)."),
        AuditBreakKind.ChainHeadMismatch => new($"チェーンの末尾（連番 {Sequence}）が、記録されている末尾と一致しません。",
            $"The end of the chain (sequence {Sequence}) does not match the recorded chain head."),
        _ => new("チェーンの末尾の記録がありません。", "The chain head record is missing."),
    };
}

/// <summary>The outcome of a verification: whole (with the count verified), or the first broken link.</summary>
public sealed record AuditVerification(long VerifiedCount, long LastSequence, string LastHashHex, AuditBreak? FirstBreak, TimeSpan Elapsed)
{
    public bool IsWhole => FirstBreak is null;
}

/// <summary>
/// Walks the whole chain in sequence order and recomputes every hash (ADR 0008). Reads with a raw data reader, one
/// reusable hash buffer and no tracking, in one range per core (measurements: docs/benchmarks/audit-verify.md).
/// Events appended while it runs are taken in: the chain head is read after the walk, and the walk continues until it
/// reaches the head. A legitimate append commits its events and the head together, so an event beyond the head, or a
/// head beyond events that never appear, is tampering.
/// </summary>
public sealed class AuditChainVerifier(PrivacyDeskDbContext db)
{
    private const int MaxRounds = 1000;

    /// <summary>Below this many events per core, one walk is quicker than opening more connections (tests lower it).</summary>
    public long MinEventsPerRange { get; init; } = 100_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var reader = new ChainReader(db);
        var state = new WalkState();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The events up to the head as it is now are checked in one range per core, each on its own connection.
            // Every event is checked against its stored previous hash, and each range's first previous hash against
            // the hash the range before ended with, so the ranges together check exactly what one walk would.
            var parallel = await WalkInParallelAsync(state, cancellationToken);
            if (parallel is not null)
            {
                return Result(state, parallel, started);
            }

            for (var round = 0; round < MaxRounds; round++)
            {
                var before = state.Count;
                var broken = await reader.WalkAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
                    state, after: round == 0 && state.Count == 0 ? long.MinValue : state.LastSequence, until: long.MaxValue, cancellationToken);
                if (broken is not null)
                {
                    return Result(state, broken, started);
                }

                var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
                if (head is null)
                {
                    return Result(state, new AuditBreak(state.LastSequence, AuditBreakKind.ChainHeadMissing), started);
                }

                if (state.LastSequence > head.LastSequence)
                {
                    return Result(state, new AuditBreak(head.LastSequence + 1, AuditBreakKind.EventInserted), started);
                }

                if (state.LastSequence == head.LastSequence)
                {
                    return Result(state, head.LastHash.AsSpan().SequenceEqual(state.LastHash) ? null
                        : new AuditBreak(state.LastSequence, AuditBreakKind.ChainHeadMismatch), started);
                }

                // The head is ahead: events were appended during the walk, or the chain's tail was deleted.
                if (state.Count == before && round > 0)
                {
                    return Result(state, new AuditBreak(state.LastSequence + 1, AuditBreakKind.EventMissing), started);
                }
            }

            throw new InvalidOperationException("The audit chain kept growing faster than it could be verified.");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Checks events 1 … head (as read now) in ranges; moves <paramref name="state"/> to the end, or returns the first break.</summary>
    private async Task<AuditBreak?> WalkInParallelAsync(WalkState state, CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var total = head?.LastSequence ?? 0;
        var ranges = (int)Math.Clamp(total / Math.Max(1, MinEventsPerRange), 1, Math.Max(2, Environment.ProcessorCount));
        if (ranges < 2 || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        var connectionString = db.Database.GetConnectionString();
        var factory = DbProviderFactories.GetFactory(db.Database.GetDbConnection())!;
        var results = await Task.WhenAll(Enumerable.Range(0, ranges).Select(i => Task.Run(async () =>
        {
            var from = total * i / ranges;
            var until = total * (i + 1) / ranges;
            var part = new WalkState { LastSequence = from, Unanchored = i > 0 };
            await using var connection = factory.CreateConnection()!;
            connection.ConnectionString = connectionString;
            await connection.OpenAsync(cancellationToken);
            var broken = await new ChainReader(db).WalkAsync(connection, null, part, i == 0 ? long.MinValue : from, until, cancellationToken);
            return (Part: part, Broken: broken, Until: until);
        }, cancellationToken)));

        foreach (var (part, broken, until) in results)
        {
            if (part.FirstPreviousHash is { } first && !first.AsSpan().SequenceEqual(state.LastHash))
            {
                return new AuditBreak(part.FirstSequence, AuditBreakKind.LinkBroken);
            }

            state.Count += part.Count;
            if (part.Count > 0)
            {
                part.LastHash.CopyTo(state.LastHash, 0);
                state.LastSequence = part.LastSequence;
            }

            if (broken is not null)
            {
                return broken;
            }

            if (part.LastSequence != until)
            {
                // The range ends short: its last events are gone (the head was read before the walk and commits with them).
                return new AuditBreak(part.LastSequence + 1, AuditBreakKind.EventMissing);
            }

            state.LastSequence = until;
        }

        return null;
    }

    private static AuditVerification Result(WalkState state, AuditBreak? broken, Stopwatch started) =>
        new(state.Count, state.LastSequence, Convert.ToHexStringLower(state.LastHash), broken, started.Elapsed);

    private sealed class WalkState
    {
        public long Count;
        public long LastSequence;
        public readonly byte[] LastHash = new byte[AuditCanonicalForm.HashSize];

        /// <summary>A range that starts mid-chain: its first previous hash is taken as given and checked afterwards.</summary>
        public bool Unanchored;
        public byte[]? FirstPreviousHash;
        public long FirstSequence;
    }

    /// <summary>The SELECT over the provider's own table and column names, and how to read each column.</summary>
    private sealed class ChainReader
    {
        private readonly PrivacyDeskDbContext db;
        private readonly string sql;
        private readonly Func<long, DateTimeOffset>? occurredFromLong;
        private readonly bool blobsAsArrays;
        private readonly AuditCanonicalForm.Hasher hasher = new();
        private readonly byte[] stored = new byte[AuditCanonicalForm.HashSize + 1];
        private readonly byte[] computed = new byte[AuditCanonicalForm.HashSize];

        public ChainReader(PrivacyDeskDbContext db)
        {
            this.db = db;
            var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sqlHelper = db.GetService<ISqlGenerationHelper>();
            string Column(string property) => sqlHelper.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            var columns = string.Join(", ", new[]
            {
                nameof(AuditEvent.Sequence), nameof(AuditEvent.OccurredAt), nameof(AuditEvent.ActorId), nameof(AuditEvent.ActorRole),
                nameof(AuditEvent.Action), nameof(AuditEvent.RequestId), nameof(AuditEvent.Details), nameof(AuditEvent.IpAddress),
                nameof(AuditEvent.PreviousHash), nameof(AuditEvent.Hash),
            }.Select(Column));
            var sequence = Column(nameof(AuditEvent.Sequence));
            sql = $"SELECT {columns} FROM {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} WHERE {sequence} > @after AND {sequence} <= @until ORDER BY {sequence}";

            // Microsoft.Data.Sqlite answers GetBytes through a stream that looks up the column's table metadata on every
            // call (tens of microseconds); reading the 32 bytes as an array is far cheaper there.
            blobsAsArrays = db.Database.IsSqlite();

            // SQLite stores DateTimeOffset as a number (ADR 0002): read it through the model's own converter.
            if (entity.FindProperty(nameof(AuditEvent.OccurredAt))!.GetTypeMapping().Converter is ValueConverter<DateTimeOffset, long> converter)
            {
                occurredFromLong = converter.ConvertFromProviderExpression.Compile();
            }
        }

        /// <summary>Reads the events in (<paramref name="after"/>, <paramref name="until"/>] and checks each; returns the first break, if any.</summary>
        public async Task<AuditBreak?> WalkAsync(
            DbConnection connection, DbTransaction? transaction, WalkState state, long after, long until, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            command.CommandTimeout = 0;
            foreach (var (name, value) in new[] { ("@after", after), ("@until", until) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.DbType = DbType.Int64;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var broken = Check(reader, state);
                if (broken is not null)
                {
                    return broken;
                }
            }

            return null;
        }

        // Full optimisation from the first call: the walk is over before tiered compilation would promote it on a busy machine.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private AuditBreak? Check(DbDataReader reader, WalkState state)
        {
            var sequence = reader.GetInt64(0);
            var expected = state.LastSequence + 1;
            if (sequence < expected)
            {
                return new AuditBreak(sequence, AuditBreakKind.EventInserted);
            }

            if (sequence > expected)
            {
                return new AuditBreak(expected, AuditBreakKind.EventMissing);
            }

            var occurredAt = occurredFromLong is null ? reader.GetFieldValue<DateTimeOffset>(1) : occurredFromLong(reader.GetInt64(1));
            var actorId = reader.GetString(2);
            var actorRole = reader.IsDBNull(3) ? null : reader.GetString(3);
            var action = reader.GetString(4);
            Guid? requestId = reader.IsDBNull(5) ? null : reader.GetGuid(5);
            var details = reader.IsDBNull(6) ? null : reader.GetString(6);
            var ipAddress = reader.IsDBNull(7) ? null : reader.GetString(7);

            if (state.Unanchored)
            {
                state.Unanchored = false;
                state.FirstSequence = sequence;
                state.FirstPreviousHash = Stored(reader, 8).ToArray();
                if (state.FirstPreviousHash.Length != AuditCanonicalForm.HashSize)
                {
                    return new AuditBreak(sequence, AuditBreakKind.LinkBroken);
                }

                state.FirstPreviousHash.CopyTo(state.LastHash, 0);
            }
            else if (!Stored(reader, 8).SequenceEqual(state.LastHash))
            {
                return new AuditBreak(sequence, AuditBreakKind.LinkBroken);
            }

            hasher.Compute(state.LastHash, sequence, occurredAt, actorId, actorRole, action, requestId, details, ipAddress, computed);
            if (!Stored(reader, 9).SequenceEqual(computed))
            {
                return new AuditBreak(sequence, AuditBreakKind.ContentChanged);
            }

            computed.CopyTo(state.LastHash, 0);
            state.LastSequence = sequence;
            state.Count++;
            return null;
        }

        /// <summary>A stored hash column (any length: a wrong length simply does not match).</summary>
        private ReadOnlySpan<byte> Stored(DbDataReader reader, int ordinal)
        {
            if (blobsAsArrays)
            {
                return reader.IsDBNull(ordinal) ? [] : (byte[])reader.GetValue(ordinal);
            }

            var length = reader.GetBytes(ordinal, 0, stored, 0, stored.Length);
            return stored.AsSpan(0, (int)length);
        }
    }
}
