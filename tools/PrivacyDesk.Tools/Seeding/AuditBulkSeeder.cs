using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Tools.Seeding;

/// <summary>
/// Appends many fictitious audit events for the verification benchmark (<c>seed-audit</c>). They go through
/// <see cref="AuditTrail"/> and the chain in <c>SaveChanges</c>, like real events (one save per batch, each in its own
/// transaction under the chain lock), so the tool writes nothing the product's own recording could not have written:
/// the only audit API it uses is <see cref="AuditTrail.Record"/>.
/// </summary>
public sealed class AuditBulkSeeder(PrivacyDeskDbContext db, AuditTrail audit)
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
    /// them after a keyed event). <see cref="AuditTrail"/> can no longer write such rows, by design, so this mode alone
    /// inserts rows itself.
    /// </summary>
    internal bool Legacy { get; set; }

    public async Task<long> SeedAsync(long count, int batchSize, int seed, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var random = new Random(seed);
        var actors = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var requests = Enumerable.Range(0, 5_000).Select(_ => Guid.CreateVersion7()).ToArray();
        var done = 0L;
        while (done < count)
        {
            var size = (int)Math.Min(batchSize, count - done);
            if (Legacy)
            {
                await LegacyBatchAsync(random, actors, requests, done, size, cancellationToken);
            }
            else
            {
                for (var i = 0; i < size; i++)
                {
                    var requestId = random.Next(10) == 0 ? (Guid?)null : requests[random.Next(requests.Length)];
                    audit.Record(Actions[random.Next(Actions.Length)], requestId,
                        requestId is null ? null : new { documentId = Guid.CreateVersion7(), n = done + i },
                        actors[random.Next(actors.Length)], Roles[random.Next(Roles.Length)]);
                }

                await db.SaveChangesAsync(cancellationToken);

                // A million tracked events would be kept in memory for nothing.
                db.ChangeTracker.Clear();
            }

            done += size;
            progress?.Invoke(done);
        }

        return done;
    }

    private async Task LegacyBatchAsync(Random random, string[] actors, Guid[] requests, long done, int size, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        using var hasher = new AuditCanonicalForm.Hasher();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.RetriedCountAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var head = await AuditChain.LockHeadAsync(db, sync: false, ct);
                var previous = head.LastHash;
                var batch = new List<AuditEvent>(size);
                for (var i = 0; i < size; i++)
                {
                    var e = new AuditEvent
                    {
                        Sequence = head.LastSequence + i + 1,
                        OccurredAt = AuditCanonicalForm.Truncate(start.AddSeconds(done + i)),
                        ActorId = actors[random.Next(actors.Length)],
                        ActorRole = Roles[random.Next(Roles.Length)],
                        Action = Actions[random.Next(Actions.Length)],
                        RequestId = requests[random.Next(requests.Length)],
                        PreviousHash = previous,
                    };
                    e.Hash = new byte[AuditCanonicalForm.HashSize];
                    hasher.Compute(previous, e.Sequence, e.OccurredAt, e.ActorId, e.ActorRole, e.Action, e.RequestId, e.Details, e.IpAddress, e.Hash, null);
                    previous = e.Hash;
                    batch.Add(e);
                }

                await InsertAsync(transaction.GetDbTransaction(), batch, ct);
                await AuditChain.MoveHeadAsync(db, head.LastSequence + size, previous, sync: false, ct);
                await transaction.CommitAsync(ct);
                return size;
            }, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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
