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

    /// <summary>An event without a chain key after a keyed one: only the legacy prefix may be unkeyed.</summary>
    UnkeyedAfterKeyed = 7,

    /// <summary>The event names a chain key that this installation does not hold.</summary>
    UnknownKey = 8,

    /// <summary>The event at an anchored sequence does not hash to the anchored value.</summary>
    AnchorMismatch = 9,

    /// <summary>The chain ends before a sequence that was anchored.</summary>
    ChainShorterThanAnchor = 10,

    /// <summary>The legacy (unkeyed) prefix does not end where the anchor recorded it ending.</summary>
    LegacyPrefixChanged = 11,

    /// <summary>The anchor file could not be read.</summary>
    AnchorUnreadable = 12,
}

/// <summary>The first place where the chain is broken; for an anchor failure, the anchor file and the anchor's JST day.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind, string? AnchorFile = null, DateOnly? AnchorDate = null)
{
    private string AnchorName => $"{AnchorFile} ({AnchorDate:yyyy-MM-dd})";

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
        AuditBreakKind.UnkeyedAfterKeyed => new($"連番 {Sequence} のイベントに鍵がありません。鍵なしのイベントは鍵付きのイベントより前（旧形式の部分）にしか置けません。",
            $"Event {Sequence} has no chain key, after keyed events: only the legacy prefix may be unkeyed."),
        AuditBreakKind.UnknownKey => new($"連番 {Sequence} のイベントは、このシステムにない鍵で記録されています（鍵の設定を確認してください）。",
            $"Event {Sequence} names a chain key this installation does not hold (check the audit key configuration)."),
        AuditBreakKind.AnchorMismatch => new($"連番 {Sequence} のイベントが、アンカー {AnchorName} に記録された値と一致しません（チェーンが書き換えられています）。",
            $"Event {Sequence} does not hash to the value anchored in {AnchorName}: the chain was rewritten."),
        AuditBreakKind.ChainShorterThanAnchor => new($"チェーンが、アンカー {AnchorName} に記録された連番 {Sequence} より短くなっています（末尾が削除されています）。",
            $"The chain ends before sequence {Sequence}, anchored in {AnchorName}: its end was removed."),
        AuditBreakKind.LegacyPrefixChanged => new($"鍵なしの旧形式部分の終わりが、アンカー {AnchorName} の記録と異なります（チェーンが書き換えられています）。",
            $"The legacy (unkeyed) prefix does not end where anchor {AnchorName} recorded it: the chain was rewritten."),
        AuditBreakKind.AnchorUnreadable => new($"アンカーファイル {AnchorFile} を読み取れません。",
            $"The anchor file {AnchorFile} cannot be read."),
        _ => new("チェーンの末尾の記録がありません。", "The chain head record is missing."),
    };
}

/// <summary>
/// The outcome of a verification: whole (with the count verified), or the first broken link; the end of the legacy
/// (unkeyed) prefix (0: none), and the anchors compared: the file, how many, and the latest.
/// </summary>
public sealed record AuditVerification(long VerifiedCount, long LastSequence, string LastHashHex, AuditBreak? FirstBreak, TimeSpan Elapsed)
{
    public bool IsWhole => FirstBreak is null;

    public long LegacyThrough { get; init; }

    /// <summary>The anchor file read, or null when <c>Audit:AnchorDirectory</c> is not configured.</summary>
    public string? AnchorFile { get; init; }

    public int AnchorsCompared { get; init; }

    /// <summary>The anchor of the highest sequence compared (null when none was).</summary>
    public AuditAnchor? LatestAnchor { get; init; }

    /// <summary>Where the time went: before the first event was read, the walk itself, the anchor comparison.</summary>
    public AuditVerificationPhases Phases { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}

/// <summary>The parts of <see cref="AuditVerification.Elapsed"/> (docs/benchmarks/audit-verify.md).</summary>
public sealed record AuditVerificationPhases(TimeSpan Setup, TimeSpan Walk, TimeSpan Anchors);

/// <summary>
/// How far a running verification has come, for the auditor's page: the head's sequence when the walk began and the
/// events checked so far (updated every few thousand events, from every range at once).
/// </summary>
public sealed class AuditVerificationProgress
{
    private long verified;
    private long total;

    public long Verified => Interlocked.Read(ref verified);

    public long Total => Interlocked.Read(ref total);

    internal void Add(long count) => Interlocked.Add(ref verified, count);

    internal void SetTotal(long value) => Interlocked.Exchange(ref total, value);
}

/// <summary>
/// Walks the whole chain in sequence order and recomputes every hash (ADR 0008): the HMAC under the key each event
/// names, or SHA-256 for the legacy prefix, which may only come before the first keyed event (amendment 1). A whole
/// chain is then compared with every anchor in the anchor file: the event at each anchored sequence must have the
/// anchored hash, and the legacy prefix must end where the anchors say. Reads with a raw data reader, one
/// reusable hash buffer and no tracking, in one range per core (measurements: docs/benchmarks/audit-verify.md).
/// Events appended while it runs are taken in: the chain head is read after the walk, and the walk continues until it
/// reaches the head. A legitimate append commits its events and the head together, so an event beyond the head, or a
/// head beyond events that never appear, is tampering.
/// </summary>
public sealed class AuditChainVerifier(PrivacyDeskDbContext db, AuditKeyStore keys, AuditAnchorFile anchors)
{
    private const int MaxRounds = 1000;

    /// <summary>Below this many events per core, one walk is quicker than opening more connections (tests lower it).</summary>
    public long MinEventsPerRange { get; init; } = 100_000;

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => VerifyAsync(null, cancellationToken);

    /// <summary>Verifies the chain, reporting the events checked so far to <paramref name="progress"/> (when given).</summary>
    public async Task<AuditVerification> VerifyAsync(AuditVerificationProgress? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var state = new WalkState();
        using var reader = new ChainReader(db, keys, progress);
        var broken = await WalkAsync(reader, state, started, cancellationToken);
        var walked = started.Elapsed;
        var file = anchors.Path;
        var (anchorBreak, compared, latest) = broken is null ? await CompareAnchorsAsync(reader, state, cancellationToken) : (null, 0, null);
        return new AuditVerification(state.Count, state.LastSequence, Convert.ToHexStringLower(state.LastHash), broken ?? anchorBreak, started.Elapsed)
        {
            LegacyThrough = state.LegacyThrough,
            AnchorFile = file,
            AnchorsCompared = compared,
            LatestAnchor = latest,
            Phases = new(state.Setup, walked - state.Setup, started.Elapsed - walked),
        };
    }

    /// <summary>
    /// Compares a whole chain with the anchors. The walk has already checked every stored hash against the recomputed
    /// one, so the stored hash at an anchored sequence stands for the chain up to it.
    /// </summary>
    private async Task<(AuditBreak? Broken, int Compared, AuditAnchor? Latest)> CompareAnchorsAsync(
        ChainReader reader, WalkState state, CancellationToken cancellationToken)
    {
        var file = anchors.Path;
        IReadOnlyList<AuditAnchor> all;
        try
        {
            all = anchors.ReadAll();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (new AuditBreak(state.LastSequence, AuditBreakKind.AnchorUnreadable, file), 0, null);
        }

        var sequences = all.Select(a => a.Sequence).Where(s => s > 0 && s <= state.LastSequence).Distinct().ToList();
        var stored = await reader.ReadStoredAsync(sequences, cancellationToken);

        // In sequence order, so that a failure names the earliest anchor the database no longer agrees with.
        AuditAnchor? latest = null;
        foreach (var anchor in all.OrderBy(a => a.Sequence).ThenBy(a => a.AnchoredAt))
        {
            AuditBreak Break(long sequence, AuditBreakKind kind) => new(sequence, kind, file, anchor.Date);
            if (anchor.Sequence > state.LastSequence)
            {
                return (Break(anchor.Sequence, AuditBreakKind.ChainShorterThanAnchor), all.Count, anchor);
            }

            var hash = anchor.Sequence == 0 ? AuditCanonicalForm.Genesis.ToArray() : stored.GetValueOrDefault(anchor.Sequence).Hash;
            var keyId = anchor.Sequence == 0 ? null : stored.GetValueOrDefault(anchor.Sequence).KeyId;
            if (hash is null || !string.Equals(Convert.ToHexStringLower(hash), anchor.Hash, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(keyId, anchor.KeyId, StringComparison.Ordinal))
            {
                return (Break(anchor.Sequence, AuditBreakKind.AnchorMismatch), all.Count, anchor);
            }

            // The legacy prefix ends where it ended when keyed appends began, and never moves after.
            if (anchor.LegacyThrough != state.LegacyThrough)
            {
                return (Break(Math.Min(anchor.LegacyThrough, state.LegacyThrough) + 1, AuditBreakKind.LegacyPrefixChanged), all.Count, anchor);
            }

            latest = anchor;
        }

        return (null, all.Count, latest);
    }

    /// <summary>Walks the chain up to its head into <paramref name="state"/>; returns the first break, if any.</summary>
    private async Task<AuditBreak?> WalkAsync(ChainReader reader, WalkState state, Stopwatch started, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The events up to the head as it is now are checked in one range per core, each on its own connection.
            // Every event is checked against its stored previous hash, and each range's first previous hash against
            // the hash the range before ended with, so the ranges together check exactly what one walk would.
            var parallel = await WalkInParallelAsync(reader, state, started, cancellationToken);
            if (parallel is not null)
            {
                return parallel;
            }

            for (var round = 0; round < MaxRounds; round++)
            {
                var before = state.Count;
                var broken = await reader.WalkAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
                    state, after: round == 0 && state.Count == 0 ? long.MinValue : state.LastSequence, until: long.MaxValue, cancellationToken);
                if (broken is not null)
                {
                    return broken;
                }

                var head = await reader.ReadHeadAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), cancellationToken);
                if (head is null)
                {
                    return new AuditBreak(state.LastSequence, AuditBreakKind.ChainHeadMissing);
                }

                if (state.LastSequence > head.LastSequence)
                {
                    return new AuditBreak(head.LastSequence + 1, AuditBreakKind.EventInserted);
                }

                if (state.LastSequence == head.LastSequence)
                {
                    return head.LastHash.AsSpan().SequenceEqual(state.LastHash) ? null
                        : new AuditBreak(state.LastSequence, AuditBreakKind.ChainHeadMismatch);
                }

                // The head is ahead: events were appended during the walk, or the chain's tail was deleted.
                if (state.Count == before && round > 0)
                {
                    return new AuditBreak(state.LastSequence + 1, AuditBreakKind.EventMissing);
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
    private async Task<AuditBreak?> WalkInParallelAsync(ChainReader reader, WalkState state, Stopwatch started, CancellationToken cancellationToken)
    {
        var head = await reader.ReadHeadAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), cancellationToken);
        var total = head?.LastSequence ?? 0;
        reader.Progress?.SetTotal(total);
        var ranges = (int)Math.Clamp(total / Math.Max(1, MinEventsPerRange), 1, Math.Max(2, Environment.ProcessorCount));
        state.Setup = started.Elapsed;
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
            using var partReader = new ChainReader(db, keys, reader.Progress);
            var broken = await partReader.WalkAsync(connection, null, part, i == 0 ? long.MinValue : from, until, cancellationToken);
            return (Part: part, Broken: broken, Until: until);
        }, cancellationToken)));

        foreach (var (part, broken, until) in results)
        {
            if (part.FirstPreviousHash is { } first && !first.AsSpan().SequenceEqual(state.LastHash))
            {
                return new AuditBreak(part.FirstSequence, AuditBreakKind.LinkBroken);
            }

            // An unkeyed event in this range after a keyed one in an earlier range: one walk would have stopped there
            // (before any later break in the range, and before the hash check of that very event).
            if (state.SeenKeyed && part.FirstUnkeyed != 0
                && (broken is null || broken.Sequence > part.FirstUnkeyed || (broken.Sequence == part.FirstUnkeyed && broken.Kind == AuditBreakKind.ContentChanged)))
            {
                state.Count += part.FirstUnkeyed - part.FirstSequence;
                state.LastSequence = part.FirstUnkeyed - 1;
                part.FirstUnkeyedPreviousHash!.CopyTo(state.LastHash, 0);
                return new AuditBreak(part.FirstUnkeyed, AuditBreakKind.UnkeyedAfterKeyed);
            }

            state.SeenKeyed |= part.SeenKeyed;
            state.LegacyThrough = Math.Max(state.LegacyThrough, part.LegacyThrough);
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

    private sealed class WalkState
    {
        public long Count;
        public long LastSequence;

        /// <summary>The time from the start to the walk's first query (the model, the connection, the head read).</summary>
        public TimeSpan Setup;
        public readonly byte[] LastHash = new byte[AuditCanonicalForm.HashSize];

        /// <summary>A range that starts mid-chain: its first previous hash is taken as given and checked afterwards.</summary>
        public bool Unanchored;
        public byte[]? FirstPreviousHash;
        public long FirstSequence;

        /// <summary>A keyed event has been seen: from here on every event must be keyed.</summary>
        public bool SeenKeyed;

        /// <summary>The last and the first unkeyed (legacy) sequence seen (0: none).</summary>
        public long LegacyThrough;
        public long FirstUnkeyed;
        public byte[]? FirstUnkeyedPreviousHash;
    }

    /// <summary>The SELECT over the provider's own table and column names, and how to read each column.</summary>
    private sealed class ChainReader : IDisposable
    {
        /// <summary>Events are added to <see cref="Progress"/> in steps of this many (one interlocked add per step).</summary>
        private const int ProgressStep = 4096;

        private readonly PrivacyDeskDbContext db;
        private readonly string sql;
        private readonly string headSql;
        private readonly string storedSql;
        private readonly Func<long, DateTimeOffset>? occurredFromLong;
        private readonly AuditKeyStore keys;
        private readonly AuditCanonicalForm.Hasher hasher = new();
        private string? lastKeyId;
        private AuditChainKey? lastKey;
        private readonly byte[] computed = new byte[AuditCanonicalForm.HashSize];

        // The head and the anchored events are read with plain commands too, not LINQ: in a fresh process (the
        // verify-audit command) compiling those queries cost more than walking thousands of events.
        public ChainReader(PrivacyDeskDbContext db, AuditKeyStore keys, AuditVerificationProgress? progress)
        {
            this.db = db;
            this.keys = keys;
            Progress = progress;
            var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sqlHelper = db.GetService<ISqlGenerationHelper>();
            string Column(string property) => sqlHelper.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            var columns = string.Join(", ", new[]
            {
                nameof(AuditEvent.Sequence), nameof(AuditEvent.OccurredAt), nameof(AuditEvent.ActorId), nameof(AuditEvent.ActorRole),
                nameof(AuditEvent.Action), nameof(AuditEvent.RequestId), nameof(AuditEvent.Details), nameof(AuditEvent.IpAddress),
                nameof(AuditEvent.ChainKeyId), nameof(AuditEvent.PreviousHash), nameof(AuditEvent.Hash),
            }.Select(Column));
            var sequence = Column(nameof(AuditEvent.Sequence));
            var events = sqlHelper.DelimitIdentifier(table.Name, table.Schema);
            sql = $"SELECT {columns} FROM {events} WHERE {sequence} > @after AND {sequence} <= @until ORDER BY {sequence}";
            storedSql = $"SELECT {sequence}, {Column(nameof(AuditEvent.Hash))}, {Column(nameof(AuditEvent.ChainKeyId))} FROM {events} WHERE {sequence} IN ";

            var headEntity = db.Model.FindEntityType(typeof(AuditChainHead))!;
            var headTable = StoreObjectIdentifier.Table(headEntity.GetTableName()!, headEntity.GetSchema());
            string HeadColumn(string property) => sqlHelper.DelimitIdentifier(headEntity.FindProperty(property)!.GetColumnName(headTable)!);
            headSql = $"SELECT {HeadColumn(nameof(AuditChainHead.LastSequence))}, {HeadColumn(nameof(AuditChainHead.LastHash))} " +
                $"FROM {sqlHelper.DelimitIdentifier(headTable.Name, headTable.Schema)} WHERE {HeadColumn(nameof(AuditChainHead.Id))} = {AuditChainHead.SingletonId}";

            // SQLite stores DateTimeOffset as a number (ADR 0002): read it through the model's own converter.
            if (entity.FindProperty(nameof(AuditEvent.OccurredAt))!.GetTypeMapping().Converter is ValueConverter<DateTimeOffset, long> converter)
            {
                occurredFromLong = converter.ConvertFromProviderExpression.Compile();
            }
        }

        public AuditVerificationProgress? Progress { get; }

        public void Dispose() => hasher.Dispose();

        /// <summary>The chain head (last sequence and hash), or null when its row is gone.</summary>
        public async Task<AuditChainHead?> ReadHeadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = headSql;
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new AuditChainHead { LastSequence = reader.GetInt64(0), LastHash = reader.GetFieldValue<byte[]>(1) } : null;
        }

        /// <summary>The stored hash and key id of the given events (those that exist), 500 to a query.</summary>
        public async Task<Dictionary<long, (byte[] Hash, string? KeyId)>> ReadStoredAsync(List<long> sequences, CancellationToken cancellationToken)
        {
            var stored = new Dictionary<long, (byte[] Hash, string? KeyId)>();
            if (sequences.Count == 0)
            {
                return stored;
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                foreach (var chunk in sequences.Chunk(500))
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                    command.CommandText = storedSql + "(" + string.Join(", ", chunk.Select((_, i) => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        AddParameter(command, "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), chunk[i]);
                    }

                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        stored[reader.GetInt64(0)] = (reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return stored;
        }

        private static void AddParameter(DbCommand command, string name, long value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = DbType.Int64;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        /// <summary>Reads the events in (<paramref name="after"/>, <paramref name="until"/>] and checks each; returns the first break, if any.</summary>
        public async Task<AuditBreak?> WalkAsync(
            DbConnection connection, DbTransaction? transaction, WalkState state, long after, long until, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            command.CommandTimeout = 0;
            AddParameter(command, "@after", after);
            AddParameter(command, "@until", until);

            var unreported = 0;
            try
            {
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var broken = Check(reader, state);
                    if (broken is not null)
                    {
                        return broken;
                    }

                    if (++unreported == ProgressStep)
                    {
                        Progress?.Add(unreported);
                        unreported = 0;
                    }
                }

                return null;
            }
            finally
            {
                Progress?.Add(unreported);
            }
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
            var keyId = reader.IsDBNull(8) ? null : reader.GetString(8);

            if (state.Unanchored)
            {
                state.Unanchored = false;
                state.FirstSequence = sequence;
                state.FirstPreviousHash = Stored(reader, 9);
                if (state.FirstPreviousHash.Length != AuditCanonicalForm.HashSize)
                {
                    return new AuditBreak(sequence, AuditBreakKind.LinkBroken);
                }

                state.FirstPreviousHash.CopyTo(state.LastHash, 0);
            }
            else if (!Stored(reader, 9).AsSpan().SequenceEqual(state.LastHash))
            {
                return new AuditBreak(sequence, AuditBreakKind.LinkBroken);
            }

            AuditChainKey? key = null;
            if (keyId is null)
            {
                if (state.SeenKeyed)
                {
                    return new AuditBreak(sequence, AuditBreakKind.UnkeyedAfterKeyed);
                }

                state.LegacyThrough = sequence;
                if (state.FirstUnkeyed == 0)
                {
                    state.FirstUnkeyed = sequence;
                    state.FirstUnkeyedPreviousHash = state.LastHash.ToArray();
                }
            }
            else
            {
                if (!string.Equals(keyId, lastKeyId, StringComparison.Ordinal))
                {
                    if (!keys.TryGetKey(keyId, out var found))
                    {
                        return new AuditBreak(sequence, AuditBreakKind.UnknownKey);
                    }

                    (lastKeyId, lastKey) = (keyId, found);
                }

                key = lastKey;
                state.SeenKeyed = true;
            }

            hasher.Compute(state.LastHash, sequence, occurredAt, actorId, actorRole, action, requestId, details, ipAddress, computed, key);
            if (!Stored(reader, 10).AsSpan().SequenceEqual(computed))
            {
                return new AuditBreak(sequence, AuditBreakKind.ContentChanged);
            }

            computed.CopyTo(state.LastHash, 0);
            state.LastSequence = sequence;
            state.Count++;
            return null;
        }

        /// <summary>A stored hash column (any length: a wrong length simply does not match).</summary>
        /// <remarks>
        /// Read as an array on every provider: Microsoft.Data.Sqlite's GetBytes looks up the column's table metadata on
        /// every call, and Npgsql's sets up a column stream per call; a 32-byte array per column is far cheaper in both.
        /// </remarks>
        private static byte[] Stored(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);
    }
}
