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
/// reusable hash buffer and no tracking, so that a million events verify in about a second (docs/benchmarks/audit-verify.md).
/// Events appended while it runs are taken in: the chain head is read after the walk, and the walk continues until it
/// reaches the head. A legitimate append commits its events and the head together, so an event beyond the head, or a
/// head beyond events that never appear, is tampering.
/// </summary>
public sealed class AuditChainVerifier(PrivacyDeskDbContext db)
{
    private const int MaxRounds = 1000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var reader = new ChainReader(db);
        var state = new WalkState();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var round = 0; round < MaxRounds; round++)
            {
                var before = state.Count;
                var broken = await reader.WalkAsync(state, first: round == 0, cancellationToken);
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

    private static AuditVerification Result(WalkState state, AuditBreak? broken, Stopwatch started) =>
        new(state.Count, state.LastSequence, Convert.ToHexStringLower(state.LastHash), broken, started.Elapsed);

    private sealed class WalkState
    {
        public long Count;
        public long LastSequence;
        public readonly byte[] LastHash = new byte[AuditCanonicalForm.HashSize];
    }

    /// <summary>The SELECT over the provider's own table and column names, and how to read each column.</summary>
    private sealed class ChainReader
    {
        private readonly PrivacyDeskDbContext db;
        private readonly string sql;
        private readonly Func<long, DateTimeOffset>? occurredFromLong;
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
            sql = $"SELECT {columns} FROM {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} WHERE {sequence} > @after ORDER BY {sequence}";

            // SQLite stores DateTimeOffset as a number (ADR 0002): read it through the model's own converter.
            if (entity.FindProperty(nameof(AuditEvent.OccurredAt))!.GetTypeMapping().Converter is ValueConverter<DateTimeOffset, long> converter)
            {
                occurredFromLong = converter.ConvertFromProviderExpression.Compile();
            }
        }

        /// <summary>Reads the events after the state's last sequence and checks each; returns the first break, if any.</summary>
        public async Task<AuditBreak?> WalkAsync(WalkState state, bool first, CancellationToken cancellationToken)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var after = command.CreateParameter();
            after.ParameterName = "@after";
            after.DbType = DbType.Int64;

            // The first round starts below any sequence, so that an event inserted with 0 or a negative number is seen.
            after.Value = first ? long.MinValue : state.LastSequence;
            command.Parameters.Add(after);
            command.CommandTimeout = 0;

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

            var previousLength = reader.GetBytes(8, 0, stored, 0, stored.Length);
            if (previousLength != AuditCanonicalForm.HashSize || !stored.AsSpan(0, AuditCanonicalForm.HashSize).SequenceEqual(state.LastHash))
            {
                return new AuditBreak(sequence, AuditBreakKind.LinkBroken);
            }

            hasher.Compute(state.LastHash, sequence, occurredAt, actorId, actorRole, action, requestId, details, ipAddress, computed);
            var hashLength = reader.GetBytes(9, 0, stored, 0, stored.Length);
            if (hashLength != AuditCanonicalForm.HashSize || !stored.AsSpan(0, AuditCanonicalForm.HashSize).SequenceEqual(computed))
            {
                return new AuditBreak(sequence, AuditBreakKind.ContentChanged);
            }

            computed.CopyTo(state.LastHash, 0);
            state.LastSequence = sequence;
            state.Count++;
            return null;
        }
    }
}
