using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// The audit hash chain on each provider: every appended event is chained, also under concurrency; the app and the
/// database refuse changes; and editing any field of, deleting or inserting any single event is detected, with the
/// first broken sequence number. Each tampering test puts the row back afterwards and checks the chain is whole again,
/// which also shows the detection points at the right place.
/// </summary>
public abstract class AuditChainTests(AppFixture app)
{
    private TestDatabase Database => app.Database;

    private async Task RecordAsync(int count, string action = "test.event")
    {
        await app.WithScopeAsync(async services =>
        {
            var audit = services.GetRequiredService<AuditTrail>();
            for (var i = 0; i < count; i++)
            {
                audit.Record(action, i % 2 == 0 ? Guid.CreateVersion7() : null, new { n = i, note = "a|b\"c" }, actorId: $"user-{i}", actorRole: i % 3 == 0 ? null : "Staff");
            }

            await services.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
        });
    }

    private async Task<(long Sequence, long Count)> WholeChainAsync()
    {
        var result = await AuditDatabase.VerifyAsync(app);
        Assert.True(result.IsWhole, $"expected a whole chain, got {result.FirstBreak}");
        return (result.LastSequence, result.VerifiedCount);
    }

    private async Task<AuditBreak> BrokenAsync()
    {
        var result = await AuditDatabase.VerifyAsync(app);
        Assert.False(result.IsWhole, "the tampering was not detected");
        return result.FirstBreak!;
    }

    [Fact]
    public async Task Events_are_numbered_without_gaps_and_chain_across_saves()
    {
        await RecordAsync(3);
        await RecordAsync(2);
        var (last, count) = await WholeChainAsync();
        Assert.Equal(last, count);

        var events = await app.WithDbAsync(db => db.AuditEvents.OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(new byte[32], events[0].PreviousHash);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(i == 0 ? new byte[32] : events[i - 1].Hash, events[i].PreviousHash);

            // Keyed: the HMAC under the current chain key, whose id the event records, not the plain SHA-256.
            Assert.Equal(ChainKey.Id, events[i].ChainKeyId);
            Assert.Equal(AuditCanonicalForm.Hash(events[i].PreviousHash, events[i], ChainKey), events[i].Hash);
            Assert.NotEqual(AuditCanonicalForm.Hash(events[i].PreviousHash, events[i]), events[i].Hash);
        }

        var head = await app.WithDbAsync(db => db.AuditChainHeads.SingleAsync());
        Assert.Equal(events[^1].Sequence, head.LastSequence);
        Assert.Equal(events[^1].Hash, head.LastHash);
    }

    [Fact]
    public async Task Concurrent_appends_from_two_instances_and_many_requests_keep_one_unbroken_chain()
    {
        var before = (await AuditDatabase.VerifyAsync(app)).VerifiedCount;
        await using var second = new PrivacyDeskFactory(Database);
        _ = second.Server;

        async Task AppendAsync(IServiceProvider root, int worker)
        {
            for (var i = 0; i < 5; i++)
            {
                await using var scope = root.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
                var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();

                // Half in the caller's own transaction, half relying on the one SaveChanges opens.
                if (worker % 2 == 0)
                {
                    // A user transaction runs inside the execution strategy (the app's contexts retry transient failures).
                    await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync();
                        audit.Record("test.concurrent", null, new { worker, i });
                        audit.Record("test.concurrent", null, new { worker, i, second = true });
                        await db.SaveChangesAsync();
                        await transaction.CommitAsync();
                    });
                }
                else
                {
                    audit.Record("test.concurrent", null, new { worker, i });
                    await db.SaveChangesAsync();
                }
            }
        }

        // Twelve workers, six per instance; half of them save two events in their own transaction, half one event each.
        var workers = Enumerable.Range(0, 12)
            .Select(w => Task.Run(() => AppendAsync(w % 2 == 0 ? app.Factory.Services : second.Services, w / 2)))
            .ToArray();
        await Task.WhenAll(workers);

        var (last, count) = await WholeChainAsync();
        Assert.Equal(before + (6 * 5 * 2) + (6 * 5), count);
        Assert.Equal(last, count);
    }

    [Fact]
    public async Task The_app_refuses_to_update_or_delete_an_event()
    {
        await RecordAsync(1);
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PrivacyDeskDbContext>();
            var stored = await db.AuditEvents.OrderBy(e => e.Sequence).FirstAsync();
            stored.ActorId = "someone-else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();

            db.AuditEvents.Remove(await db.AuditEvents.OrderBy(e => e.Sequence).FirstAsync());
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        });

        await WholeChainAsync();
    }

    [Fact]
    public async Task The_database_refuses_update_and_delete_even_in_raw_sql()
    {
        await RecordAsync(1);
        await Assert.ThrowsAnyAsync<Exception>(() => AuditDatabase.ExecuteAsync(Database, """UPDATE "AuditEvents" SET "ActorId" = 'x'"""));
        await Assert.ThrowsAnyAsync<Exception>(() => AuditDatabase.ExecuteAsync(Database, """DELETE FROM "AuditEvents" """));
        await Assert.ThrowsAnyAsync<Exception>(() => AuditDatabase.ExecuteAsync(Database, """DELETE FROM "AuditChainHead" """));
        Assert.NotEqual(0L, Convert.ToInt64(await AuditDatabase.ScalarAsync(Database, """SELECT COUNT(*) FROM "AuditEvents" WHERE "ActorId" <> 'x'"""),
            System.Globalization.CultureInfo.InvariantCulture));
        await WholeChainAsync();
    }

    public static TheoryData<string> Fields() => new()
    {
        "OccurredAt", "ActorId", "ActorRole", "Action", "RequestId", "Details", "IpAddress", "PreviousHash", "Hash", "Sequence", "ChainKeyId",
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Editing_any_field_of_one_event_is_detected_at_that_event(string field)
    {
        await RecordAsync(4);
        var (last, _) = await WholeChainAsync();
        var target = last - 2;
        var original = await AuditDatabase.RowAsync(Database, target);
        var changed = field switch
        {
            // Below a millisecond: 0.1 ms in SQLite's stored form, 1 µs in PostgreSQL.
            "OccurredAt" => Database.IsSqlite() ? (long)original[field]! + (1L << 11) : ((DateTime)original[field]!).AddTicks(10),
            "RequestId" => Database.IsSqlite() ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid(),
            "PreviousHash" or "Hash" => Flip((byte[])original[field]!),
            "Sequence" => target + 1_000_000,
            "ActorRole" => original[field] is null ? "Admin" : null,
            "Details" => "{\"n\":999}",
            "IpAddress" => "203.0.113.66",
            "ChainKeyId" => "k00112233445566ff",
            _ => (object)"changed",
        };
        var key = field == "Sequence" ? target + 1_000_000 : target;
        Assert.Equal(1, await AuditDatabase.TamperAsync(Database, $"""UPDATE "AuditEvents" SET "{field}" = @v WHERE "Sequence" = @s""", ("@v", changed), ("@s", target)));

        var broken = await BrokenAsync();
        Assert.Equal(target, broken.Sequence);
        Assert.Equal(field switch
        {
            "Sequence" => AuditBreakKind.EventMissing,
            "PreviousHash" => AuditBreakKind.LinkBroken,
            "ChainKeyId" => AuditBreakKind.UnknownKey,
            _ => AuditBreakKind.ContentChanged,
        }, broken.Kind);

        Assert.Equal(1, await AuditDatabase.TamperAsync(Database, $"""UPDATE "AuditEvents" SET "{field}" = @v WHERE "Sequence" = @s""", ("@v", original[field]), ("@s", key)));
        await WholeChainAsync();
    }

    [Fact]
    public async Task Editing_an_event_and_rehashing_it_even_with_the_key_breaks_the_link_to_the_next()
    {
        await RecordAsync(3);
        var (last, _) = await WholeChainAsync();
        var target = last - 1;
        var stored = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == target));
        stored.ActorId = "forger";
        var forged = AuditCanonicalForm.Hash(stored.PreviousHash, stored, ChainKey);
        var original = await AuditDatabase.RowAsync(Database, target);
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditEvents" SET "ActorId" = 'forger', "Hash" = @h WHERE "Sequence" = @s""", ("@h", forged), ("@s", target));

        var broken = await BrokenAsync();
        Assert.Equal(last, broken.Sequence);
        Assert.Equal(AuditBreakKind.LinkBroken, broken.Kind);

        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditEvents" SET "ActorId" = @a, "Hash" = @h WHERE "Sequence" = @s""",
            ("@a", original["ActorId"]), ("@h", original["Hash"]), ("@s", target));
        await WholeChainAsync();
    }

    [Theory]
    [InlineData("first")]
    [InlineData("middle")]
    [InlineData("last")]
    public async Task Deleting_any_single_event_is_detected(string which)
    {
        await RecordAsync(3);
        var (last, _) = await WholeChainAsync();
        var target = which switch { "first" => 1, "middle" => last - 1, _ => last };
        var original = await AuditDatabase.RowAsync(Database, target);
        Assert.Equal(1, await AuditDatabase.TamperAsync(Database, """DELETE FROM "AuditEvents" WHERE "Sequence" = @s""", ("@s", target)));

        var broken = await BrokenAsync();
        Assert.Equal(AuditBreakKind.EventMissing, broken.Kind);
        Assert.Equal(target, broken.Sequence);

        await ReinsertAsync(original);
        await WholeChainAsync();
    }

    [Fact]
    public async Task Inserting_an_event_is_detected_even_with_a_hash_computed_with_the_key()
    {
        await RecordAsync(2);
        var (last, _) = await WholeChainAsync();
        var lastRow = await AuditDatabase.RowAsync(Database, last);

        // A forger who knows the scheme: the next number, the last hash as previous, a hash computed over the content.
        var forged = new AuditEvent
        {
            Sequence = last + 1,
            OccurredAt = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence == last).Select(e => e.OccurredAt).SingleAsync()),
            ActorId = "forger",
            Action = "request.viewed",
            PreviousHash = (byte[])lastRow["Hash"]!,
        };
        forged.Hash = AuditCanonicalForm.Hash(forged.PreviousHash, forged, ChainKey);
        var row = new Dictionary<string, object?>(lastRow)
        {
            ["Sequence"] = forged.Sequence, ["ActorId"] = forged.ActorId, ["Action"] = forged.Action, ["ActorRole"] = null, ["RequestId"] = null,
            ["Details"] = null, ["IpAddress"] = null, ["PreviousHash"] = forged.PreviousHash, ["Hash"] = forged.Hash,
        };
        await ReinsertAsync(row);

        var broken = await BrokenAsync();
        Assert.Equal(AuditBreakKind.EventInserted, broken.Kind);
        Assert.Equal(last + 1, broken.Sequence);

        // And one slipped in before the first, with a number the chain never uses.
        await AuditDatabase.TamperAsync(Database, """DELETE FROM "AuditEvents" WHERE "Sequence" = @s""", ("@s", last + 1));
        row["Sequence"] = 0L;
        await ReinsertAsync(row);
        broken = await BrokenAsync();
        Assert.Equal(AuditBreakKind.EventInserted, broken.Kind);
        Assert.Equal(0, broken.Sequence);

        await AuditDatabase.TamperAsync(Database, """DELETE FROM "AuditEvents" WHERE "Sequence" = 0""");
        await WholeChainAsync();
    }

    [Fact]
    public async Task A_chain_head_that_disagrees_with_the_last_event_is_detected()
    {
        await RecordAsync(1);
        var (last, _) = await WholeChainAsync();
        var original = await AuditDatabase.ScalarAsync(Database, """SELECT "LastHash" FROM "AuditChainHead" """);
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditChainHead" SET "LastHash" = @h""", ("@h", new byte[32]));
        var broken = await BrokenAsync();
        Assert.Equal(AuditBreakKind.ChainHeadMismatch, broken.Kind);
        Assert.Equal(last, broken.Sequence);
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditChainHead" SET "LastHash" = @h""", ("@h", original));
        await WholeChainAsync();
    }

    [Fact]
    public async Task Verify_audit_command_exits_non_zero_when_broken()
    {
        await RecordAsync(2);
        await WholeChainAsync();
        Assert.Equal(0, await app.WithScopeAndReturnAsync(services => new VerifyAuditCommand().ExecuteAsync(services, [], CancellationToken.None)));

        var (last, _) = await WholeChainAsync();
        var original = await AuditDatabase.RowAsync(Database, last);
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditEvents" SET "Action" = 'x' WHERE "Sequence" = @s""", ("@s", last));
        Assert.Equal(1, await app.WithScopeAndReturnAsync(services => new VerifyAuditCommand().ExecuteAsync(services, [], CancellationToken.None)));
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditEvents" SET "Action" = @a WHERE "Sequence" = @s""", ("@a", original["Action"]), ("@s", last));
        await WholeChainAsync();
    }

    /// <summary>
    /// Text the verifier reads as the database's own UTF-8 bytes (no string in between) hashes exactly as the canonical
    /// form of the recorded strings: quotes, backslashes, control characters, Japanese, characters outside the BMP,
    /// empty strings and nulls in every nullable column. A change of one character inside such text is still found.
    /// </summary>
    [Fact]
    public async Task Text_that_needs_escaping_and_null_columns_verify_as_recorded()
    {
        string[] texts = ["", "a\"b'c\\d", "line\nbreak\ttab\r", "山田 太郎（総務部）", "emoji 🙂 𠮷", "{\"k\":\"\\u0000 \\\"x\\\"\"}", "  spaces  "];
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PrivacyDeskDbContext>();
            var order = 0L;
            foreach (var (text, i) in texts.Select((t, i) => (t, i)))
            {
                db.AuditEvents.Add(new AuditEvent
                {
                    RecordedOrder = ++order,
                    OccurredAt = AuditCanonicalForm.Truncate(DateTimeOffset.UtcNow),
                    ActorId = text,
                    ActorRole = i % 2 == 0 ? null : text,
                    Action = "test.text",
                    RequestId = i % 3 == 0 ? null : Guid.CreateVersion7(),
                    Details = i % 2 == 1 ? null : text,
                    IpAddress = i % 2 == 0 ? null : "2001:db8::1",
                });
            }

            await db.SaveChangesAsync();
        });

        var (last, _) = await WholeChainAsync();
        var target = last - 2;
        var original = await AuditDatabase.RowAsync(Database, target);
        Assert.Equal("emoji 🙂 𠮷", original["ActorId"]);
        Assert.Equal(1, await AuditDatabase.TamperAsync(Database, """UPDATE "AuditEvents" SET "ActorId" = @v WHERE "Sequence" = @s""", ("@v", "emoji 🙃 𠮷"), ("@s", target)));
        var broken = await BrokenAsync();
        Assert.Equal((target, AuditBreakKind.ContentChanged), (broken.Sequence, broken.Kind));
        await AuditDatabase.TamperAsync(Database, """UPDATE "AuditEvents" SET "ActorId" = @v WHERE "Sequence" = @s""", ("@v", original["ActorId"]), ("@s", target));
        await WholeChainAsync();
    }

    /// <summary>The verifier reads with plain SQL (no EF model): its names must be those the model maps on this provider.</summary>
    [Fact]
    public async Task The_verifier_reads_the_tables_and_columns_the_model_maps()
    {
        var (events, stored, head) = await app.WithDbAsync(db =>
        {
            var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            var columns = string.Join(", ", new[]
            {
                nameof(AuditEvent.Sequence), nameof(AuditEvent.OccurredAt), nameof(AuditEvent.ActorId), nameof(AuditEvent.ActorRole),
                nameof(AuditEvent.Action), nameof(AuditEvent.RequestId), nameof(AuditEvent.Details), nameof(AuditEvent.IpAddress),
                nameof(AuditEvent.ChainKeyId), nameof(AuditEvent.PreviousHash), nameof(AuditEvent.Hash),
            }.Select(Column));
            var sequence = Column(nameof(AuditEvent.Sequence));
            var name = sql.DelimitIdentifier(table.Name, table.Schema);
            var headEntity = db.Model.FindEntityType(typeof(AuditChainHead))!;
            var headTable = StoreObjectIdentifier.Table(headEntity.GetTableName()!, headEntity.GetSchema());
            string HeadColumn(string property) => sql.DelimitIdentifier(headEntity.FindProperty(property)!.GetColumnName(headTable)!);

            // SQLite stores the instant through the converter the verifier uses; the other providers as a date-time.
            var converter = entity.FindProperty(nameof(AuditEvent.OccurredAt))!.GetTypeMapping().Converter;
            Assert.Equal(Database.IsSqlite() ? typeof(DateTimeOffsetToBinaryConverter) : null, converter?.GetType());
            return Task.FromResult((
                $"SELECT {columns} FROM {name} WHERE {sequence} > @after AND {sequence} <= @until ORDER BY {sequence}",
                $"SELECT {sequence}, {Column(nameof(AuditEvent.Hash))}, {Column(nameof(AuditEvent.ChainKeyId))} FROM {name} WHERE {sequence} IN ",
                $"SELECT {HeadColumn(nameof(AuditChainHead.LastSequence))}, {HeadColumn(nameof(AuditChainHead.LastHash))} " +
                $"FROM {sql.DelimitIdentifier(headTable.Name, headTable.Schema)} WHERE {HeadColumn(nameof(AuditChainHead.Id))} = {AuditChainHead.SingletonId}"));
        });

        var store = AuditChainStore.For(app.Factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.Equal(events, store.EventsSql);
        Assert.Equal(stored, store.StoredSql);
        Assert.Equal(head, store.HeadSql);
        Assert.Equal(Database.IsSqlite(), store.OccurredFromLong is not null);

        // On SQLite the tests above ran the direct column reads, not the ADO.NET fallback.
        Assert.True(!Database.IsSqlite() || SqliteColumns.Available, "the e_sqlite3 column getters are not available");
    }

    private Task ReinsertAsync(Dictionary<string, object?> row) => AuditDatabase.ReinsertAsync(Database, row);

    private AuditChainKey ChainKey => app.Factory.Services.GetRequiredService<AuditKeyStore>().Current;

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[0] ^= 0xFF;
        return copy;
    }
}

public sealed class AuditChainTestsOnSqlite(SqliteAppFixture app) : AuditChainTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class AuditChainTestsOnPostgres(PostgresAppFixture app) : AuditChainTests(app), IClassFixture<PostgresAppFixture>;
