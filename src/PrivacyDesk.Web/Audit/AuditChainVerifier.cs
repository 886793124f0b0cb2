using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
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
/// anchored hash, and the legacy prefix must end where the anchors say. Reads through its own ADO.NET connections with
/// plain SQL, no EF (<see cref="AuditChainStore"/>), text as the database's UTF-8 bytes written straight into one reusable
/// canonical-form buffer (<see cref="IAuditEventRow"/>), in one range per core (measurements: docs/benchmarks/audit-verify.md).
/// Events appended while it runs are taken in: the chain head is read after the walk, and the walk continues until it
/// reaches the head. A legitimate append commits its events and the head together, so an event beyond the head, or a
/// head beyond events that never appear, is tampering.
/// </summary>
public sealed class AuditChainVerifier(IOptions<DatabaseOptions> database, AuditKeyStore keys, AuditAnchorFile anchors)
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
        var store = AuditChainStore.For(database.Value);
        using var reader = new ChainReader(store, keys, progress);
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
        await using var connection = reader.Store.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        // The events up to the head as it is now are checked in one range per core, each on its own connection.
        // Every event is checked against its stored previous hash, and each range's first previous hash against
        // the hash the range before ended with, so the ranges together check exactly what one walk would.
        var parallel = await WalkInParallelAsync(reader, connection, state, started, cancellationToken);
        if (parallel is not null)
        {
            return parallel;
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var before = state.Count;
            var broken = await reader.WalkAsync(
                connection, state, after: round == 0 && state.Count == 0 ? long.MinValue : state.LastSequence, until: long.MaxValue, cancellationToken);
            if (broken is not null)
            {
                return broken;
            }

            var head = await reader.ReadHeadAsync(connection, cancellationToken);
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

    /// <summary>Checks events 1 … head (as read now) in ranges; moves <paramref name="state"/> to the end, or returns the first break.</summary>
    private async Task<AuditBreak?> WalkInParallelAsync(
        ChainReader reader, DbConnection connection, WalkState state, Stopwatch started, CancellationToken cancellationToken)
    {
        var head = await reader.ReadHeadAsync(connection, cancellationToken);
        var total = head?.LastSequence ?? 0;
        reader.Progress?.SetTotal(total);
        var ranges = (int)Math.Clamp(total / Math.Max(1, MinEventsPerRange), 1, Math.Max(2, Environment.ProcessorCount));
        state.Setup = started.Elapsed;
        if (ranges < 2)
        {
            return null;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, ranges).Select(i => Task.Run(async () =>
        {
            var from = total * i / ranges;
            var until = total * (i + 1) / ranges;
            var part = new WalkState { LastSequence = from, Unanchored = i > 0 };
            await using var connection = reader.Store.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            using var partReader = new ChainReader(reader.Store, keys, reader.Progress);
            var broken = await partReader.WalkAsync(connection, part, i == 0 ? long.MinValue : from, until, cancellationToken);
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

    /// <summary>Reads and checks the events of one walk (one per range: its hasher and key cache are its own).</summary>
    private sealed class ChainReader : IDisposable
    {
        /// <summary>Events are added to <see cref="Progress"/> in steps of this many (one interlocked add per step).</summary>
        private const int ProgressStep = 4096;

        private readonly string sql;
        private readonly Func<long, DateTimeOffset>? occurredFromLong;
        private readonly AuditKeyStore keys;
        private readonly AuditCanonicalForm.Hasher hasher = new();
        private byte[]? lastKeyIdUtf8;
        private AuditChainKey? lastKey;
        private readonly byte[] computed = new byte[AuditCanonicalForm.HashSize];

        public ChainReader(AuditChainStore store, AuditKeyStore keys, AuditVerificationProgress? progress)
        {
            Store = store;
            this.keys = keys;
            Progress = progress;
            sql = store.EventsSql;
            occurredFromLong = store.OccurredFromLong;
        }

        public AuditChainStore Store { get; }

        public AuditVerificationProgress? Progress { get; }

        public void Dispose() => hasher.Dispose();

        /// <summary>The chain head (last sequence and hash), or null when its row is gone.</summary>
        public async Task<AuditChainHead?> ReadHeadAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Store.HeadSql;
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

            await using var connection = Store.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            foreach (var chunk in sequences.Chunk(500))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Store.StoredSql + "(" + string.Join(", ", chunk.Select((_, i) => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
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
        public async Task<AuditBreak?> WalkAsync(DbConnection connection, WalkState state, long after, long until, CancellationToken cancellationToken)
        {
            if (connection is SqliteConnection sqlite && occurredFromLong is not null && SqliteColumns.Available)
            {
                return WalkSqlite(sqlite, state, after, until, cancellationToken);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            AddParameter(command, "@after", after);
            AddParameter(command, "@until", until);

            var unreported = 0;
            try
            {
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                var row = new ReaderEventRow(reader, occurredFromLong, textAsUtf8: connection is NpgsqlConnection);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var broken = Check(ref row, state);
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

        /// <summary>
        /// The same walk on SQLite through the connection's own statement API: each column is read as the bytes SQLite
        /// holds (text as UTF-8, exactly what <c>GetString</c> would decode), so no string is made and re-encoded per event.
        /// </summary>
        private AuditBreak? WalkSqlite(SqliteConnection connection, WalkState state, long after, long until, CancellationToken cancellationToken)
        {
            using var statement = SqliteStatement.Prepare(connection, sql, after, until);
            var row = new SqliteEventRow(statement, occurredFromLong!);
            var unreported = 0;
            try
            {
                while (statement.Step())
                {
                    var broken = Check(ref row, state);
                    if (broken is not null)
                    {
                        return broken;
                    }

                    if (++unreported == ProgressStep)
                    {
                        Progress?.Add(unreported);
                        unreported = 0;
                        cancellationToken.ThrowIfCancellationRequested();
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
        // The canonical form is written as the columns are read, in their order (Npgsql's sequential access needs it); the
        // checks and their order are those of one event at a time: sequence, link, key, hash.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private AuditBreak? Check<TRow>(ref TRow row, WalkState state)
            where TRow : struct, IAuditEventRow
        {
            var sequence = row.GetInt64(0);
            var expected = state.LastSequence + 1;
            if (sequence < expected)
            {
                return new AuditBreak(sequence, AuditBreakKind.EventInserted);
            }

            if (sequence > expected)
            {
                return new AuditBreak(expected, AuditBreakKind.EventMissing);
            }

            hasher.Begin(sequence, row.GetUtcTicks(1));
            Text(ref row, 2);
            Text(ref row, 3);
            Text(ref row, 4);
            hasher.RequestId(row.IsNull(5) ? null : row.GetGuid(5));
            Text(ref row, 6);
            Text(ref row, 7);

            // The key id: the same bytes as the last event's name the same key (one lookup per change of key, not per event).
            var keyed = !row.IsNull(8);
            string? keyId = null;
            if (keyed)
            {
                var bytes = row.GetText(8);
                if (lastKeyIdUtf8 is null || !bytes.SequenceEqual(lastKeyIdUtf8))
                {
                    keyId = Encoding.UTF8.GetString(bytes);
                }
            }

            if (state.Unanchored)
            {
                state.Unanchored = false;
                state.FirstSequence = sequence;
                state.FirstPreviousHash = row.GetBytes(9).ToArray();
                if (state.FirstPreviousHash.Length != AuditCanonicalForm.HashSize)
                {
                    return new AuditBreak(sequence, AuditBreakKind.LinkBroken);
                }

                state.FirstPreviousHash.CopyTo(state.LastHash, 0);
            }
            else if (!row.GetBytes(9).SequenceEqual(state.LastHash))
            {
                return new AuditBreak(sequence, AuditBreakKind.LinkBroken);
            }

            AuditChainKey? key = null;
            if (!keyed)
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
                if (keyId is not null)
                {
                    if (!keys.TryGetKey(keyId, out var found))
                    {
                        return new AuditBreak(sequence, AuditBreakKind.UnknownKey);
                    }

                    (lastKeyIdUtf8, lastKey) = (Encoding.UTF8.GetBytes(keyId), found);
                }

                key = lastKey;
                state.SeenKeyed = true;
            }

            hasher.Finish(state.LastHash, computed, key);
            if (!row.GetBytes(10).SequenceEqual(computed))
            {
                return new AuditBreak(sequence, AuditBreakKind.ContentChanged);
            }

            computed.CopyTo(state.LastHash, 0);
            state.LastSequence = sequence;
            state.Count++;
            return null;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private void Text<TRow>(ref TRow row, int ordinal)
            where TRow : struct, IAuditEventRow
        {
            if (row.IsNull(ordinal))
            {
                hasher.NullField();
            }
            else
            {
                hasher.Field(row.GetText(ordinal));
            }
        }
    }
}
