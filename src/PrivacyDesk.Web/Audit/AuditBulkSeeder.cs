using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Appends many fictitious, correctly chained audit events fast, for the verification benchmark (<c>seed-audit</c>):
/// batches in their own transactions under the chain lock, PostgreSQL through binary COPY, the other providers through
/// one prepared INSERT. The chain continues from the current head, keyed with the current chain key, so the result
/// verifies like real events.
/// </summary>
public sealed class AuditBulkSeeder(PrivacyDeskDbContext db, TimeProvider clock, AuditKeyStore keys)
{
    private static readonly string[] Actions =
    [
        "request.viewed", "document.viewed", "request.status_changed", "staff.signed_in", "staff.signed_out", "request.status_viewed",
        "letter.issued", "fee.recorded", "audit.timeline_viewed", "request.submitted",
    ];

    private static readonly string[] Roles = ["Staff", "Supervisor", "Auditor", "Admin"];

    private static readonly string[] ParameterNames = ["@s", "@o", "@a", "@r", "@c", "@q", "@d", "@i", "@p", "@h", "@k"];

    /// <summary>
    /// Unkeyed events, as versions before the chain key wrote them (tests of the legacy prefix only; the verifier refuses
    /// them after a keyed event).
    /// </summary>
    internal bool Legacy { get; set; }

    public async Task<long> SeedAsync(long count, int batchSize, int seed, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var random = new Random(seed);
        var actors = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var requests = Enumerable.Range(0, 5_000).Select(_ => Guid.CreateVersion7()).ToArray();
        var start = clock.GetUtcNow().AddDays(-365);
        var step = TimeSpan.FromDays(365).Ticks / count;
        using var hasher = new AuditCanonicalForm.Hasher();
        var key = Legacy ? null : keys.Current;

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var done = 0L;
            while (done < count)
            {
                var size = (int)Math.Min(batchSize, count - done);
                // Under the execution strategy; a retry re-reads the head and rebuilds the batch.
                await db.RetriedCountAsync(async ct =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var head = await AuditChain.LockHeadAsync(db, sync: false, ct);
                    var previous = head.LastHash;
                    var batch = new List<AuditEvent>(size);
                    for (var i = 0; i < size; i++)
                    {
                        var n = done + i;
                        var requestId = random.Next(10) == 0 ? (Guid?)null : requests[random.Next(requests.Length)];
                        var e = new AuditEvent
                        {
                            Sequence = head.LastSequence + i + 1,
                            OccurredAt = AuditCanonicalForm.Truncate(start.AddTicks(n * step)),
                            ActorId = actors[random.Next(actors.Length)],
                            ActorRole = Roles[random.Next(Roles.Length)],
                            Action = Actions[random.Next(Actions.Length)],
                            RequestId = requestId,
                            Details = requestId is null ? null : string.Create(CultureInfo.InvariantCulture, $"{{\"documentId\":\"{Guid.CreateVersion7()}\",\"n\":{n}}}"),
                            IpAddress = string.Create(CultureInfo.InvariantCulture, $"10.0.{random.Next(256)}.{random.Next(1, 255)}"),
                            PreviousHash = previous,
                            ChainKeyId = key?.Id,
                        };
                        e.Hash = new byte[AuditCanonicalForm.HashSize];
                        hasher.Compute(previous, e.Sequence, e.OccurredAt, e.ActorId, e.ActorRole, e.Action, e.RequestId, e.Details, e.IpAddress, e.Hash, key);
                        previous = e.Hash;
                        batch.Add(e);
                    }

                    if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
                    {
                        await CopyAsync(npgsql, batch, ct);
                    }
                    else
                    {
                        await InsertAsync(transaction.GetDbTransaction(), batch, ct);
                    }

                    await AuditChain.MoveHeadAsync(db, head.LastSequence + size, previous, sync: false, ct);
                    await transaction.CommitAsync(ct);
                    return size;
                }, cancellationToken);
                done += size;
                progress?.Invoke(done);
            }

            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<AuditEvent> batch, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "AuditEvents" ("Sequence", "OccurredAt", "ActorId", "ActorRole", "Action", "RequestId", "Details", "IpAddress", "PreviousHash", "Hash", "ChainKeyId") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var e in batch)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(e.ActorId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, e.ActorRole, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(e.Action, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, e.RequestId, NpgsqlDbType.Uuid, cancellationToken);
            await WriteNullableAsync(writer, e.Details, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, e.IpAddress, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(e.PreviousHash, NpgsqlDbType.Bytea, cancellationToken);
            await writer.WriteAsync(e.Hash, NpgsqlDbType.Bytea, cancellationToken);
            await WriteNullableAsync(writer, e.ChainKeyId, NpgsqlDbType.Text, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    private async Task InsertAsync(DbTransaction transaction, List<AuditEvent> batch, CancellationToken cancellationToken)
    {
        var occurred = db.Model.FindEntityType(typeof(AuditEvent))!.FindProperty(nameof(AuditEvent.OccurredAt))!.GetTypeMapping().Converter;
        var toProvider = occurred is ValueConverter<DateTimeOffset, long> converter ? converter.ConvertToProviderExpression.Compile() : null;

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "AuditEvents" ("Sequence", "OccurredAt", "ActorId", "ActorRole", "Action", "RequestId", "Details", "IpAddress", "PreviousHash", "Hash", "ChainKeyId")
            VALUES (@s, @o, @a, @r, @c, @q, @d, @i, @p, @h, @k)
            """;
        var parameters = ParameterNames.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        foreach (var e in batch)
        {
            parameters[0].Value = e.Sequence;
            parameters[1].Value = toProvider is null ? e.OccurredAt : toProvider(e.OccurredAt);
            parameters[2].Value = e.ActorId;
            parameters[3].Value = (object?)e.ActorRole ?? DBNull.Value;
            parameters[4].Value = e.Action;

            // SQLite keeps GUIDs as upper-case text (EF's mapping); other providers take the Guid.
            parameters[5].Value = e.RequestId is { } id ? (toProvider is null ? id : id.ToString().ToUpperInvariant()) : DBNull.Value;
            parameters[6].Value = (object?)e.Details ?? DBNull.Value;
            parameters[7].Value = (object?)e.IpAddress ?? DBNull.Value;
            parameters[8].Value = e.PreviousHash;
            parameters[9].Value = e.Hash;
            parameters[10].Value = (object?)e.ChainKeyId ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
